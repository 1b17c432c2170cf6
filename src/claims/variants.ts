/**
 * False variants as visible transforms of a true claim. A variant keeps the claim's instance
 * construction and changes one named thing (a hypothesis dropped, a bound scaled, a faster rate, other
 * parameters), so the change stands where the variant is declared:
 *
 *     export const thm1NoHypothesis = withoutHypothesis(thm1Core, /μ²\(L−μ\)/, {
 *       id: 'xu2024-mf.thm1-no-hypothesis',
 *       statement: 'FALSE variant: Theorem 1’s core bound for any c > 0',
 *       falseBecause: 'the prefactors scale like c² while ‖R₀‖_F = ‖A‖_F',
 *       params: xuParams({ cSteps: [-80, -1] }),
 *     });
 *
 * Every transform returns a new claim with `variantOf` set to the base claim's id and, unless given,
 * `expected: 'refuted'`. The base claim is never modified.
 */
import type { Arbitrary } from 'fast-check';
import type { Bound, Claim, Hypothesis, Source, Trial, TrialOptions } from './types.ts';
import { recordOrigin } from './origin.ts';

/** What every variant states about itself; the rest is inherited from the base claim. */
export interface VariantInfo<P> {
  id: string;
  statement: string;
  /** Why the variant must fail (or, for a variant expected to hold, what it shows). */
  falseBecause: string;
  /** Defaults to the base claim's source; fields given here override it. */
  source?: Partial<Source>;
  kind?: Claim<P>['kind'];
  /** Defaults to 'refuted'. */
  expected?: Claim<P>['expected'];
  /** Other instance parameters (for example a range the base claim's hypothesis excludes). */
  params?: Arbitrary<P>;
  /** Replaces the base claim's examples (default: none, since they were chosen for the base claim). */
  examples?: P[];
  maxIterations?: number;
  maxRuns?: number;
  /** Replaces the base claim's profiles (default: none when `params` is given, else the base claim's). */
  profiles?: Claim<P>['profiles'];
}

/**
 * The general transform: the base claim with `info` applied and each instantiated trial passed through
 * `transform` (which may return a new trial or the same one).
 */
export function variant<P>(base: Claim<P>, info: VariantInfo<P>, transform: (trial: Trial, params: P, options: TrialOptions) => Trial = (t) => t): Claim<P> {
  const { source, params, examples, profiles, falseBecause, ...rest } = info;
  return recordOrigin({
    ...base,
    examples: examples,
    profiles: profiles ?? (params ? undefined : base.profiles),
    ...rest,
    expected: info.expected ?? 'refuted',
    variantOf: base.id,
    falseBecause,
    source: { ...base.source, ...source },
    params: params ?? base.params,
    instantiate: (p, options) => transform(base.instantiate(p, options), p, options),
  });
}

/** Which hypotheses a transform touches: a name, a pattern matched against names, or a predicate. */
export type HypothesisSelector = string | RegExp | ((h: Hypothesis) => boolean);

function selects(selector: HypothesisSelector, h: Hypothesis): boolean {
  if (typeof selector === 'string') return h.name === selector;
  if (selector instanceof RegExp) return selector.test(h.name);
  return selector(h);
}

/**
 * The base claim with the selected hypotheses dropped. A selector that matches no hypothesis of an
 * instance is a defect of the variant (the hypothesis was renamed), reported as an error.
 */
export function withoutHypothesis<P>(base: Claim<P>, selector: HypothesisSelector, info: VariantInfo<P>): Claim<P> {
  return variant(base, info, (trial) => {
    const kept = trial.hypotheses.filter((h) => !selects(selector, h));
    if (kept.length === trial.hypotheses.length) throw new Error(`${info.id}: no hypothesis of ${base.id} matches ${String(selector)}`);
    return { ...trial, hypotheses: kept };
  });
}

/** Which bounds a transform touches: every bound (default), the bounds of one metric, or a predicate. */
export type BoundSelector = undefined | string | ((b: Bound, index: number) => boolean);

function boundSelected(selector: BoundSelector, b: Bound, i: number): boolean {
  if (selector === undefined) return true;
  if (typeof selector === 'string') return b.metric === selector;
  return selector(b, i);
}

/** Replace the selected bounds of each trial (the primary bound keeps its place). */
export function mapBounds(trial: Trial, selector: BoundSelector, f: (b: Bound) => Bound): Trial {
  let touched = 0;
  const bounds = trial.bounds.map((b, i) => {
    if (!boundSelected(selector, b, i)) return b;
    touched++;
    return f(b);
  });
  if (touched === 0) throw new Error(`no bound matches ${String(selector)}`);
  return { ...trial, bounds };
}

/**
 * The base claim with the selected bounds multiplied by `factor` (a factor below 1 tightens an upper
 * bound: 0.97 makes a near-miss false variant of a tight bound).
 */
