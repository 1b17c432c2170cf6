/**
 * Mutation analysis of a true claim (`ratecheck power`): what would a default verify have caught? Mutants
 * are derived from the claim itself: its primary bound strengthened by a fraction ε (an upper bound times
 * 1 − ε, a lower bound times 1 + ε), the exponent of its declared rate raised by ε (value(t)·q^{εt}), and
 * each hypothesis dropped in turn. For each ε-family a bisection on a log scale finds the smallest ε that a
 * verify of the mutant refutes: the claim's detection threshold. Every probe is a verify with the claim's
 * own seed, runs and examples (the instances a default verify of the claim draws), cut at a deadline; a
 * probe the deadline cuts counts as not refuted and is marked. The bisection assumes that a larger ε is
 * refuted whenever a smaller one is (true of these mutants instance by instance: each is stronger than
 * the last on every instance).
 */
import fc from 'fast-check';
import type { Claim, Verdict } from '../claims/types.ts';
import { raisedRate, strengthenedBound, variant } from '../claims/variants.ts';
import { claimSeed, verifyClaim } from './runner.ts';
import type { ClaimResult } from './result.ts';

export type MutantFamily = 'bound' | 'rate';

export interface PowerOptions {
  /** Instances per probe (default 100, a default verify's). */
  runs?: number;
  /** Global seed (default 42): probes use the claim's own seed derived from it, as verify does. */
  seed?: number;
  /** Wall-clock budget of the whole analysis, ms (default 300 s). */
  timeLimitMs?: number;
  /** Wall-clock budget of one probe, ms (default: a quarter of the whole, at least three times the claim's own verify). */
  probeLimitMs?: number;
  /** Range of ε searched: from maxEpsilon (default 0.5; for the rate exponent maxRateEpsilon, default 3) down to minEpsilon (default 1e-4). */
  maxEpsilon?: number;
  maxRateEpsilon?: number;
  minEpsilon?: number;
  /** The bisection stops when the bracket [held, refuted] is narrower than this ratio (default 1.25). */
  precision?: number;
  /** Iteration budget per trajectory (default: the claim's). */
  maxIterations?: number;
  /** Drop each hypothesis in turn (default true). */
  hypotheses?: boolean;
  /** Called with a line of progress after every probe. */
  onProgress?: (message: string) => void;
}

export interface Probe {
  epsilon: number;
  verdict: Verdict;
  refuted: boolean;
  /** The probe was cut by its deadline (counted as not refuted). */
  cut?: boolean;
  /** Where the mutant failed: first violating iteration and ratio of the shrunk instance. */
  violation?: { iteration: number; ratio: number };
  timeMs: number;
}

export interface FamilyPower {
  family: MutantFamily;
  description: string;
  /**
   * found: `threshold` is the smallest ε refuted, `heldAt` the largest ε that held (the bracket);
   * none: not refuted at maxEpsilon (no finite threshold in range); below-range: refuted at minEpsilon;
   * not-applicable: the primary bound declares no rate; cut: the time limit ended the search first.
   */
  status: 'found' | 'none' | 'below-range' | 'not-applicable' | 'cut';
  threshold: number | null;
  heldAt: number | null;
  probes: Probe[];
  note?: string;
}

export interface HypothesisPower {
  hypothesis: string;
  /** Instances of the claim's own verify that failed this hypothesis: 0 means dropping it changes no instance. */
  failedOn: number;
  verdict: Verdict;
  refuted: boolean;
  cut?: boolean;
  /** Not run: every instance of the claim's verify meets the hypothesis, so the mutant would check the same instances. */
  skipped?: boolean;
  timeMs: number;
  reason?: string;
}

export interface PowerResult {
  claimId: string;
  runs: number;
  seed: number;
  claimSeed: number;
  range: [number, number];
  /** The claim's own verify at these settings, the reference of every probe (a claim that does not hold there is not analysed). */
  base: { verdict: Verdict; instances: number; hypothesesMet: number; maxRatio: number | null; reason?: string };
  families: FamilyPower[];
  hypotheses: HypothesisPower[];
  timeMs: number;
  /** The time limit ended the analysis before every probe ran. */
  cut?: boolean;
}

const FAMILY_TEXT: Record<MutantFamily, string> = {
  bound: 'the primary bound strengthened by a fraction ε (upper bounds × (1 − ε), lower bounds × (1 + ε))',
  rate: 'the exponent of the declared rate raised by a fraction ε (value(t)·q^{εt})',
};

