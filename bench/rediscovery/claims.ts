/**
 * The rediscovery set: catalog claims whose largest observed/bound ratio over their generator is known,
 * and three bench-defined claims that expose as search coordinates what the catalog draws from a seed
 * (gd-modes.ts, top-k-free.ts), each run with its `examples` removed so that a search must find the tight
 * instance itself. Where the claim's generator contains the tight family directly, the 'search' row runs
 * the generator with that family filtered out (its original kept as a 'reference' row); a claim that
 * declares `search.structured` runs the search with and without it.
 *
 * `fromT = 1` compares from the first step on: for these claims every instance attains the bound at
 * t = 0 (‖x₀ − x*‖² against itself, or f(x₀) − f* ≤ L‖x₀ − x*‖²/2 on the L-mode), so the ratio at the
 * start says nothing about the contraction the theorem states.
 */
import { catalog } from '../../theorems/index.ts';
import type { Claim } from '../../src/index.ts';
import { gdModes, gdModesValue } from './gd-modes.ts';
import { topKFree } from './top-k-free.ts';

export interface RediscoveryCase {
  claim: Claim<unknown>;
  /** The known largest ratio over the (filtered) generator, and where it comes from. */
  known: number;
  why: string;
  fromT: number;
  /**
   * 'search': the tight instances are rare in the generator (its tight family filtered out, or never
   * drawn exactly, and no range end attains the known worst), so a method must find them; 'reference':
   * the generator contains them directly (a family, or a range end, which fast-check's bias draws
   * within its first draws) or every instance attains the known worst.
   */
  group: 'search' | 'reference';
  /** A narrower generator (the claim's own, filtered), and what it leaves out. */
  params?: Claim<unknown>['params'];
  variant?: string;
}

function find(id: string): Claim<unknown> {
  for (const p of catalog.papers) for (const c of p.claims) if (c.id === id) return c as Claim<unknown>;
  throw new Error(`rediscovery: no catalog claim ${id}`);
}

/**
 * The claim without its examples (and without its declared structure unless `structure`), compared
 * from iteration `fromT` on (earlier iterations are run, not compared).
 */
export function stripped(claim: Claim<unknown>, fromT: number, params = claim.params, structure = false): Claim<unknown> {
  const base: Claim<unknown> = { ...claim, examples: undefined, params, search: structure ? claim.search : undefined };
  if (fromT === 0) return base;
  return {
    ...base,
    instantiate: (p, options) => {
      const trial = claim.instantiate(p, options);
      return { ...trial, run: (observe, maxIterations) => trial.run((t, m) => (t < fromT ? true : observe(t, m)), maxIterations) };
    },
  };
}

/** The claim's generator without the instances `drop` selects (its tight family). */
function without(claim: Claim<unknown>, drop: (p: Record<string, unknown>) => boolean): Claim<unknown>['params'] {
  return claim.params.filter((p) => !drop(p as Record<string, unknown>));
}

const MODE = 'quadratic-mode instances left out';
const gdFiltered = (['classical-gd.strongly-convex-distance', 'classical-gd.strongly-convex-function-value'] as const).map((id) => ({
  claim: find(id),
  known: 1,
  fromT: 1,
  // a range end of the generator still attains the known worst (κ = 1, where every vector is an
  // eigenvector), which fast-check's bias draws early: a reference row by the rule above
  group: 'reference' as const,
  params: without(find(id), (p) => p.kind === 'quadratic-mode'),
  variant: MODE,
  why: 'without the mode instances the bound is still approached (a start near the attaining eigenvector, κ near 1, or short steps, where every mode contracts by nearly ρ) and attained at κ = 1, the lower end of the generator',
}));