export function scaledBound<P>(base: Claim<P>, factor: number | ((params: P, derived: Record<string, number>) => number), info: VariantInfo<P> & { metric?: BoundSelector }): Claim<P> {
  return variant(base, info, (trial, params) => {
    const k = typeof factor === 'number' ? factor : factor(params, trial.derived);
    if (!(k > 0) || !Number.isFinite(k)) throw new Error(`${info.id}: the bound factor must be a positive number (got ${k})`);
    return mapBounds(trial, info.metric, (b) => ({ ...b, value: (t, m) => k * b.value(t, m), cite: `${k} × (${b.cite})` }));
  });
}

/**
 * The base claim with a different rate: a bound C·ρᵗ becomes C·ρ'ᵗ, where ρ is the trial's derived
 * value `rate` and ρ' = faster(ρ, derived). Used for near-miss variants such as ρ' = ρ^1.05.
 */
export function withRate<P>(
  base: Claim<P>,
  rate: string,
  faster: (rho: number, derived: Record<string, number>) => number,
  info: VariantInfo<P> & { metric?: BoundSelector },
): Claim<P> {
  return variant(base, info, (trial) => {
    const rho = trial.derived[rate];
    if (!(rho > 0 && rho <= 1)) throw new Error(`${info.id}: derived '${rate}' of ${base.id} is not a rate in (0, 1] (got ${rho})`);
    const rhoNew = faster(rho, trial.derived);
    const ratio = rhoNew / rho;
    return mapBounds({ ...trial, derived: { ...trial.derived, [`${rate} (variant)`]: rhoNew } }, info.metric, (b) => ({
      ...b,
      value: (t, m) => b.value(t, m) * ratio ** t,
      cite: `(${b.cite}) with ${rate} ${rho.toPrecision(6)} replaced by ${rhoNew.toPrecision(6)}`,
    }));
  });
}

/**
 * The base claim with its trial built another way (another bound formula, method or construction);
 * the declaration says what changes. The base claim's trial is not built.
 */
export function withTrial<P>(base: Claim<P>, info: VariantInfo<P>, instantiate: (params: P, options: TrialOptions) => Trial): Claim<P> {
  return recordOrigin({ ...variant(base, info), instantiate });
}

/**
 * The claim with its trial built another way and everything else kept (id included): the building block
 * of a variant whose instance construction changes (another initialization, method or index), which a
 * variant transform then names, e.g. `variant(withConstruction(base, build), info)`. The declaration
 * states the change in `build`.
 */
export function withConstruction<P>(base: Claim<P>, instantiate: Claim<P>['instantiate']): Claim<P> {
  return { ...base, instantiate };
}

/** The base claim with its instance parameters mapped before the trial is built (a wrong step size, a dropped momentum). */
export function withParams<P>(base: Claim<P>, change: (params: P) => P, info: VariantInfo<P>): Claim<P> {
  return recordOrigin({ ...variant(base, info), instantiate: (p, options) => base.instantiate(change(p), options) });
}

/** Selects the primary bound (the first), the default of the mutation transforms below. */
export const primaryBound: BoundSelector = (_b, i) => i === 0;

/**
 * The base claim with the selected bounds (default: the primary one) made stronger by a fraction ε: an
 * upper bound multiplied by 1 − ε, a lower bound by 1 + ε. The mutant of mutation analysis
 * (`ratecheck power`): the smallest ε a verify refutes is the claim's detection threshold on its scale.
 */
export function strengthenedBound<P>(base: Claim<P>, epsilon: number, info: VariantInfo<P> & { metric?: BoundSelector }): Claim<P> {
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`${info.id}: ε must lie in (0, 1) (got ${epsilon})`);
  return variant(base, info, (trial) =>
    mapBounds(trial, info.metric ?? primaryBound, (b) => {
      const k = b.relation === 'le' ? 1 - epsilon : 1 + epsilon;
      return { ...b, value: (t, m) => k * b.value(t, m), cite: `${k} × (${b.cite})` };
    }),
  );
}

/**
 * The base claim with the exponent of the selected bounds' declared rate raised by a fraction ε (default:
 * the primary bound): C(t)·qᵗ becomes C(t)·q^{(1+ε)t}, i.e. value(t)·q^{εt} for an upper bound (a
 * faster rate) and value(t)·q^{−εt} for a lower bound (a slower one). A selected bound that declares no
 * `rate` is a defect of the mutant (an error).
 */
export function raisedRate<P>(base: Claim<P>, epsilon: number, info: VariantInfo<P> & { metric?: BoundSelector }): Claim<P> {
  if (!(epsilon > 0)) throw new RangeError(`${info.id}: ε must be positive (got ${epsilon})`);
  return variant(base, info, (trial) =>
    mapBounds(trial, info.metric ?? primaryBound, (b) => {
      const q = b.rate;
      if (!(q !== undefined && q > 0 && q < 1)) throw new Error(`${info.id}: the bound on ${b.metric} of ${base.id} declares no rate in (0, 1) (got ${q})`);
      const e = b.relation === 'le' ? epsilon : -epsilon;
      return { ...b, rate: q ** (1 + e), value: (t, m) => b.value(t, m) * q ** (e * t), cite: `(${b.cite}) with its rate ${q.toPrecision(6)} raised to the power ${1 + e}` };
    }),
  );
}
