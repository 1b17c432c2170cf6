import type { Command } from 'commander';
import type { CommandContext, PaperFigure } from 'ratecheck';
import claims from '../xu2024-linear-networks.ts';
import { auditFigures, registerAuditCommands } from '../../src/reporting/figures/xu2024-audit-jobs.ts';

/** Section 4 of the paper: two-layer linear networks, and the initialization and width audits. */
export const linearNetworks: { claims: typeof claims; figures: PaperFigure[]; commands: (program: Command, ctx: CommandContext) => void } = {
  claims,
  figures: auditFigures,
  commands: registerAuditCommands,
};