/** Whether a claim can be analysed: a true claim decided instance by instance. */
export function powerProblem(claim: Claim<unknown>): string | null {
  if (claim.expected !== 'holds') return `${claim.id} is expected to be ${claim.expected}: mutation analysis starts from a claim that holds`;
  if (claim.aggregate) return `${claim.id} is decided over many instances (${claim.aggregate.kind}); power works on per-instance bounds`;
  return null;
}

/** At most this many hypotheses are dropped (names that vary with the instance would be endless). */
const MAX_HYPOTHESES = 12;

/** Sample trials of the claim (its examples and a few drawn instances): hypothesis names and whether the primary bound declares a rate. */
function inspect(claim: Claim<unknown>, seed: number, maxIterations: number): { hypotheses: string[]; rate: boolean } {
  const params = [...(claim.examples ?? []), ...fc.sample(claim.params, { seed, numRuns: 20 })];
  const names = new Set<string>();
  let rate = false;
  for (const p of params) {
    try {
      const trial = claim.instantiate(p, { maxIterations });
      for (const h of trial.hypotheses) names.add(h.name);
      if (trial.bounds[0]?.rate !== undefined) rate = true;
    } catch {
      // an instance that cannot be built says nothing about the names; verify reports such defects
    }
  }
  return { hypotheses: [...names].slice(0, MAX_HYPOTHESES), rate };
}

/** ε as a percentage, compactly (1.9%, 0.012%). */
export function percent(epsilon: number): string {
  const p = epsilon * 100;
  return `${p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toPrecision(2)}%`;
}

