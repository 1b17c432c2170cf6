/**
 * `ratecheck batch-size`: for a generated consistent system, the exact mean-square rate ρ_msq(B) of
 * minibatch heavy ball (BCW's parameters) against the batch size, and the critical batch sizes: the
 * measured B_stable (ρ_msq ≤ 1) and B_crit(ε) (√ρ_msq ≤ (1 + ε)√β) next to the reference code's B_true(k*)
 * and B_approx and the heuristic κ̄/√κ. With --sweep, the exponent of B_crit against κ̄/√κ over a grid of
 * κ and d, with a Student-t interval.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { alignedTable, buildLeastSquares, type Command, InvalidArgumentError, ROW_NORM_PROFILES, type RowNormProfile, type Sampling, SPECTRUM_SHAPES, type SpectrumShape, UsageError } from 'ratecheck';
import { analyzeBatchSizes, rateTable, sweepBatchSizes, type BatchSizeAnalysis, type RateRow, type SweepResult } from './batch-size.ts';

export interface BatchSizeArgs {
  n?: number;
  d?: number;
  kappa?: number;
  spectrum?: SpectrumShape;
  rowNorms?: RowNormProfile;
  /** 'spread' rows: ratio of the largest to the smallest squared row norm */
  spread?: number;
  seed?: number;
  sampling?: Sampling;
  /** margin parameter c of get_params */
  c?: number;
  /** ε of B_crit (default: half the accelerated gap) */
  epsilon?: number;
  /** accuracy ε of k* (default 1e-6) */
  accuracy?: number;
  /** batch sizes of the ρ_msq table (default: powers of 2 up to 4·B_crit, plus the thresholds) */
  batches?: number[];
  sweep?: boolean;
  sweepKappas?: number[];
  sweepDims?: number[];
}

export interface BatchSizeReport {
  kind: 'ratecheck-batch-size';
  instance: { n: number; d: number; conditionNumber: number; spectrum: SpectrumShape; rowNorms: RowNormProfile; seed: number; sampling: Sampling };
  analysis: BatchSizeAnalysis;
  rates: RateRow[];
  sweep?: SweepResult;
}

const DEFAULTS = { n: 400, d: 12, kappa: 100, spectrum: 'linear' as SpectrumShape, rowNorms: 'uniform' as RowNormProfile, seed: 1, sampling: 'row-norm' as Sampling };
/** Batch sizes above this are indistinguishable from the full gradient in float64 (1/B below 1e-15). */
export const MAX_BATCH = 2 ** 50;

function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e6 ? Number(v.toPrecision(digits)).toString() : v.toExponential(digits - 1);
}


function checkArgs(a: BatchSizeArgs): void {
  const posInt = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  };
  posInt('--n', a.n);
  posInt('--d', a.d);
  if (a.seed !== undefined && !Number.isInteger(a.seed)) throw new RangeError(`--seed must be an integer, got ${a.seed}`);
  if (a.kappa !== undefined && !(a.kappa >= 1 && Number.isFinite(a.kappa))) throw new RangeError(`--kappa must be a finite number ≥ 1, got ${a.kappa}`);
  if (a.spectrum !== undefined && !SPECTRUM_SHAPES.includes(a.spectrum)) throw new RangeError(`--spectrum must be one of ${SPECTRUM_SHAPES.join(', ')}, got ${a.spectrum}`);
  if (a.rowNorms !== undefined && !ROW_NORM_PROFILES.includes(a.rowNorms)) throw new RangeError(`--row-norms must be one of ${ROW_NORM_PROFILES.join(', ')}, got ${a.rowNorms}`);
  if (a.sampling !== undefined && a.sampling !== 'row-norm' && a.sampling !== 'uniform') throw new RangeError(`--sampling must be row-norm or uniform, got ${a.sampling}`);
  for (const B of a.batches ?? []) {
    if (!(Number.isInteger(B) && B >= 1)) throw new RangeError(`batch sizes must be positive integers, got ${B}`);
    if (B > MAX_BATCH) throw new RangeError(`batch size ${B} exceeds 2^50: at that size the method is the full-gradient heavy ball`);
  }
}

function defaultBatches(a: BatchSizeAnalysis): number[] {
  const top = Math.min(MAX_BATCH, Math.max(4, 4 * a.bCrit.batch));
  const out = new Set<number>();
  for (let B = 1; B <= top; B *= 2) out.add(B);
  for (const B of [a.bStable.batch, a.bCrit.batch, Math.ceil(a.bApprox), Math.ceil(a.bTrue)]) if (B >= 1 && B <= MAX_BATCH) out.add(B);
  return [...out].sort((x, y) => x - y);
}

