/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5 and Appendix E: what the matrix-factorization
 * figures share. The paper's set-up (Section 5): A = UΣVᵀ ∈ ℝ^{100×80} of rank r = 5, σ₁ = 1, σ₅ = 0.2
 * (κ = 5), σ₂..σ₄ unstated (geometric here), initialization (2) X₀ = cAΦ, Y₀ = 0 with c = 50√d, every curve
 * the mean over 10 initialization seeds. Runs use the exact reduced problem of Lemma 1, (diag σ, UᵀX₀, 0).
 */
import { methodSpec, runFactorization, spectrum, lowRankFactors, lossCurve, meanCurve, SEEDS, type Curve, type FactorizationProblem, type FactorizationSpec, type Row } from 'ratecheck';
import { RESIDUAL_FLOOR, reducedInit, thm1Quantities, xuSetup, type XuParams } from './mf-setup.ts';

export type Observe = (t: number, m: { residualNorm: number }) => boolean;

export function runOn(problem: FactorizationProblem, spec: FactorizationSpec) {
  return (observe: Observe, T: number) => runFactorization(problem, spec, observe as never, T);
}

/** Mean loss over SEEDS initializations of the unbalanced init (2) at scale c(d). */
export function averagedFactorization(base: XuParams, method: 'gd' | 'altgd' | 'gd-1/L' | 'nag', c: number, T: number, seeds = SEEDS): Curve & { condX0: number[] } {
  const lr = lowRankFactors(base.seed, base.m, base.n, spectrum(base.profile, base.r, base.kappa, base.scale));
  const curves: Curve[] = [];
  const conds: number[] = [];
  for (let k = 0; k < seeds; k++) {
    const su = xuSetup(base, base.seed + k, lr);
    const q = thm1Quantities(su, c);
    conds.push(q.cond);
    curves.push(lossCurve(runOn(reducedInit(su, c), methodSpec(method, q.L, q.mu)), T));
  }
  return { ...meanCurve(curves), condX0: conds };
}

export function floorLoss(normA: number): number {
  const f = RESIDUAL_FLOOR * normA;
  return 0.5 * f * f;
}

export const sigmaNote = 'σ₂..σ₄ are not stated in the paper: geometric between σ₁ = 1 and σ₅ here (σ_i = κ^(−(i−1)/4))';

export function fmt(v: number | null, digits = 3): string {
  return v !== null && Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : 'n/a';
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/** The network part of a figure: its rows and caption, or why it is left out. */
export type NetworkPart = { rows: Row[]; caption: string; meta: unknown } | { error: string };

export function withNetwork(data: Row[], meta: Record<string, unknown>, network: NetworkPart | undefined): { panels: { key: string; title: string }[]; note: string } {
  const panels = [{ key: 'matrix factorization', title: 'matrix factorization ½‖XYᵀ − A‖²_F' }];
  if (network && 'rows' in network) {
    data.push(...network.rows);
    meta.network = network.meta;
    panels.push({ key: 'network', title: 'two-layer linear network ½‖L − XYᵀD‖²_F' });
    return { panels, note: ` ${network.caption}` };
  }
  return { panels, note: network ? ` The network panel is left out: ${network.error}.` : '' };
}