export function analysePower(claim: Claim<any>, options: PowerOptions = {}): PowerResult {
  const problem = powerProblem(claim);
  if (problem) throw new RangeError(problem);
  const started = Date.now();
  const runs = options.runs ?? 100;
  const seed = options.seed ?? 42;
  const deadline = started + (options.timeLimitMs ?? 300_000);
  let probeLimit = options.probeLimitMs ?? Math.max(1000, (deadline - started) / 4);
  const maxEps = options.maxEpsilon ?? 0.5;
  const maxRateEps = options.maxRateEpsilon ?? 3;
  const minEps = options.minEpsilon ?? 1e-4;
  if (!(maxRateEps > minEps)) throw new RangeError(`need minEpsilon < maxRateEpsilon (got ${minEps}, ${maxRateEps})`);
  const precision = options.precision ?? 1.25;
  if (!(maxEps > minEps && minEps > 0 && maxEps < 1)) throw new RangeError(`need 0 < minEpsilon < maxEpsilon < 1 (got ${minEps}, ${maxEps})`);
  if (!(precision > 1)) throw new RangeError(`precision must exceed 1 (got ${precision})`);
  const seedOfClaim = claimSeed(seed, claim.id);
  const progress = options.onProgress ?? (() => {});
  let cut = false;

  // the mutants keep the claim's examples, profiles and budgets: they draw what its default verify draws
  const keep = { examples: claim.examples, profiles: claim.profiles, maxIterations: claim.maxIterations, maxRuns: claim.maxRuns, expected: 'holds' as const };
  const verify = (mutant: Claim<any>, limit = probeLimit): ClaimResult | null => {
    const now = Date.now();
    if (now >= deadline) {
      cut = true;
      return null;
    }
    return verifyClaim(mutant, { runs, seed, claimSeed: seedOfClaim, maxIterations: options.maxIterations, deadline: Math.min(deadline, now + limit) });
  };

  const mutantOf = (family: MutantFamily, epsilon: number): Claim<any> => {
    const info = { ...keep, id: `${claim.id}.power-${family}`, statement: `${claim.statement} (mutant: ${family} ε = ${epsilon})`, falseBecause: `mutation analysis: ${FAMILY_TEXT[family]}, ε = ${epsilon}` };
    return family === 'bound' ? strengthenedBound(claim, epsilon, info) : raisedRate(claim, epsilon, info);
  };

  const probe = (family: MutantFamily, epsilon: number, probes: Probe[]): Probe | null => {
    const r = verify(mutantOf(family, epsilon));
    if (!r) return null;
    const p: Probe = { epsilon, verdict: r.verdict, refuted: r.verdict === 'refuted', timeMs: Math.round(r.timeMs) };
    if (r.verdict === 'inconclusive' && (r.cut || /time limit/.test(r.reason ?? ''))) p.cut = true;
    if (r.counterexample) p.violation = { iteration: r.counterexample.violation.iteration, ratio: r.counterexample.violation.ratio };
    probes.push(p);
    progress(`${claim.id}: ${family} ε = ${percent(epsilon)}: ${r.verdict}${p.cut ? ' (cut by the time limit)' : ''}${p.violation ? ` at t = ${p.violation.iteration}, ratio ${p.violation.ratio.toPrecision(6)}` : ''} (${(r.timeMs / 1000).toFixed(1)} s)`);
    return p;
  };

  const search = (family: MutantFamily): FamilyPower => {
    const probes: Probe[] = [];
    const out = (status: FamilyPower['status'], threshold: number | null, heldAt: number | null, note?: string): FamilyPower => ({
      family, description: FAMILY_TEXT[family], status, threshold, heldAt, probes, ...(note ? { note } : {}),
    });
    const topEps = family === 'rate' ? maxRateEps : maxEps;
    const top = probe(family, topEps, probes);
    if (!top) return out('cut', null, null);
    if (top.verdict === 'error') return out('none', null, null, `the mutant at ε = ${percent(topEps)} ended in an error`);
    if (!top.refuted) return out(top.cut ? 'cut' : 'none', null, topEps);
    let lo = minEps, hi = topEps, loProbed = false;
    while (hi / lo > precision) {
      const mid = Math.sqrt(lo * hi);
      const p = probe(family, mid, probes);
      if (!p) return out('cut', hi, loProbed ? lo : null);
      if (p.refuted) hi = mid;
      else {
        lo = mid;
        loProbed = true;
      }
    }
    if (!loProbed) {
      const p = probe(family, minEps, probes);
      if (!p) return out('cut', hi, null);
      if (p.refuted) return out('below-range', minEps, null);
      lo = minEps;
    }
    return out('found', hi, lo);
  };

  // the claim itself gets the whole budget; a mutant that holds costs about as much as it did
  const baseResult = verify(claim, Infinity);
  if (baseResult && options.probeLimitMs === undefined) probeLimit = Math.max(probeLimit, 3 * baseResult.timeMs);
  const base = baseResult
    ? { verdict: baseResult.verdict, instances: baseResult.instances, hypothesesMet: baseResult.hypothesesMet, maxRatio: baseResult.maxRatio, ...(baseResult.reason ? { reason: baseResult.reason } : {}) }
    : { verdict: 'inconclusive' as const, instances: 0, hypothesesMet: 0, maxRatio: null, reason: 'the time limit had run out' };
  progress(`${claim.id}: the claim itself: ${base.verdict}${base.maxRatio !== null ? `, max ratio ${base.maxRatio.toPrecision(6)}` : ''}`);
  const result = (families: FamilyPower[], hypotheses: HypothesisPower[]): PowerResult => ({
    claimId: claim.id, runs, seed, claimSeed: seedOfClaim, range: [minEps, maxEps], base, families, hypotheses, timeMs: Date.now() - started, ...(cut ? { cut: true } : {}),
  });
  // mutants of a claim that does not hold at these settings say nothing about its power
  if (base.verdict !== 'holds') return result([], []);
  const sample = inspect(claim, seedOfClaim, options.maxIterations ?? claim.maxIterations ?? 20_000);
  const families: FamilyPower[] = [search('bound')];
  families.push(sample.rate ? search('rate') : { family: 'rate', description: FAMILY_TEXT.rate, status: 'not-applicable', threshold: null, heldAt: null, probes: [], note: 'the primary bound declares no rate' });

  const hypotheses: HypothesisPower[] = [];
  if (options.hypotheses !== false) {
    for (const name of sample.hypotheses) {
      const failedOn = baseResult!.hypothesisFailures[name] ?? 0;
      if (failedOn === 0) {
        hypotheses.push({ hypothesis: name, failedOn, verdict: 'holds', refuted: false, skipped: true, timeMs: 0, reason: 'every instance of the claim’s verify meets it: dropping it changes none of them' });
        continue;
      }
      // unlike withoutHypothesis, an instance that lacks the hypothesis is kept as it is
      const info = { ...keep, id: `${claim.id}.power-without`, statement: `${claim.statement} (mutant: without ${name})`, falseBecause: `mutation analysis: hypothesis '${name}' dropped` };
      const r = verify(variant(claim, info, (trial) => ({ ...trial, hypotheses: trial.hypotheses.filter((h) => h.name !== name) })));
      if (!r) {
        hypotheses.push({ hypothesis: name, failedOn, verdict: 'inconclusive', refuted: false, cut: true, timeMs: 0, reason: 'not run: the time limit had run out' });
        continue;
      }
      const h: HypothesisPower = { hypothesis: name, failedOn, verdict: r.verdict, refuted: r.verdict === 'refuted', timeMs: Math.round(r.timeMs), ...(r.reason ? { reason: r.reason } : {}) };
      if (r.verdict === 'inconclusive' && (r.cut || /time limit/.test(r.reason ?? ''))) h.cut = true;
      hypotheses.push(h);
      progress(`${claim.id}: without '${name}': ${r.verdict} (${(r.timeMs / 1000).toFixed(1)} s)`);
    }
  }
  return result(families, hypotheses);
}

