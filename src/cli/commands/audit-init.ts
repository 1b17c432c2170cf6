/**
 * `ratecheck audit-init`: initialization audits of the matrix-factorization and network claims.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { auditFindings, auditInit, auditInitNetwork, auditTable, defaultSettings, networkAuditFindings, networkAuditTable, networkSettings } from '../../analysis/audit-init.ts';
import { SCHEMA_VERSION, toJson, writeAtomic } from '../../reporting/report.ts';
import { createProgress } from '../progress.ts';
import { integer, positiveInt } from '../options.ts';
import { UsageError } from '../errors.ts';
import type { CommandContext } from '../../catalog.ts';

type Io = Pick<CommandContext, 'out' | 'err'>;
const progressStream = (io: Io) => ({ write: (s: string) => io.err(s), isTTY: false });

interface AuditCliOptions {
  widths: number[];
  seed: number;
  out: string;
  json: boolean;
}

const AUDIT_FAMILIES: Record<string, 'matrix-factorization' | 'linear-network'> = {
  'matrix-factorization': 'matrix-factorization',
  'xu2024-mf': 'matrix-factorization',
  mf: 'matrix-factorization',
  'linear-network': 'linear-network',
  'xu2024-nn': 'linear-network',
  network: 'linear-network',
};

export function runAuditInit(family: string, o: AuditCliOptions, io: Io): number {
  const families = family === 'all' ? (['matrix-factorization', 'linear-network'] as const) : AUDIT_FAMILIES[family] ? [AUDIT_FAMILIES[family]] : null;
  if (!families) throw new UsageError(`unknown family '${family}' for audit-init (available: all, matrix-factorization, linear-network)`);
  const widths = o.widths;
  for (const d of widths) if (d < 5) throw new UsageError(`--widths: the paper's instances have rank 5, so d must be at least 5 (got ${d})`);
  const outDir = resolve(o.out);
  mkdirSync(outDir, { recursive: true });
  const doc: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, kind: 'ratecheck-audit-init', widths, seed: o.seed };
  const text: string[] = [];
  for (const fam of families) {
    if (fam === 'matrix-factorization') {
      io.err(`ratecheck audit-init matrix-factorization: the paper's instance m = 100, n = 80, r = 5, κ = 5, widths ${widths.join(', ')}, seed ${o.seed}\n`);
      const progress = createProgress({ label: 'audit-init', total: widths.length * 2 * defaultSettings().length, stream: progressStream(io) });
      const rows = auditInit({ widths, seed: o.seed, onRow: (row) => progress.tick(`d = ${row.d}: ${row.setting}, ${row.method.toUpperCase()}`) });
      progress.done(`${rows.length} rows`);
      const findings = auditFindings(rows);
      doc['matrix-factorization'] = { instance: { m: 100, n: 80, r: 5, kappa: 5 }, findings, rows };
      text.push(`Matrix factorization (Theorems 1 and 2)\n${auditTable(rows)}\n\n${findings.join('\n')}`);
    } else {
      io.err(`ratecheck audit-init linear-network: the paper's network m = 100, n = 80, N = 120, r = 5, widths ${widths.join(', ')}, seed ${o.seed}\n`);
      const progress = createProgress({ label: 'audit-init', total: widths.length * 2 * networkSettings().length, stream: progressStream(io) });
      const rows = auditInitNetwork({ widths, seed: o.seed, onRow: (row) => progress.tick(`d = ${row.d}: ${row.setting}, ${row.method.toUpperCase()}`) });
      progress.done(`${rows.length} rows`);
      const findings = networkAuditFindings(rows);
      doc['linear-network'] = { instance: { m: 100, n: 80, N: 120, r: 5 }, findings, rows, note: 'initialization (14) needs d ≥ m = 100 and is audited by ratecheck width' };
      text.push(`Two-layer linear network (Theorem 3)\n${networkAuditTable(rows)}\n\n${findings.join('\n')}\n(initialization (14) needs d ≥ m = 100: see ratecheck width)`);
    }
  }
  const file = join(outDir, 'audit-init.json');
  writeAtomic(file, toJson(doc));
  if (o.json) io.out(toJson(doc));
  else io.out(`${text.join('\n\n')}\nwritten: ${file}\n`);
  return 0;
}


export function registerAuditInit(program: Command, ctx: CommandContext): void {
  const io = ctx, setCode = ctx.setCode;
  program
    .command('audit-init')
    .description('audit initializations: hypotheses met, convergence, observed rate and bounds across initialization scales')
    .argument('[family]', 'all, matrix-factorization (xu2024-mf) or linear-network (xu2024-nn)', 'all')
    .option('--widths <list>', 'comma-separated widths d', (v: string) => v.split(',').map((x) => positiveInt('--widths')(x)), [5, 20, 80])
    .option('--seed <s>', 'seed of the instance', integer('--seed'), 1)
    .option('--out <dir>', 'where audit-init.json is written', 'reports/audit-init')
    .option('--json', 'print the rows as JSON', false)
    .action((family: string, opts: AuditCliOptions) => setCode(runAuditInit(family, opts, io)));

}
