/**
 * The search space of a claim's instance parameters: every finite number in the (nested) record is a
 * coordinate. Its kind and range are read from a sample of the claim's arbitrary, since a mapped
 * arbitrary cannot be asked for its domain: a field constant over the sample stays fixed, a seed is
 * redrawn rather than searched, integers (and values on a grid k/q) are rounded to their grid, and a
 * positive field spanning more than a factor 4 is searched on a log scale. Coordinates are normalised
 * to [0, 1] over the sampled range, so a candidate is repaired into the arbitrary's range by clamping.
 */

export interface Coordinate {
  /** Path of the field in the parameter record (array indices included). */
  path: Array<string | number>;
  kind: 'seed' | 'fixed' | 'grid' | 'real';
  /** Grid step of a 'grid' coordinate: values are multiples of 1/quantum. */
  quantum: number;
  log: boolean;
  /** Range in the transformed scale (log or linear). */
  lo: number;
  hi: number;
  /** The sampled range itself (exp(log v) need not return v: decoded values are clamped to it). */
  min: number;
  max: number;
}

type Path = Array<string | number>;

function leaves(v: unknown, prefix: Path = [], out: Array<{ path: Path; value: number }> = []): Array<{ path: Path; value: number }> {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) out.push({ path: prefix, value: v });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) leaves(x, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

/** Key of a path with array indices pooled (every entry of a spectrum shares one range). */
const poolKey = (path: Path) => path.map((k) => (typeof k === 'number' ? '*' : k)).join('.');

/** Non-numeric content of an instance (kinds, families, array lengths): instances sharing it share a space. */
export function signature(params: unknown): string {
  return JSON.stringify(params, (_, v) => (typeof v === 'number' ? 0 : v));
}

const QUANTA = [1, 2, 4, 8, 10, 16, 32, 64, 100, 128, 1000, 1024];

function onGrid(values: number[], q: number): boolean {
  return values.every((v) => Math.abs(v * q - Math.round(v * q)) <= 1e-9 * Math.max(1, Math.abs(v * q)));
}

/**
 * The coordinates of `params`, with ranges from `sample` (instances of the claim's arbitrary). Fields of
 * `params` the sample never varies are fixed; seeds (a field named like `seed`) are redrawn.
 */
export function describeSpace(params: unknown, sample: unknown[]): Coordinate[] {
  const pooled = new Map<string, number[]>();
  for (const s of sample) for (const l of leaves(s)) {
    const k = poolKey(l.path);
    const a = pooled.get(k);
    if (a) a.push(l.value);
    else pooled.set(k, [l.value]);
  }
  return leaves(params).map(({ path, value }) => {
    const values = [...(pooled.get(poolKey(path)) ?? []), value];
    const last = path[path.length - 1];
    let min = Infinity, max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const base = { path, quantum: 1, log: false, lo: value, hi: value, min: value, max: value };
    if (typeof last === 'string' && /seed/i.test(last)) return { ...base, kind: 'seed' as const };
    if (min === max) return { ...base, kind: 'fixed' as const };
    const quantum = QUANTA.find((q) => onGrid(values, q));
    const log = min > 0 && max / min > 4;
    const t = (v: number) => (log ? Math.log(v) : v);
    return { path, kind: quantum === undefined ? ('real' as const) : ('grid' as const), quantum: quantum ?? 1, log, lo: t(min), hi: t(max), min, max };
  });
}

/** The searched coordinates (grid and real) of a space. */
export function searched(space: Coordinate[]): Coordinate[] {
  return space.filter((c) => c.kind === 'grid' || c.kind === 'real');
}

/** Normalised position in [0, 1] of each searched coordinate of `params`. */
export function encode(space: Coordinate[], params: unknown): number[] {
  return searched(space).map((c) => {
    const v = get(params, c.path);
    const t = c.log ? Math.log(v) : v;
    return c.hi > c.lo ? Math.min(1, Math.max(0, (t - c.lo) / (c.hi - c.lo))) : 0;
  });
}

/** The value of coordinate `c` at normalised position u (clamped to [0, 1], then rounded to its grid). */
export function decodeOne(c: Coordinate, u: number): number {
  const t = c.lo + Math.min(1, Math.max(0, u)) * (c.hi - c.lo);
  let v = c.log ? Math.exp(t) : t;
  if (c.kind === 'grid') v = Math.round(v * c.quantum) / c.quantum;
  return Math.min(c.max, Math.max(c.min, v));
}

/** `base` with its searched coordinates set from the normalised positions `u`. */
export function decode(space: Coordinate[], base: unknown, u: number[]): unknown {
  let out = structuredClone(base);
  searched(space).forEach((c, i) => (out = set(out, c.path, decodeOne(c, u[i]))));
  return out;
}

/** The value at `path`, or undefined where the path leaves the object (a family without that field). */
export function at(o: unknown, path: Path): unknown {
  let x = o;
  for (const k of path) {
    if (!x || typeof x !== 'object') return undefined;
    x = (x as Record<string | number, unknown>)[k];
  }
  return x;
}

export function get(o: unknown, path: Path): number {
  let x = o as Record<string | number, unknown>;
  for (const k of path) x = x[k] as Record<string | number, unknown>;
  return x as unknown as number;
}

/**
 * Sets the value at `path` in `o` and returns the root: `o` itself, or `v` when the path is empty (the
 * parameters are a single number, which cannot be changed in place).
 */
export function set(o: unknown, path: Path, v: number): unknown {
  if (path.length === 0) return v;
  let x = o as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) x = x[k] as Record<string | number, unknown>;
  x[path[path.length - 1]] = v;
  return o;
}
