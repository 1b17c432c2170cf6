/**
 * Rediscovery: can a search find a claim's known tight instance by itself? For each case of
 * bench/rediscovery/claims.ts (examples removed; 'search' rows with the generator's tight family
 * filtered out), three searches with the same evaluation budget:
 *  - random: the claim's arbitrary, sampled (what `verify` does);
 *  - hill-climb: 10 random draws, then the neighbourhood climb `tighten` used before CMA-ES;
 *  - cma: 10 random draws, then the search of src/search that verify's target phase and tighten run (the
 *    corner and boundary sweep of src/search/stages.ts, the families the draws lack, seed redraws,
 *    IPOP-CMA-ES with integer and seed moves, generation between rounds that do not improve), without
 *    the claim's declared structure; and, where the claim declares `search.structured`, again with it (column
 *    cma+structure: the search as the product runs it).
 * An evaluation is one instance run and compared (checkInstance). Reported: best ratio / known worst,
 * and the evaluations needed to reach 0.99 of it (null: not within the budget). A search stops once it
 * reaches the known worst to 1e-6 (the rest of its budget would not change either column).
 */
import fc from 'fast-check';
import { checkInstance, iterationBudget, searchInstances, type Claim, type SearchMethod } from '../src/index.ts';
import { rediscoveryCases, stripped } from './rediscovery/claims.ts';
import { round, type BenchSuite } from './harness.ts';

const BUDGET = Number(process.env.REDISCOVERY_BUDGET ?? 10000);
const EXPLORE = Number(process.env.REDISCOVERY_EXPLORE ?? 10);
const SEED = 20261203;
const ONLY = process.env.REDISCOVERY_ONLY?.split(',');

type Method = 'random' | SearchMethod;
type Column = Method | 'cma+structure';

interface Row {
  bestOverKnown: number;
  evaluationsTo99: number | null;
  evaluations: number;
  /** best ratio / known against evaluations, one point per improvement */
  curve: Array<[number, number]>;
}

function runOne(claim: Claim<unknown>, known: number, method: Method): Row {
  const maxIterations = iterationBudget(claim, {});
  let evaluations = 0;
  let best = -Infinity;
  let to99: number | null = null;
  const curve: Array<[number, number]> = [];
  const score = (p: unknown): number | null => {
    evaluations++;
    let r: number | null = null;
    try {
      const res = checkInstance(claim, p, { maxIterations });
      if (res.hypothesesMet && Number.isFinite(res.maxRatio) && res.compared > 0) r = res.maxRatio;
    } catch {
      r = null; // outside the builder's domain
    }
    if (r !== null && r > best) {
      best = r;
      curve.push([evaluations, round(r / known, 6)]);
      if (to99 === null && r >= 0.99 * known) to99 = evaluations;
    }
    return r;
  };
  const stopAbove = known * (1 - 1e-6);
  const draws = fc.sample(claim.params, { seed: SEED, numRuns: method === 'random' ? BUDGET : EXPLORE });
  const scored: Array<{ p: unknown; s: number }> = [];
  for (const p of draws) {
    if (best > stopAbove) break;
    const s = score(p);
    if (s !== null) scored.push({ p, s });
  }
  if (method !== 'random' && best <= stopAbove && scored.length > 0) {
    scored.sort((a, b) => b.s - a.s);
    const top = scored.slice(0, 8);
    // the explored draws are the corner stage's evidence, as the random phase's are in verify
    searchInstances({ claim, starts: top.map((x) => x.p), startScores: top.map((x) => x.s), sample: scored.map((x) => ({ params: x.p, ratio: x.s })), score, budget: BUDGET - evaluations, seed: SEED, stopAbove, method });
  }
  return { bestOverKnown: round(best / known, 6), evaluationsTo99: to99, evaluations, curve };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Evaluations to 0.99 of the known worst, the budget when not reached (a lower bound for that method). */
const to99 = (r: Row) => r.evaluationsTo99 ?? BUDGET;

type Result = { claim: string; group: 'search' | 'reference'; known: number; fromT: number; why: string } & Record<Method, Row> & { 'cma+structure'?: Row };

function summarise(rows: Result[]): Record<string, unknown> {
  const columns: Column[] = ['random', 'hill-climb', 'cma', 'cma+structure'];
  const out: Record<string, unknown> = { rows: rows.length };
  for (const m of columns) {
    const own = rows.filter((r) => r[m] !== undefined);
    if (own.length === 0) continue;
    const reached = own.filter((r) => (r[m] as Row).evaluationsTo99 !== null).length;
    out[m] = { reached99: reached, of: own.length, share: round(reached / own.length, 4), medianEvaluationsTo99: median(own.map((r) => to99(r[m] as Row))) };
  }
  // speed-up over random per row: random/method evaluations to 0.99, not reached counted as the budget
  const speedups = (m: Column) => rows.filter((r) => r[m] !== undefined).map((r) => round(to99(r.random) / to99(r[m] as Row), 4));
  for (const m of ['hill-climb', 'cma', 'cma+structure'] as const) {
    const s = speedups(m);
    if (s.length > 0) out[`speedup ${m}/random`] = { median: round(median(s), 4), perRow: s };
  }
  return out;
}

const suite: BenchSuite = {
  name: 'rediscovery',
  description: `rediscovery of known tight instances (examples removed): random vs hill-climb vs CMA-ES search, ${BUDGET} evaluations each`,
  run(log) {
    const methods: Method[] = ['random', 'hill-climb', 'cma'];
    const rows: Result[] = [];
    for (const c of rediscoveryCases) {
      const label = c.claim.id + (c.variant ? ` (${c.variant})` : '');
      if (ONLY && !ONLY.some((o) => label.includes(o))) continue;
      const claim = stripped(c.claim, c.fromT, c.params);
      const row = { claim: label, group: c.group, known: round(c.known, 6), fromT: c.fromT, why: c.why } as Result;
      for (const m of methods) row[m] = runOne(claim, c.known, m);
      if (c.claim.search?.structured) row['cma+structure'] = runOne(stripped(c.claim, c.fromT, c.params, true), c.known, 'cma');
      rows.push(row);
      const cols: Column[] = [...methods, ...(row['cma+structure'] ? (['cma+structure'] as const) : [])];
      log(`${row.group} ${row.claim}: ${cols.map((m) => `${m} ${row[m]!.bestOverKnown} @${row[m]!.evaluationsTo99 ?? `>${BUDGET}`}/${row[m]!.evaluations}`).join(', ')}`);
    }
    const summary = { search: summarise(rows.filter((r) => r.group === 'search')), all: summarise(rows) };
    log(`summary: ${JSON.stringify(summary)}`);
    return {
      budget: BUDGET,
      explore: EXPLORE,
      seed: SEED,
      target: '0.99 of the known worst on ≥ 90% of the set within 10⁴ evaluations; median ≥ 10x fewer evaluations than random sampling (not reached counted as the budget)',
      summary,
      rows,
    };
  },
};

export default suite;