/** The command's work: a text table and the JSON report. Throws RangeError on bad arguments. */
export function batchSizeCommand(args: BatchSizeArgs): { text: string; json: BatchSizeReport } {
  checkArgs(args);
  const d = args.d ?? DEFAULTS.d;
  const n = args.n ?? Math.max(DEFAULTS.n, d);
  const conditionNumber = args.kappa ?? DEFAULTS.kappa;
  const spectrum = args.spectrum ?? DEFAULTS.spectrum;
  const rowNorms = args.rowNorms ?? DEFAULTS.rowNorms;
  const seed = args.seed ?? DEFAULTS.seed;
  const sampling = args.sampling ?? DEFAULTS.sampling;
  const problem = buildLeastSquares({ n, d, conditionNumber, spectrum, rowNorms, rowNormSpread: args.spread, seed });
  const options = { c: args.c, sampling, epsilon: args.epsilon, accuracy: args.accuracy };
  const analysis = analyzeBatchSizes(problem, options);
  const batches = args.batches ?? defaultBatches(analysis);
  const rates = rateTable(problem, batches, options);
  const p = analysis.parameters;
  const lines: string[] = [];
  lines.push(`minibatch heavy ball on a consistent ${n} x ${d} system (${spectrum} spectrum, ${rowNorms} row norms, seed ${seed}), ${sampling} sampling`);
  lines.push(
    `κ = ${fmt(analysis.conditionNumber)}, κ̄ = ‖A‖²_F/λ_min = ${fmt(analysis.demmelConditionNumber)}, stable rank ‖A‖²_F/λ_max = ${fmt(analysis.stableRank)}, η = ${fmt(analysis.eta)}`,
  );
  lines.push(`BCW parameters (c = ${p.c}): α = ${fmt(p.stepSize, 6)}, β = ${fmt(p.momentum, 6)}, √β = ${fmt(p.rate, 6)}, κ_C = ${fmt(p.kappaCAtMin)} (max over the spectrum ${fmt(p.kappaC)})`);
  lines.push('');
  lines.push('exact mean-square rate against the batch size:');
  const rateRows = [['B', 'ρ_msq(B)', '√ρ_msq', '√ρ_msq/√β', '1 − √ρ_msq', 'converges']];
  for (const r of rates) rateRows.push([String(r.batchSize), fmt(r.radius, 6), fmt(r.rate, 6), fmt(r.rateOverDeterministic, 6), fmt(1 - r.rate, 4), r.radius < 1 ? 'yes' : 'no']);
  rateRows.push(['∞ (full gradient)', fmt(p.momentum, 6), fmt(p.rate, 6), '1', fmt(1 - p.rate, 4), 'yes']);
  lines.push(alignedTable(rateRows));
  lines.push('');
  lines.push('critical batch sizes:');
  const crit = [
    ['threshold', 'batch', 'ratio to κ̄/√κ', 'meaning'],
    ['κ̄/√κ', fmt(analysis.icr), '1', 'heuristic scale (Lee et al. ICR; BCW B* up to log d)'],
    ['B_stable', String(analysis.bStable.batch), fmt(analysis.ratios.bStableOverIcr), 'measured: smallest B with ρ_msq(B) ≤ 1'],
    ['B_crit', String(analysis.bCrit.batch), fmt(analysis.ratios.bCritOverIcr), `measured: smallest B with √ρ_msq ≤ (1 + ε)√β, ε = ${fmt(analysis.epsilon)}`],
    ['B_approx', fmt(analysis.bApprox), fmt(analysis.bApprox / analysis.icr), 'reference code getB(mode=approx)'],
    ['B_true(k*)', fmt(analysis.bTrue), fmt(analysis.bTrue / analysis.icr), `reference code getB(mode=true), k* = ${fmt(analysis.kStar)} for accuracy ${analysis.accuracy}`],
  ];
  lines.push(alignedTable(crit));
  lines.push(`B_true/B_crit = ${fmt(analysis.ratios.bTrueOverBCrit)}, B_approx/B_crit = ${fmt(analysis.ratios.bApproxOverBCrit)}, B_approx/B_stable = ${fmt(analysis.ratios.bApproxOverBStable)}`);
  if (analysis.bApprox < analysis.bStable.real) lines.push('note: B_approx is below B_stable, so at B = B_approx the second moment diverges');
  const json: BatchSizeReport = {
    kind: 'ratecheck-batch-size',
    instance: { n, d, conditionNumber, spectrum, rowNorms, seed, sampling },
    analysis,
    rates,
  };
  if (args.sweep) {
    const sweep = sweepBatchSizes({
      ...options,
      conditionNumbers: args.sweepKappas ?? [10, 30, 100, 300, 1000],
      dimensions: args.sweepDims ?? [4, 8],
      spectrum,
      rowNorms,
      seed,
    });
    json.sweep = sweep;
    lines.push('');
    lines.push(`sweep over κ and d (n = 10d, ${spectrum} spectrum, ${rowNorms} row norms):`);
    const sr = [['d', 'κ', 'κ̄/√κ', 'B_stable', 'B_crit', 'B_approx', 'B_true', 'B_crit/(κ̄/√κ)']];
    for (const r of sweep.rows) sr.push([String(r.d), fmt(r.conditionNumber), fmt(r.icr), fmt(r.bStable), fmt(r.bCrit), fmt(r.bApprox), fmt(r.bTrue), fmt(r.bCrit / r.icr)]);
    lines.push(alignedTable(sr));
    for (const f of sweep.fits) {
      const name = f.driver === 'icr' ? 'κ̄/√κ' : 'κ̄√κ';
      const ci = f.fit.slopeInterval;
      lines.push(
        `exponent of ${f.response === 'bCrit' ? 'B_crit' : 'B_stable'} against ${name}: ${fmt(f.fit.slope)} (${Math.round(sweep.confidence * 100)}% CI ${fmt(ci.lower)} to ${fmt(ci.upper)}, R² ${fmt(f.fit.rSquared, 3)}): ` +
          (f.consistentWithOne ? `consistent with "grows like ${name}"` : `NOT consistent with "grows like ${name}"`),
      );
    }
    for (const k of sweep.kappaExponents) if (k.fit) lines.push(`d = ${k.d}: exponent of B_crit against κ alone ${fmt(k.fit.slope)} (CI ${fmt(k.fit.slopeInterval.lower)} to ${fmt(k.fit.slopeInterval.upper)})`);
  }
  return { text: lines.join('\n') + '\n', json };
}

