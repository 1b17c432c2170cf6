/**
 * Where claims come from: a catalog handed in by the caller (the `ratecheck` binary hands in the
 * built-in one), or a user's claim file written against the public API. A claim file exports claims as
 * its default export (one claim or an array), as `claims`, as a paper (`paper`, with its `claims`), or as
 * any named exports that are claims.
 *
 * Claim files load as their authors wrote them, whatever the `"type"` of the project around them:
 * `.js`, `.mjs` and `.cjs` through Node itself, `.ts`, `.mts` and `.cts` through tsx's scoped loader
 * (which never changes how any other file loads). The exact file named is loaded, never a sibling with
 * another extension.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, relative, resolve, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Claim } from '../claims/types.ts';
import { catalogClaims, type Catalog } from '../catalog.ts';
import { claimIdProblem } from '../reporting/report.ts';
import { UsageError } from './errors.ts';

const VERDICTS = new Set(['holds', 'refuted', 'vacuous', 'inconclusive']);

/** The largest claim file loaded (bytes): anything larger is refused before it is read. */
export const MAX_CLAIM_FILE_BYTES = 10 * 1024 * 1024;
const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);
export const CLAIM_FILE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

export interface LoadedClaim {
  claim: Claim<unknown>;
  /** Absolute path of the user's claim file; undefined for the catalog. */
  file?: string;
}

function looksLikeClaim(v: unknown): v is Claim<unknown> {
  return typeof v === 'object' && v !== null && 'id' in v && 'instantiate' in v;
}

/** Why a value is not a usable claim, or null. */
export function claimProblem(v: unknown): string | null {
  if (!looksLikeClaim(v)) return 'not a claim (needs id, params, instantiate)';
  const c = v as Claim<unknown>;
  const idProblem = claimIdProblem(c.id);
  if (idProblem) return idProblem;
  if (typeof c.instantiate !== 'function') return 'instantiate must be a function';
  if (!c.params || typeof (c.params as { generate?: unknown }).generate !== 'function') return 'params must be a fast-check arbitrary';
  if (!VERDICTS.has(c.expected)) return `expected must be one of ${[...VERDICTS].join(', ')}`;
  if (typeof c.statement !== 'string') return 'statement must be a string';
  if (!c.source || typeof c.source.paper !== 'string') return 'source must name the paper';
  return null;
}

export function isClaimFileArg(arg: string): boolean {
  return CLAIM_FILE_EXTENSIONS.includes(extname(arg)) || arg.includes('/') || existsSync(arg);
}

/** The first line of an error, with the file, line and column of a syntax error when the error has them. */
export function loadError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const lines = msg.split('\n');
  // esbuild (through tsx): "Transform failed with 1 error:\n/path/file.ts:3:10: ERROR: Expected ..."
  const located = lines.find((l) => /:\d+:\d+: (ERROR|error)/.test(l));
  if (located) return located.trim();
  return lines[0];
}

/**
 * Where Node's parser stops in a JavaScript file: `node --check` prints "path:LINE", the source line
 * and a caret under the column. Null when the file parses.
 */
export function syntaxErrorLocation(file: string): string | null {
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 30_000 });
  if (r.status === 0) return null;
  const lines = (r.stderr ?? '').split('\n');
  const at = lines.findIndex((l) => /:\d+$/.test(l));
  if (at < 0) return null;
  const caret = lines[at + 2] ?? '';
  const column = caret.includes('^') ? caret.indexOf('^') + 1 : null;
  const message = lines.find((l) => /^SyntaxError: /.test(l))?.replace(/^SyntaxError: /, '') ?? 'syntax error';
  return `${lines[at].replace(/^file:\/\//, '')}${column ? `:${column}` : ''}: ${message}`;
}

/** Import a module by path, TypeScript through tsx's scoped loader, JavaScript natively. */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (TS_EXTENSIONS.has(extname(file))) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

/** The claims a loaded module exports (default, `claims`, `paper`, `catalog`, or named claim exports). */
export function claimsOfModule(mod: Record<string, unknown>): unknown[] {
  // a CommonJS module imported from ESM: its exports object is the default export
  const d = mod.default;
  const isExportsObject = !!d && typeof d === 'object' && !Array.isArray(d) && !looksLikeClaim(d) && Object.entries(d).some(([k, v]) => ['claims', 'paper', 'catalog'].includes(k) || looksLikeClaim(v));
  const m = isExportsObject ? (d as Record<string, unknown>) : mod;
  const found: unknown[] = [];
  const add = (v: unknown) => (Array.isArray(v) ? found.push(...v) : found.push(v));
  const asCatalog = (v: unknown) => (v && typeof v === 'object' && Array.isArray((v as Catalog).papers) ? catalogClaims(v as Catalog) : null);
  if (m.default !== undefined && m !== mod.default) add(m.default);
  else if (m.claims !== undefined) add(m.claims);
  else if (asCatalog(m.catalog)) add(asCatalog(m.catalog));
  else if (m.paper && typeof m.paper === 'object' && Array.isArray((m.paper as { claims?: unknown }).claims)) add((m.paper as { claims: unknown[] }).claims);
  else for (const v of Object.values(m)) if (looksLikeClaim(v)) found.push(v);
  return [...new Set(found)];
}

