/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5, Figure 3: theory against actual for matrix
 * factorization, at κ = 10 and κ = 100 (σ₅ = 0.1, 0.01) with c = 200√d. The theory curves for the loss
 * f = ½‖R‖²_F, with f(X₀, Y₀) = ½‖A‖²_F (Y₀ = 0) and L, μ from the realized X₀, are
 *   GD:  (1 − μ/L)^{2t} f(X₀, Y₀)   (Theorem 1's rate, squared for the loss),
 *   NAG: (1 − √μ/(2√L))^{2t} f(X₀, Y₀)   (Theorem 2's rate).
 */
import { lineFigure, methodSpec, lossCurve, curveRows, logSlope, type Curve, type Figure, type Row } from 'ratecheck';
import { paperSetup, reducedInit, thm1Quantities, thm2Quantities, xuSetup, type XuParams } from './mf-setup.ts';
import { floorLoss, fmt, runOn, sigmaNote } from './figures-common.ts';

// ---------------------------------------------------------------------------------------------
// Figure 3

export interface TheoryPanel {
  kappa: number;
  methods: ('gd' | 'nag')[];
  T: number;
}

export function figure3(d = 20, panels: TheoryPanel[] = [{ kappa: 10, methods: ['gd'], T: 3000 }, { kappa: 100, methods: ['gd', 'nag'], T: 6000 }]): Figure {
  const data: Row[] = [];
  const findings: Record<string, unknown> = {};
  const captionFindings: string[] = [];
  for (const p of panels) {
    const base: XuParams = { ...paperSetup(d), kappa: p.kappa };
    const su = xuSetup(base);
    const c = 200 * Math.sqrt(d);
    const q = thm1Quantities(su, c);
    const q2 = thm2Quantities(su, c);
    const f0 = 0.5 * su.normA * su.normA; // f(X₀, Y₀) = ½‖A‖²_F since Y₀ = 0
    const panel = `κ = ${p.kappa}`;
    for (const method of p.methods) {
      const curve = lossCurve(runOn(reducedInit(su, c), methodSpec(method, q.L, q.mu)), p.T);
      const rate = method === 'gd' ? q.rate : q2.theta; // 1 − μ/L, 1 − √μ/(2√L)
      const name = method === 'gd' ? 'GD' : 'NAG';
      data.push(...curveRows(curve, floorLoss(su.normA), { panel, method: name, curve: 'actual', series: `${panel}:${method}:actual` }));
      const theory: Curve = { t: curve.t, loss: curve.t.map((t) => Math.pow(rate, 2 * t) * f0), diverged: false };
      data.push(...curveRows(theory, floorLoss(su.normA), { panel, method: name, curve: 'theory (T)', series: `${panel}:${method}:theory` }));
      // fitted slope of log f over the part of the run above the floor, after the first tenth (transient)
      let end = curve.t.length;
      for (let i = 0; i < curve.t.length; i++) if (curve.loss[i] < floorLoss(su.normA)) { end = i; break; }
      const start = Math.floor(end / 10);
      const observed = logSlope(curve.t, curve.loss, start, end);
      const theorySlope = 2 * Math.log(rate);
      const ratio = observed === null ? null : observed / theorySlope;
      findings[`${panel} ${name}`] = { condX0: q.cond, L: q.L, mu: q.mu, theoryRate: rate, observedLogSlope: observed, theoryLogSlope: theorySlope, slopeRatio: ratio, fittedOver: [curve.t[start] ?? null, curve.t[Math.max(start, end - 1)] ?? null] };
      captionFindings.push(`${name} at κ = ${p.kappa}: observed slope ${fmt(ratio)}× the theory slope`);
    }
  }
  return lineFigure({
    name: 'xu2024/figure3-theory-vs-actual',
    title: 'Xu et al. 2024, Figure 3: theory against actual (matrix factorization)',
    caption:
      `Loss against iteration for one initialization (seed 1, so that the theory curve uses that draw's L = σ₁²(X₀), μ = σ₅²(X₀)), c = 200√d, d = ${d} (the paper does not state d; 20 here), σ₅ = 1/κ; ${sigmaNote}. ` +
      `Theory curves (dashed, "(T)" in the paper): (1 − μ/L)^{2t} f(X₀,Y₀) for GD and (1 − √μ/(2√L))^{2t} f(X₀,Y₀) for NAG. ` +
      `Fitted slopes of log f: ${captionFindings.join('; ')}. The theory exponents are conservative by about a factor 2 (GD contracts by about (L−μ)/(L+μ) ≈ (1 − μ/L)² per step, NAG by about 1 − √(μ/L)), the tightness finding of \`ratecheck tighten\`; the paper reads the slopes as matching.`,
    data,
    panels: panels.map((p) => ({
      title: `κ = ${p.kappa}${p.methods.length > 1 ? ': GD and NAG' : ': GD'}`,
      where: { panel: `κ = ${p.kappa}` },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'loss (log scale)', log: true },
      color: { field: 'method', title: 'method', sort: ['GD', 'NAG'] },
      dash: { field: 'curve', title: 'curve', sort: ['actual', 'theory (T)'], range: [[1, 0], [6, 3]] },
      width: 320,
    })),
    meta: { d, c: '200√d', seed: 1, findings },
  });
}