/** JSON with non-finite numbers spelled out. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
}

function numberOption(name: string, check: (v: number) => boolean, what: string) {
  return (v: string): number => {
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x) || !check(x)) throw new InvalidArgumentError(`${name} must be ${what}.`);
    return x;
  };
}

function listOption(name: string, check: (v: number) => boolean, what: string) {
  return (v: string): number[] => {
    const parts = v.split(',').map((s) => s.trim());
    const xs = parts.map(Number);
    if (parts.some((s) => s === '') || xs.some((x) => !Number.isFinite(x) || !check(x))) throw new InvalidArgumentError(`${name} must be a comma-separated list of ${what}.`);
    return xs;
  };
}

const isPosInt = (x: number) => Number.isInteger(x) && x >= 1;

/** Adds `ratecheck batch-size` to the program. */
export function registerBatchSize(program: Command, io: { out: (s: string) => void; err: (s: string) => void }, setCode: (c: number) => void): Command {
  return program
    .command('batch-size')
    .description('exact mean-square rate of minibatch heavy ball against the batch size, and the critical batch sizes (measured vs the theory’s)')
    .option('--n <rows>', 'rows (default 400)', numberOption('--n', isPosInt, 'a positive integer'))
    .option('--d <columns>', 'columns (default 12)', numberOption('--d', isPosInt, 'a positive integer'))
    .option('--kappa <κ>', 'condition number of AᵀA (default 100)', numberOption('--kappa', (x) => x >= 1, 'a number ≥ 1'))
    .option('--spectrum <shape>', `spectrum of AᵀA: ${SPECTRUM_SHAPES.join(', ')} (default linear)`)
    .option('--row-norms <profile>', `row norms: ${ROW_NORM_PROFILES.join(', ')} (default uniform)`)
    .option('--spread <ratio>', 'spread rows: largest/smallest squared row norm (default 100)', numberOption('--spread', (x) => x >= 1, 'a number ≥ 1'))
    .option('--seed <s>', 'instance seed (default 1)', numberOption('--seed', Number.isInteger, 'an integer'))
    .option('--sampling <kind>', 'row-norm or uniform (default row-norm)')
    .option('--c <c>', 'margin parameter c of get_params (default 2)', numberOption('--c', (x) => x > 1, 'a number > 1'))
    .option('--epsilon <ε>', 'B_crit: √ρ_msq ≤ (1 + ε)√β (default: half the accelerated gap)', numberOption('--epsilon', (x) => x > 0, 'a positive number'))
    .option('--accuracy <ε>', 'accuracy of k* in B_true (default 1e-6)', numberOption('--accuracy', (x) => x > 0 && x < 1, 'a number in (0, 1)'))
    .option('--batches <list>', 'batch sizes of the table, e.g. 1,16,256', listOption('--batches', isPosInt, 'positive integers'))
    .option('--sweep', 'also sweep κ and d and fit the exponent of B_crit against κ̄/√κ', false)
    .option('--sweep-kappas <list>', 'condition numbers of the sweep (default 10,30,100,300,1000)', listOption('--sweep-kappas', (x) => x >= 1, 'numbers ≥ 1'))
    .option('--sweep-dims <list>', 'dimensions of the sweep (default 4,8)', listOption('--sweep-dims', isPosInt, 'positive integers'))
    .option('--json', 'print the JSON report instead of the tables', false)
    .option('--out <file>', 'also write the JSON report to this file')
    .action((opts: BatchSizeArgs & { json: boolean; out?: string }) => {
      let result: ReturnType<typeof batchSizeCommand>;
      try {
        result = batchSizeCommand(opts);
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(e.message);
        throw e;
      }
      const text = toJson(result.json);
      if (opts.out) {
        const file = resolve(opts.out);
        const tmp = `${file}.tmp-${process.pid}`;
        try {
          writeFileSync(tmp, text);
          renameSync(tmp, file);
        } catch (e) {
          throw new UsageError(`cannot write ${file}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      io.out(opts.json ? text : result.text + (opts.out ? `report: ${resolve(opts.out)}\n` : ''));
      setCode(0);
    });
}
