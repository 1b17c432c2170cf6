/**
 * A catalog: papers, each with its claims and, optionally, its figures and its own commands. The engine
 * never imports a paper; a catalog is handed in at the edge (the `ratecheck` binary hands in the
 * built-in one, `theorems/index.ts`; a user's project can hand in its own through `main`).
 */
import type { Command } from 'commander';
import type { Claim } from './claims/types.ts';
import type { Figure } from './reporting/figures/spec.ts';

/** One figure (or a few) a paper draws from its named instances: `ratecheck figures` writes them as SVG. */
export interface PaperFigure {
  label: string;
  build(): Figure[];
}

/** What a paper's own subcommand gets: where to print, and how to set the exit code. */
export interface CommandContext {
  out(s: string): void;
  err(s: string): void;
  setCode(code: number): void;
}

export interface Paper {
  /** Short name (`--paper xu2024`). */
  name: string;
  /** The paper's citation. */
  title: string;
  claims: Claim<any>[];
  /** The paper's figures (its own, and its audits'), drawn by `ratecheck figures --paper NAME`. */
  figures?: PaperFigure[];
  /** Subcommands of the paper (`ratecheck width`, `ratecheck batch-size`, ...). */
  commands?: (program: Command, ctx: CommandContext) => void;
}

export interface Catalog {
  papers: Paper[];
  /**
   * URL of the module that exports this catalog (as `catalog` or its default export), so that worker
   * threads can load it; without it, verification runs on the calling thread.
   */
  module?: string;
}

/** Identity function that gives a paper literal its types. */
export function definePaper(paper: Paper): Paper {
  return paper;
}

/** Every claim of a catalog, in paper order; duplicate ids are an error. */
export function catalogClaims(catalog: Catalog | undefined): Claim<any>[] {
  const claims = (catalog?.papers ?? []).flatMap((p) => p.claims);
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) throw new Error(`duplicate claim id in the catalog: ${c.id}`);
    seen.add(c.id);
  }
  return claims;
}
