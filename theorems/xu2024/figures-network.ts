/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5, Figures 1 and 2, and Appendix E, Figure 4: the
 * two-layer linear-network panels. The paper's named set-ups (paperNetwork, paperNetworkLarge in
 * network-setup.ts), initialization (12) X₀ = cLΦ, Y₀ = 0 with c = 50√d, GD and AltGD with
 * η = 2/(L̃ + μ̃), NAG with η = 1/L̃, β = (√L̃ − √μ̃)/(√L̃ + √μ̃), L̃ = σ₁²(X₀)λ_max(DDᵀ),
 * μ̃ = σ_r²(X₀)λ_min(DDᵀ), r = rank(L) (Theorem 3). Runs on the exact reduced problem (X in col(L),
 * Y in col(D)).
 */
import { networkSetup, reduceNetwork, runLinearNetwork, curveRows, firstBelow, lossCurve, meanCurve, PAPER_WIDTHS, SEEDS, type Curve, type FactorizationSpec, type NetworkParams, type Row } from 'ratecheck';
import { networkConstants, networkInit, paperNetwork, paperNetworkLarge, paperScale, scaledProblem } from './network-setup.ts';

export type NetworkMethod = 'gd' | 'altgd' | 'gd-1/L' | 'nag';

/** Residual floor relative to ‖L‖_F (as for the network claims). */
const FLOOR = 1e-9;

export const METHOD_LABEL: Record<NetworkMethod, string> = { gd: 'GD', altgd: 'AltGD', 'gd-1/L': 'GD, η = 1/L', nag: 'NAG' };

function spec(method: NetworkMethod, Lt: number, mut: number): FactorizationSpec {
  if (method === 'nag') {
    const a = Math.sqrt(Lt), b = Math.sqrt(mut);
    return { method: 'nag', stepSize: 1 / Lt, momentum: (a - b) / (a + b) };
  }
  if (method === 'gd-1/L') return { method: 'gd', stepSize: 1 / Lt };
  return { method, stepSize: 2 / (Lt + mut) };
}

export interface NetworkPanel {
  rows: Row[];
  caption: string;
  meta: unknown;
}

/**
 * Mean loss curves over SEEDS initializations for each width and method, as rows of `panel` (fields:
 * panel, d, method, series, t, value).
 */
export function networkPanel(params: (d: number) => NetworkParams, methods: NetworkMethod[], T: number, panel = 'network', widths: readonly number[] = PAPER_WIDTHS, seeds = SEEDS): NetworkPanel {
  const base = params(widths[0]);
  const setup = networkSetup(base); // D and L do not depend on the width
  const floorLoss = 0.5 * (FLOOR * setup.normL) ** 2;
  const r = setup.rankL;
  const rows: Row[] = [];
  const summary: Record<string, unknown> = {};
  let reducedAll = true;
  for (const d of widths) {
    const c = paperScale(d);
    const entry: Record<string, unknown> = {};
    for (const method of methods) {
      const curves: Curve[] = [];
      const conds: number[] = [];
      for (let k = 0; k < seeds; k++) {
        const init = networkInit(setup, 'unbalanced', d, base.seed + k);
        const q = networkConstants(setup, init.s[0], init.s[r - 1], c);
        conds.push(q.condX0);
        const problem = scaledProblem(setup, init, c);
        const reduced = reduceNetwork(setup, problem, setup.UL);
        if (!reduced) reducedAll = false;
        const target = reduced ?? problem;
        curves.push(lossCurve((observe, n) => runLinearNetwork(target, spec(method, q.Lt, q.mut), observe as never, n), T));
      }
      const curve = meanCurve(curves);
      conds.sort((a, b) => a - b);
      entry[METHOD_LABEL[method]] = { medianCondX0: conds[Math.floor((conds.length - 1) / 2)], iterationsTo1e10: firstBelow(curve, 1e-10 * curve.loss[0]), diverged: curve.diverged };
      rows.push(...curveRows(curve, floorLoss, { panel, d: `d = ${d}`, method: METHOD_LABEL[method], series: `${panel}:${d}:${method}` }));
    }
    summary[`d = ${d}`] = entry;
  }
  const p = base;
  const caption =
    `Network: ½‖L − XYᵀD‖²_F with (m, n, N) = (${p.m}, ${p.n}, ${p.N}), D = UΣVᵀ of rank ${p.rankD}, σ₁ = 1, σ₅ = 0.5 (σ₂..σ₄ unstated: geometric here), V Gaussian N(0, 1/N) (variance unstated), ` +
    `A Gaussian, L = AD; X₀ = cLΦ, Y₀ = 0 (12), c = 50√d; L̃, μ̃ from each X₀ and D.`;
  return { rows, caption, meta: { instance: p, rankL: r, lambdaMax: setup.lambdaMax, lambdaMin: setup.lambdaMin, reduced: reducedAll, seeds, iterations: T, summary } };
}

/** The Section 5 network (Figures 1 and 2). */
export function paperNetworkPanel(methods: NetworkMethod[], T: number): NetworkPanel {
  return networkPanel((d) => paperNetwork(d), methods, T);
}

/** The Appendix E network (Figure 4). */
export function largeNetworkPanel(methods: NetworkMethod[], T: number): NetworkPanel {
  return networkPanel((d) => paperNetworkLarge(d), methods, T);
}