/** One line per family and per dropped hypothesis, for the terminal. */
export function powerLines(r: PowerResult): string[] {
  const lines = [`${r.claimId}: mutation analysis, ${r.runs} runs per probe, claim seed ${r.claimSeed}, ε down to ${percent(r.range[0])}`];
  if (r.base.verdict !== 'holds') lines.push(`  not analysed: the claim itself is ${r.base.verdict} at these settings${r.base.reason ? ` (${r.base.reason})` : ''}`);
  for (const f of r.families) {
    const top = f.probes.length ? Math.max(...f.probes.map((p) => p.epsilon)) : r.range[1];
    const what = f.family === 'bound' ? 'on the bound' : 'on the rate exponent';
    const n = `${f.probes.length} probe${f.probes.length === 1 ? '' : 's'}`;
    if (f.status === 'found') lines.push(`  detection threshold: ${percent(f.threshold!)} ${what} (refuted at ${percent(f.threshold!)}, held at ${percent(f.heldAt!)}; ${n})`);
    else if (f.status === 'below-range') lines.push(`  detection threshold: at most ${percent(f.threshold!)} ${what} (refuted at the smallest ε tried; ${n})`);
    else if (f.status === 'none') lines.push(`  detection threshold ${what}: NONE found up to ${percent(top)} (flagged: no finite threshold${f.note ? `; ${f.note}` : ''}; ${n})`);
    else if (f.status === 'cut') lines.push(`  detection threshold ${what}: cut by the time limit${f.threshold !== null ? ` (refuted at ${percent(f.threshold)}${f.heldAt !== null ? `, held at ${percent(f.heldAt)}` : ''})` : ''}; ${n}`);
    else lines.push(`  ${what}: not applicable (${f.note ?? 'no rate declared'})`);
  }
  for (const h of r.hypotheses) {
    if (h.skipped) lines.push(`  without '${h.hypothesis}': not exercised (every instance of the claim's verify meets it, so dropping it changes none of them)`);
    else lines.push(`  without '${h.hypothesis}': ${h.refuted ? 'refuted' : `${h.verdict}${h.cut ? ' (cut by the time limit)' : ''}, not detected`} (${h.failedOn} of the claim's instances fail it)`);
  }
  lines.push(`  ${(r.timeMs / 1000).toFixed(1)} s${r.cut ? '; the time limit ended the analysis early' : ''}`);
  return lines;
}

/**
 * The thresholds in one short phrase, for tables: "bound 34%; rate 1.8%" ("≤0.010%": refuted at the
 * smallest ε tried; ">50% (none)": no finite threshold in range; "cut": the time limit ended the search).
 */
export function powerSummary(r: PowerResult): string {
  if (r.base.verdict !== 'holds') return `not analysed (${r.base.verdict})`;
  const parts = r.families
    .filter((f) => f.status !== 'not-applicable')
    .map((f) => {
      const top = f.probes.length ? Math.max(...f.probes.map((p) => p.epsilon)) : r.range[1];
      const v = f.status === 'found' ? percent(f.threshold!) : f.status === 'below-range' ? `≤${percent(f.threshold!)}` : f.status === 'none' ? `>${percent(top)} (none)` : 'cut';
      return `${f.family} ${v}`;
    });
  const run = r.hypotheses.filter((h) => !h.skipped);
  if (run.length) parts.push(`${run.filter((h) => h.refuted).length} of ${run.length} hypotheses dropped refuted`);
  return parts.join('; ') || '-';
}
