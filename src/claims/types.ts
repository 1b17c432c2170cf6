/**
 * What a claim is: data plus small pure functions. A claim file reads like its theorem: source,
 * statement, the instance-parameter arbitrary, then `instantiate`, which returns the hypotheses with
 * their values, the derived method parameters, the bounds (each citing its equation) and a method run
 * that streams the observed metrics.
 */
import type { Arbitrary } from 'fast-check';
import { recordOrigin } from './origin.ts';

/**
 * How directly a claim's statement comes from its paper: V read in the paper, V~ rebuilt from a garbled
 * text through the proof, D derived from the proof or definitions, REF-IMPL taken from the authors'
 * code, N a numerical observation (never the asserted bound), U unverified.
 */
export type Confidence = 'V' | 'V~' | 'D' | 'REF-IMPL' | 'N' | 'U';

export type ClaimKind =
  | 'bound-for-all-t'
  | 'lower-bound'
  | 'exact-identity'
  | 'invariant'
  | 'hypothesis'
  | 'empirical'
  | 'bound-in-expectation'
  | 'with-probability'
  | 'asymptotic';

/**
 * holds: instances met the hypotheses and iterations were compared, none violating; refuted: a shrunk
 * counterexample; vacuous: the hypotheses were rarely met; inconclusive: cut short by the time limit, or
 * nothing was compared; error: the claim threw while an instance was built or run (a defect of the claim).
 */
export type Verdict = 'holds' | 'refuted' | 'vacuous' | 'inconclusive' | 'error';

export interface Source {
  paper: string;
  /** Theorem, lemma or figure, as numbered in the paper. */
  theorem: string;
  url: string;
  confidence: Confidence;
  /** Where the encoding comes from when it is not the paper's own words (equation, derivation). */
  note?: string;
}

/** A named hypothesis with the value that decided it. */
export interface Hypothesis {
  name: string;
  holds: boolean;
  value?: number;
  threshold?: number;
  detail?: string;
}

/** Observed metrics of one iteration, by name. The method may reuse the object between iterations. */
export type Metrics = Readonly<Record<string, number>>;

export interface Bound {
  /** Name of the observed metric this bound constrains. */
  metric: string;
  /** 'le': observed ≤ bound (upper bound); 'ge': observed ≥ bound (lower bound). */
  relation: 'le' | 'ge';
  /** The bound at iteration t; it may read the metrics observed at t (e.g. a relative tolerance). */
  value(t: number, observed: Metrics): number;
  /** Roundoff floor in the metric's scale: nothing is compared while the bound is below it. */
  floor: number;
  /** Relative tolerance of the comparison (default 1e-9). */
  rtol?: number;
  /**
   * Roundoff scale: the magnitude, in the metric's units, of the stored quantities the metric is a
   * difference of (‖x*‖ for ‖x_t − x*‖, ‖A‖_F for ‖X_tY_tᵀ − A‖_F). The comparison then allows an absolute
   * 4·eps·scale·min(t + 1, amplification) on top of the relative tolerance (README, "Reading a verdict").
   */
  scale?: number;
  /** Steps over which rounding errors accumulate at most (1/(1 − ρ) for a ρ-contraction; default t + 1). */
  amplification?: number;
  /** Equation or derivation the bound comes from. */
  cite: string;
  /**
   * The geometric rate q of a bound of the form C(t)·qᵗ (0 < q < 1), declared so that mutation
   * analysis (`ratecheck power`) can raise its exponent: the mutant's value is value(t)·q^(εt).
   */
  rate?: number;
}

export type Observer = (t: number, metrics: Metrics) => boolean;

/** A claim instantiated on one set of instance parameters. */
export interface Trial {
  hypotheses: Hypothesis[];
  /** Derived method parameters and constants (step size, momentum, L, μ, ...), for the report. */
  derived: Record<string, number>;
  /**
   * The bounds checked at every iteration. The first is the primary one: the run stops once it is
   * below its roundoff floor (or the iteration budget is reached, whichever comes first).
   */
  bounds: Bound[];
  /**
   * Run the method, calling observe(t, metrics) at t = 0, 1, ... up to maxIterations; stop as soon as
   * observe returns false (it does at the floor, at the budget, at a violation and at the deadline).
   * Only called when every hypothesis holds. It must be synchronous: a run that returns a promise is a
   * defect of the claim (its `error` verdict says so), since what it observes after an await would
   * escape the comparison.
   */
  run(observe: Observer, maxIterations: number): void;
  /**
   * Measurements taken after the run (e.g. the iterations needed to reach ε): reported, and the input
   * of aggregate claims.
   */
  measure?(): Record<string, number>;
}

export interface TrialOptions {
  /** Iteration budget of one trajectory. */
  maxIterations: number;
  /** Force the dense path where a method has an exact reduced fast path. */
  dense?: boolean;
}