/**
 * A data or code file given by the user, checked before it is read: it exists, is a regular file
 * (not a directory, a device such as /dev/zero, or a FIFO) and is at most maxBytes long.
 */
export function checkInputFile(file: string, label: string, maxBytes: number): void {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UsageError(`${label} not found: ${file}`);
  }
  if (!st.isFile()) throw new UsageError(`${label} ${file} is not a regular file`);
  if (st.size > maxBytes) throw new UsageError(`${label} ${file} is too large (${st.size} bytes, at most ${maxBytes})`);
}

export async function loadClaimFile(arg: string): Promise<LoadedClaim[]> {
  const file = resolve(arg);
  if (!existsSync(file)) throw new UsageError(`claim file not found: ${arg}`);
  checkInputFile(file, 'claim file', MAX_CLAIM_FILE_BYTES);
  if (!CLAIM_FILE_EXTENSIONS.includes(extname(file))) throw new UsageError(`claim file ${arg}: expected one of ${CLAIM_FILE_EXTENSIONS.join(', ')}`);
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (e) {
    const located = TS_EXTENSIONS.has(extname(file)) ? null : syntaxErrorLocation(file);
    throw new UsageError(`cannot load claim file ${arg}: ${located ?? loadError(e)}`);
  }
  const found = claimsOfModule(mod);
  if (found.length === 0) throw new UsageError(`claim file ${arg} exports no claims`);
  return found.map((c) => {
    const problem = claimProblem(c);
    if (problem) throw new UsageError(`claim file ${arg}: ${(c as { id?: string })?.id ?? 'an export'}: ${problem}`);
    return { claim: c as Claim<unknown>, file };
  });
}

/** The catalog a worker thread or a replay reloads: by its module URL. */
export async function loadCatalogModule(url: string): Promise<Catalog> {
  const mod = (await import(url)) as { catalog?: Catalog; default?: Catalog };
  const catalog = mod.catalog ?? mod.default;
  if (!catalog || !Array.isArray(catalog.papers)) throw new Error(`${url} exports no catalog`);
  return catalog;
}

export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

/**
 * Whether a path resolves (symbolic links followed) inside a root directory. A path that does not
 * exist is not inside anything.
 */
export function resolvesInside(path: string, root: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  const rel = relative(realpathSync(root), real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function builtinClaims(catalog: Catalog | undefined): LoadedClaim[] {
  return catalogClaims(catalog).map((claim) => ({ claim }));
}

/**
 * Resolve targets: claim files, claim ids, and id prefixes ending at a '.' or '-' boundary (`xu2024-mf`
 * selects the family). Ids and prefixes match the catalog and the claims of the files given. Files
 * alone select all their claims; no target at all selects the whole catalog.
 *
 * Files given together with ids: the ids select among the catalog and the files' claims
 * (`verify my.ts my.claim-a` verifies one claim of my.ts), and a file none of whose claims is selected
 * by an id contributes all its claims (`verify loop.ts ok.ts classical-gd.x` verifies both files and
 * the catalog claim): a file named on the command line is never silently skipped.
 */
export async function resolveTargets(targets: string[], catalog: Catalog | undefined): Promise<LoadedClaim[]> {
  const builtin = builtinClaims(catalog);
  if (targets.length === 0) return builtin;
  const builtinIds = new Set(builtin.map((c) => c.claim.id));
  const isBuiltinTarget = (t: string) => builtin.some((c) => c.claim.id === t || c.claim.id.startsWith(`${t}.`) || c.claim.id.startsWith(`${t}-`));
  const fromFiles: LoadedClaim[] = [];
  const files: LoadedClaim[][] = [];
  const idTargets: string[] = [];
  for (const t of targets) {
    if (!builtinIds.has(t) && !isBuiltinTarget(t) && isClaimFileArg(t)) {
      const loaded = await loadClaimFile(t);
      files.push(loaded);
      fromFiles.push(...loaded);
    } else idTargets.push(t);
  }
  const pool = [...builtin, ...fromFiles];
  const out: LoadedClaim[] = idTargets.length === 0 ? [...fromFiles] : [];
  for (const t of idTargets) {
    const exact = pool.filter((c) => c.claim.id === t);
    const family = exact.length ? exact : pool.filter((c) => c.claim.id.startsWith(`${t}.`) || c.claim.id.startsWith(`${t}-`));
    if (family.length === 0) throw new UsageError(`unknown claim id '${t}' (ratecheck list shows the catalog${fromFiles.length ? ' and the files given' : ''})`);
    out.push(...family);
  }
  if (idTargets.length > 0) {
    for (const claims of files) if (!claims.some((c) => out.includes(c))) out.push(...claims);
  }
  const seen = new Map<string, LoadedClaim>();
  for (const c of [...out, ...pool]) {
    const prev = seen.get(c.claim.id);
    if (prev && prev.claim !== c.claim) throw new UsageError(`two different claims share the id '${c.claim.id}'`);
    seen.set(c.claim.id, c);
  }
  const selected = new Map<string, LoadedClaim>();
  for (const c of out) selected.set(c.claim.id, c);
  return [...selected.values()];
}