export const rediscoveryCases: RediscoveryCase[] = [
  // the generators with their tight family removed, and the claims where the tight instance is rare
  { claim: find('classical-gd.drori-teboulle-huber'), known: 1, fromT: 1, group: 'search', params: without(find('classical-gd.drori-teboulle-huber'), (p) => p.kind === 'huber-tight'), variant: 'huber-tight instances left out', why: 'Drori–Teboulle 2014 Thm 3.1 (ratio ≤ 1); approached by the one-term 1-D Huber sums of kind huber, whose threshold τ (from the seed) falls near R/(2Nh + 1)' },
  { claim: find('stich2018.def2.1-top-k'), known: 1, fromT: 0, group: 'search', params: without(find('stich2018.def2.1-top-k'), (p) => p.vector === 'equal-magnitude'), variant: 'equal-magnitude vectors left out', why: 'Stich et al. 2018 Def. 2.1 (ratio ≤ 1); approached by vectors whose |x_i| are nearly equal (d = 2, k = 1: two Gaussian entries of nearly equal magnitude, only through the seed)' },
  { claim: find('polyak-hb.margin-bound'), known: 0.69725, fromT: 0, group: 'search', why: 'supremum inside the generator (κ ≤ 1000): λ_max eigenvector of a 2-point spectrum at κ = 1000, c = 1.25 (the claim’s own tight example), tending to 1/√2 as κ → ∞; a corner of four parameters (d = 2, start = 8, κ and c at their ends)' },
  { claim: gdModes, known: 1, fromT: 0, group: 'search', why: 'GD on a quadratic from free start weights, compared from t = 20: equality only on the eigen-mode attaining ρ (bench/rediscovery/gd-modes.ts)' },
  { claim: gdModesValue, known: 1, fromT: 0, group: 'search', why: 'the same on f(x_t) − f*, whose weights λ_i x_i² favour the fast modes: equality only on the eigen-mode attaining ρ (bench/rediscovery/gd-modes.ts)' },
  { claim: topKFree, known: 1, fromT: 0, group: 'search', why: 'Stich et al. 2018 Def. 2.1 on a free vector of d ≤ 12 entries: equality only when all |x_i| are equal (bench/rediscovery/top-k-free.ts)' },
  // references: the tight family is in the generator, a range end attains it, or every instance does
  ...gdFiltered,
  { claim: find('classical-gd.drori-teboulle-huber'), known: 1, fromT: 1, group: 'reference', why: 'Drori–Teboulle 2014 Thm 3.1: equality at N on the 1-D Huber function, τ = R/(2Nh + 1) (kind huber-tight, in the generator)' },
  { claim: find('classical-gd.strongly-convex-distance'), known: 1, fromT: 1, group: 'reference', why: 'GD with γ ∈ (0, 2/L): ‖x_N − x*‖² = ρ^{2N}‖x₀ − x*‖² started on the eigenvector attaining ρ (kind quadratic-mode, in the generator)' },
  { claim: find('classical-gd.strongly-convex-function-value'), known: 1, fromT: 1, group: 'reference', why: 'the same per-step factor on f(x_N) − f*, equality on the attaining eigen-mode (in the generator)' },
  { claim: find('stich2018.def2.1-top-k'), known: 1, fromT: 0, group: 'reference', why: 'Stich et al. 2018 Def. 2.1: ‖x − top_k(x)‖² = (1 − k/d)‖x‖² when every |x_i| is equal (kind equal-magnitude, in the generator)' },
  { claim: find('kaczmarz.strohmer-vershynin'), known: 1, fromT: 1, group: 'reference', why: 'every instance: the claim’s one-step identity E‖e_{k+1}‖² = ‖e_k‖² − e_kᵀHe_k/‖A‖²_F is compared as a bound (ratio 1); the rate bound is attained from the λ_min eigenvector (start = 0, in the generator)' },
  { claim: find('kaczmarz.minibatch-sgd'), known: 1, fromT: 1, group: 'reference', why: 'every instance: the exact one-step identity of minibatch SGD (ratio 1 on its identity metric)' },
  { claim: find('bcw2024.msq-radius'), known: 1, fromT: 0, group: 'reference', why: 'every instance: each trial sweeps the batch sizes up to ⌈B_crit⌉, where ρ_msq(B) = β (Bollapragada et al. 2024)' },
  { claim: find('xu2024-mf.thm1-core'), known: 1 / 3, fromT: 0, group: 'reference', why: 'Xu et al. 2024 Thm 1: ‖R₀‖_F = ‖A‖_F against C₁‖A‖_F at t = 0, ratio 1/C₁, largest at C₁ = 3 (the lower end of the generator)' },
  { claim: find('xu2024-mf.thm2-core'), known: Math.SQRT1_2, fromT: 0, group: 'reference', why: 'every instance: Xu et al. 2024 Thm 2’s ratio is 1/√2 at t = 0 (the bound’s prefactor)' },
  { claim: find('classical-nesterov.quadratic-spectral-radius'), known: 1, fromT: 0, group: 'reference', why: 'every instance: the spectral radius of Nesterov’s iteration matrix on a quadratic equals the claimed rate (an identity)' },
  { claim: find('polyak-hb.optimal-radius'), known: 1, fromT: 0, group: 'reference', why: 'every instance: Polyak’s envelope, ρ(T_λ) = √β* for every λ in [μ, L] (an identity)' },
];