/**
 * Claims decided over many instances rather than on each one.
 * - probability: the trial's bounds define a failure event that the theorem allows with probability at
 *   most failureProbability(params); the claim is refuted when the failures are significantly more
 *   frequent (exact one-sided test against independent Bernoulli(δ_i) draws, level alpha).
 * - exponent: the measurement `response` grows like driver^claimedExponent (an O(·) statement with a
 *   hidden constant); the claim is refuted when the fitted exponent of log response against log driver
 *   is significantly above the claimed one (Student-t interval at `confidence`). The smallest hidden
 *   constant, max response / complexity over the instances, is reported.
 */
export type Aggregate<P> =
  | { kind: 'probability'; failureProbability(params: P): number; alpha?: number }
  | {
      kind: 'exponent';
      /** measurement key (from Trial.measure) */
      response: string;
      /** derived key (from Trial.derived) of the driving parameter, e.g. κ */
      driver: string;
      claimedExponent: number;
      /** derived key of the theorem's complexity expression, whose ratio to the response is the hidden constant */
      complexity?: string;
      confidence?: number;
    };

/** Verification profiles: runs, instance sizes and iteration budgets. */
export type ProfileName = 'quick' | 'default' | 'thorough';

export interface Claim<P = unknown> {
  /** Stable identifier: `<paper>.<claim>`, e.g. `xu2024-mf.thm1-core`. */
  id: string;
  /** One-line statement in the paper's terms. */
  statement: string;
  source: Source;
  kind: ClaimKind;
  /** The verdict the catalog expects: false variants expect 'refuted'. */
  expected: Verdict;
  /** For a false variant: the claim it perturbs, and why it must fail. */
  variantOf?: string;
  falseBecause?: string;
  /** Instance parameters: plain JSON, shrinkable (dimensions, spectra, scale multipliers, seeds). */
  params: Arbitrary<P>;
  /** Instances tried before the random ones (tight instances, the paper's own set-ups). */
  examples?: P[];
  /** Default iteration budget of one trajectory (a profile may scale it). */
  maxIterations?: number;
  /**
   * Cap on the instances per verify run, for claims whose every instance is itself a study over many
   * seeds (a profile's run count above it is cut to it; the report says so through `runs`).
   */
  maxRuns?: number;
  /** Instance parameters for other profiles (smaller or larger instances); `params` is the default one. */
  profiles?: Partial<Record<ProfileName, Arbitrary<P>>>;
  /** Set for claims decided over many instances (with-probability, hidden-constant exponents). */
  aggregate?: Aggregate<P>;
  /**
   * Neighbours of an instance for the tightness search (`ratecheck tighten`); the default perturbs every
   * numeric field of the parameters.
   */
  mutate?(params: P, random: () => number): P;
  /**
   * Structure the targeted search (`tighten`, verify's target phase) can exploit: `structured(p)` maps
   * an instance to instances of the family where the worst case is known to lie (for a linear method on
   * a quadratic, the same spectrum started on one eigen-mode; spectra with two or three distinct
   * eigenvalues; gradient descent's one-dimensional Huber worst case). They are tried on the best
   * instances before the general search and become its starting points.
   */
  search?: { structured?(params: P, random: () => number): P[] };
  instantiate(params: P, options: TrialOptions): Trial;
}

/** Identity function that gives a claim literal its types. */
export function defineClaim<P>(claim: Claim<P>): Claim<P> {
  return recordOrigin(claim);
}

/**
 * An O(·) claim's run and measure: the run stops once `metric` has fallen to `target`, and the measure
 * `iterations` is the first t it did (Infinity if it never did within the budget).
 */
export function iterationsTo(run: Trial['run'], metric: string, target: number): Pick<Trial, 'run' | 'measure'> {
  let reached = Infinity;
  return {
    run: (observe, maxIterations) =>
      run((t, m) => {
        if (m[metric] <= target) {
          reached = t;
          return false;
        }
        return observe(t, m);
      }, maxIterations),
    measure: () => ({ iterations: reached }),
  };
}

/** A geometric bound t ↦ prefactor · rateᵗ, the shape of a linear convergence rate. */
export function geometric(prefactor: number, rate: number): (t: number) => number {
  return (t) => prefactor * Math.pow(rate, t);
}

/** A hypothesis `value ≥ threshold`. */
export function atLeast(name: string, value: number, threshold: number, detail?: string): Hypothesis {
  return { name, holds: value >= threshold, value, threshold, detail };
}

/** A hypothesis `value ≤ threshold`. */
export function atMost(name: string, value: number, threshold: number, detail?: string): Hypothesis {
  return { name, holds: value <= threshold, value, threshold, detail };
}

/** Raised for a defect of the claim itself (a NaN bound, a missing metric): never a counterexample. */
export class ClaimDefect extends Error {
  constructor(
    readonly claimId: string,
    message: string,
  ) {
    super(`${claimId}: ${message}`);
    this.name = 'ClaimDefect';
  }
}
