/**
 * Where claims come from: the built-in catalog, or a user's claim file written against the public API
 * (src/index.ts). A claim file exports claims as its default export (one claim or an array), as
 * `claims`, or as any named exports that are claims.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Claim } from '../claims/types.ts';
import { catalog } from '../../theorems/index.ts';
import { UsageError } from './errors.ts';

const VERDICTS = new Set(['holds', 'refuted', 'vacuous', 'inconclusive']);

export interface LoadedClaim {
  claim: Claim<unknown>;
  /** Absolute path of the user's claim file; undefined for the built-in catalog. */
  file?: string;
}

function looksLikeClaim(v: unknown): v is Claim<unknown> {
  return typeof v === 'object' && v !== null && 'id' in v && 'instantiate' in v;
}

/** Why a value is not a usable claim, or null. */
export function claimProblem(v: unknown): string | null {
  if (!looksLikeClaim(v)) return 'not a claim (needs id, params, instantiate)';
  const c = v as Claim<unknown>;
  if (typeof c.id !== 'string' || c.id.length === 0) return 'id must be a non-empty string';
  if (typeof c.instantiate !== 'function') return 'instantiate must be a function';
  if (!c.params || typeof (c.params as { generate?: unknown }).generate !== 'function') return 'params must be a fast-check arbitrary';
  if (!VERDICTS.has(c.expected)) return `expected must be one of ${[...VERDICTS].join(', ')}`;
  if (typeof c.statement !== 'string') return 'statement must be a string';
  if (!c.source || typeof c.source.paper !== 'string') return 'source must name the paper';
  return null;
}

export function isClaimFileArg(arg: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(arg) || arg.includes('/') || existsSync(arg);
}

export async function loadClaimFile(arg: string): Promise<LoadedClaim[]> {
  const file = resolve(arg);
  if (!existsSync(file)) throw new UsageError(`claim file not found: ${arg}`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`cannot load claim file ${arg}: ${firstLine(e)}`);
  }
  const found: unknown[] = [];
  const add = (v: unknown) => (Array.isArray(v) ? found.push(...v) : found.push(v));
  if (mod.default !== undefined) add(mod.default);
  else if (mod.claims !== undefined) add(mod.claims);
  else for (const v of Object.values(mod)) if (looksLikeClaim(v)) found.push(v);
  if (found.length === 0) throw new UsageError(`claim file ${arg} exports no claims`);
  const unique = [...new Set(found)];
  return unique.map((c) => {
    const problem = claimProblem(c);
    if (problem) throw new UsageError(`claim file ${arg}: ${(c as { id?: string })?.id ?? 'an export'}: ${problem}`);
    return { claim: c as Claim<unknown>, file };
  });
}

export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

export function builtinClaims(): LoadedClaim[] {
  return catalog.map((claim) => ({ claim }));
}

/**
 * Resolve verify targets: claim files, claim ids, and id prefixes ending at a '.' or '-' boundary
 * (`xu2024-mf` selects the family). Ids and prefixes match the built-in catalog and the claims of the
 * files given. Files alone select all their claims; no target at all selects the whole catalog.
 */
export async function resolveTargets(targets: string[]): Promise<LoadedClaim[]> {
  const builtin = builtinClaims();
  if (targets.length === 0) return builtin;
  const builtinIds = new Set(builtin.map((c) => c.claim.id));
  const isBuiltinTarget = (t: string) => builtin.some((c) => c.claim.id === t || c.claim.id.startsWith(`${t}.`) || c.claim.id.startsWith(`${t}-`));
  const fromFiles: LoadedClaim[] = [];
  const idTargets: string[] = [];
  for (const t of targets) {
    if (!builtinIds.has(t) && !isBuiltinTarget(t) && isClaimFileArg(t)) fromFiles.push(...(await loadClaimFile(t)));
    else idTargets.push(t);
  }
  const pool = [...builtin, ...fromFiles];
  const out: LoadedClaim[] = idTargets.length === 0 ? [...fromFiles] : [];
  for (const t of idTargets) {
    const exact = pool.filter((c) => c.claim.id === t);
    const family = exact.length ? exact : pool.filter((c) => c.claim.id.startsWith(`${t}.`) || c.claim.id.startsWith(`${t}-`));
    if (family.length === 0) throw new UsageError(`unknown claim id '${t}' (ratecheck list shows the catalog)`);
    out.push(...family);
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
