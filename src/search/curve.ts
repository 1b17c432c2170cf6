/**
 * The curve of best ratio against evaluations, for the console: the best value at evaluation counts
 * spaced by powers of two (1, 2, 4, ... up to the last), as a sparkline scaled between the first and the
 * last best value, and as a table of those checkpoints.
 */
export type Curve = Array<{ evaluations: number; best: number }>;

const BARS = '▁▂▃▄▅▆▇█';

/** Best value after each checkpoint evaluation count (powers of two, and the total). */
export function checkpoints(curve: Curve, total: number): Array<{ evaluations: number; best: number }> {
  const points = curve.filter((c) => Number.isFinite(c.best));
  if (points.length === 0 || total < 1) return [];
  const marks: number[] = [];
  for (let n = 1; n < total; n *= 2) marks.push(n);
  marks.push(total);
  const out: Array<{ evaluations: number; best: number }> = [];
  for (const n of marks) {
    let best = -Infinity;
    for (const c of points) if (c.evaluations <= n && c.best > best) best = c.best;
    if (Number.isFinite(best)) out.push({ evaluations: n, best });
  }
  return out;
}

/** Two lines: a sparkline of the checkpoints, and `evaluations: best` at those where the best changed. */
export function formatCurve(curve: Curve, total: number, digits = 6): string[] {
  const cps = checkpoints(curve, total);
  if (cps.length === 0) return [];
  const lo = cps[0].best, hi = cps[cps.length - 1].best;
  // differences at the roundoff level are drawn flat
  const spark = cps.map((c) => (hi - lo > 1e-6 * Math.abs(hi) ? BARS[Math.min(BARS.length - 1, Math.floor(((c.best - lo) / (hi - lo)) * (BARS.length - 1) + 1e-9))] : BARS[BARS.length - 1])).join('');
  return [
    `best ratio vs evaluations (1, 2, 4, ..., ${total}): ${spark}`,
    // the table keeps the checkpoints where the printed best changed, and the last
    `  ${cps
      .map((c) => ({ ...c, text: c.best.toPrecision(digits) }))
      .filter((c, i, all) => i === 0 || i === all.length - 1 || c.text !== all[i - 1].text)
      .map((c) => `${c.evaluations}: ${c.text}`)
      .join('  ')}`,
  ];
}
