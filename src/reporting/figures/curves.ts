/**
 * Loss curves of the paper figures: recorded along a run, averaged over initialization seeds, thinned
 * to rows above the roundoff floor, and summarized (first iteration below a level, fitted slope).
 */
import { thinIndices, type Row } from './spec.ts';

/** Points kept per curve. */
const POINTS = 160;
/** The paper's widths (the legends of Figures 1 and 2). */
export const PAPER_WIDTHS = [5, 20, 80] as const;
/** Initialization seeds averaged per curve (the paper averages 10). */
export const SEEDS = 10;

export interface Curve {
  t: number[];
  /** f(X_t, Y_t) = ½‖R_t‖²_F */
  loss: number[];
  diverged: boolean;
}

/** The loss along a run; stops early (diverged) at the first non-finite residual. */
export function lossCurve(run: (observe: (t: number, m: { residualNorm: number }) => boolean, T: number) => void, T: number): Curve {
  const t: number[] = [], loss: number[] = [];
  let diverged = false;
  run((k, m) => {
    const r = m.residualNorm;
    if (!Number.isFinite(r) || r > 1e150) {
      diverged = true;
      return false;
    }
    t.push(k);
    loss.push(0.5 * r * r);
    return true;
  }, T);
  return { t, loss, diverged };
}

/** Pointwise mean of curves over the iterations all of them reached (a diverged seed makes the mean diverged). */
export function meanCurve(curves: Curve[]): Curve {
  const len = Math.min(...curves.map((c) => c.t.length));
  const t = curves[0].t.slice(0, len);
  const loss = t.map((_, i) => curves.reduce((s, c) => s + c.loss[i], 0) / curves.length);
  return { t, loss, diverged: curves.some((c) => c.diverged) };
}

/** Rows of one curve (thinned), above the loss floor ½(floor)². */
export function curveRows(curve: Curve, floorLoss: number, fields: Record<string, string | number>): Row[] {
  let last = curve.t.length;
  for (let i = 0; i < curve.t.length; i++) {
    if (!(curve.loss[i] >= floorLoss)) {
      last = i + 1; // keep the first point below the floor, so the curve reaches it
      break;
    }
  }
  return thinIndices(last, POINTS).map((i) => ({ ...fields, t: curve.t[i], value: curve.loss[i] }));
}

/** First iteration with loss ≤ target (null when never within the run). */
export function firstBelow(curve: Curve, target: number): number | null {
  for (let i = 0; i < curve.t.length; i++) if (curve.loss[i] <= target) return curve.t[i];
  return null;
}

/** Least-squares slope of log(loss) against t over indices from..to−1 (null with fewer than two points). */
export function logSlope(t: number[], loss: number[], from = 0, to = t.length): number | null {
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = from; i < to; i++) {
    if (!(loss[i] > 0)) continue;
    const y = Math.log(loss[i]);
    n++;
    sx += t[i];
    sy += y;
    sxx += t[i] * t[i];
    sxy += t[i] * y;
  }
  if (n < 2) return null;
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

