/**
 * Paths as reports and counterexample files record them: relative to the project root (the nearest
 * directory upward holding a package.json, else the working directory), with `/` separators, so that a
 * report made on one machine (a CI runner) still resolves on another after checkout. A path outside the
 * project stays absolute: a relative path climbing out of the project would resolve nowhere else either.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The nearest directory upward from `from` (symbolic links resolved) holding a package.json, else `from` itself. */
export function projectRoot(from = process.cwd()): string {
  const start = realPath(from);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** An absolute path with the symbolic links of its nearest existing ancestor resolved (the rest need not exist yet). */
export function realPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const up = dirname(abs);
    return up === abs ? abs : join(realPath(up), basename(abs));
  }
}

/** `path` relative to `root` with `/` separators when it lies inside it, else absolute. */
export function projectPath(path: string, root = projectRoot()): string {
  const abs = realPath(path);
  const rel = relative(realPath(root), abs);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

/**
 * Where a path recorded in a report or counterexample file may be on this machine: as given when
 * absolute, else against each base in turn (project roots, the data file's folder). The first candidate
 * that exists, or the first candidate when none does.
 */
export function locate(path: string, bases: readonly string[]): string {
  if (isAbsolute(path)) return path;
  const candidates = [...new Set(bases.map((b) => resolve(b, path)))];
  return candidates.find((c) => existsSync(c)) ?? candidates[0] ?? resolve(path);
}
