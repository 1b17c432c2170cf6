/** Xu et al. 2024: the audits' figures and the audit commands (audit-init, width). */
import type { Command } from 'commander';
import type { CommandContext, PaperFigure } from '../../catalog.ts';
import { auditInit } from '../../analysis/audit-init.ts';
import { defaultAuditConfig, widthAudit } from '../../analysis/width-audit.ts';
import { initAuditFigure, widthAuditFigure } from './audits.ts';
import { registerAuditInit } from '../../cli/commands/audit-init.ts';
import { registerWidth } from '../../cli/commands/width.ts';

export const auditFigures: PaperFigure[] = [
  {
    label: 'initialization audit',
    build: () => [initAuditFigure(auditInit({ widths: [5, 20, 80], seed: 1 }), 'Paper instance m = 100, n = 80, r = 5, κ = 5 (σ₂..σ₄ geometric), seed 1, widths 5, 20, 80, 5000 iterations at most')],
  },
  { label: 'width audit', build: () => [widthAuditFigure(widthAudit(defaultAuditConfig()))] },
];

export function registerAuditCommands(program: Command, ctx: CommandContext): void {
  registerAuditInit(program, ctx);
  registerWidth(program, ctx, ctx.setCode);
}
