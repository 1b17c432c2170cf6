/**
 * Task handler of the parallel verifier's worker threads (tinypool loads this module): one claim task at
 * a time (claim id, the claim file or catalog module it comes from, plain options), verified with the
 * same code as the serial path; failures come back as replies, not exceptions.
 */
import type { ProfileName } from '../claims/types.ts';
import { ClaimDefect } from '../claims/types.ts';
import { verifyClaim, type VerifyOptions } from './runner.ts';
import { builtinClaims, loadCatalogModule, loadClaimFile } from '../cli/load.ts';
import { loadRenderer } from '../reporting/figures/render.ts';
import { buildEntry } from '../reporting/report.ts';
import { drawEntryFigure, type DrawnFigure } from '../reporting/html.ts';

export interface WorkerTask {
  /** Also draw (and render) the claim's report figure here (the HTML report's traces), in parallel with the others. */
  figure?: boolean;
  index: number;
  claimId: string;
  claimFile?: string;
  /** URL of the catalog module the claim comes from (when it is not from a claim file). */
  catalogModule?: string;
  profile?: ProfileName;
  /** Wall-clock deadline of the whole run (epoch ms): each claim gets what is left when it starts. */
  deadline?: number;
  options: Omit<VerifyOptions, 'params' | 'timeLimitMs'>;
}

export type WorkerReply =
  | { index: number; ok: true; result: ReturnType<typeof verifyClaim>; figure?: DrawnFigure | null }
  | { index: number; ok: false; defect: boolean; message: string };

export async function handle(task: WorkerTask): Promise<WorkerReply> {
  try {
    const pool = task.claimFile ? await loadClaimFile(task.claimFile) : task.catalogModule ? builtinClaims(await loadCatalogModule(task.catalogModule)) : [];
    const hit = pool.find((c) => c.claim.id === task.claimId);
    if (!hit) return { index: task.index, ok: false, defect: false, message: `unknown claim id '${task.claimId}'` };
    const params = task.profile ? hit.claim.profiles?.[task.profile] : undefined;
    const timeLimitMs = task.deadline !== undefined ? Math.max(0, task.deadline - Date.now()) : undefined;
    const result = verifyClaim(hit.claim, { ...task.options, params, timeLimitMs });
    let figure: DrawnFigure | null | undefined;
    if (task.figure) {
      try {
        await loadRenderer();
        figure = drawEntryFigure(buildEntry(hit.claim, result, ''), hit.claim, { samples: 1, dense: task.options.dense ?? false });
      } catch {
        figure = undefined; // the report draws it (and reports the failure) itself
      }
    }
    return { index: task.index, ok: true, result, figure };
  } catch (e) {
    return { index: task.index, ok: false, defect: e instanceof ClaimDefect, message: e instanceof Error ? e.message : String(e) };
  }
}

export default handle;
