import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { verifyClaim } from '../../checking/runner.ts';
import type { Claim } from '../../claims/types.ts';
import { SCHEMA_VERSION, TOOL_VERSION, buildEntry, summarize, toJson, type Report } from '../../reporting/report.ts';
import { upper } from '../../reporting/figures/test-claims.ts';
import { UsageError } from '../errors.ts';
import { registerFigures, runFigures } from './figures.ts';
import { lineFigure } from '../../reporting/figures/spec.ts';
import type { Catalog, Paper } from '../../catalog.ts';

function capture() {
  const out: string[] = [], err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

const claim: Claim<unknown> = { ...(upper as Claim<unknown>), id: 'bcw2024.toy', source: { ...upper.source, url: 'https://arxiv.org/abs/2206.07553' } };
const paperFigure = lineFigure({ name: 'bcw2024/toy-rate', title: 'toy', caption: 'a toy figure', data: [{ x: 1, y: 1, series: 'a' }, { x: 2, y: 0.5, series: 'a' }], panels: [{ title: 'p', x: { field: 'x', title: 'x' }, y: { field: 'y', title: 'y' } }] });
const catalogOf = (claims: Claim<unknown>[], figures: Paper['figures'] = []): Catalog => ({ papers: [{ name: 'bcw2024', title: 'toy', claims, figures }] });
const sink = () => {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => lines.push(s), isTTY: false } };
};

describe('ratecheck figures', () => {
  it('writes the bcw2024 figures (batch size and per claim) with progress lines, drawing from a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-figcli-'));
    const entries = [buildEntry(claim, verifyClaim(claim, { runs: 3, seed: 4 }), dir)];
    const report: Report = { schemaVersion: SCHEMA_VERSION, tool: { name: 'ratecheck', version: TOOL_VERSION }, createdAt: '', options: { runs: 3, seed: 4, timeLimitSec: null, maxIterations: null, dense: false }, summary: summarize(entries), claims: entries };
    const reportFile = join(dir, 'report.json');
    writeFileSync(reportFile, toJson(report));
    const c = capture();
    const p = sink();
    const code = await runFigures({ paper: 'bcw2024', out: join(dir, 'figs'), report: reportFile, seed: 1, samples: 1, progressStream: p.stream }, c.io, catalogOf([claim], [{ label: 'toy rate', build: () => [paperFigure] }]));
    expect(code).toBe(0);
    for (const f of ['bcw2024/toy-rate', 'claims/bcw2024.toy']) {
      expect(existsSync(join(dir, 'figs', `${f}.svg`))).toBe(true);
      expect(existsSync(join(dir, 'figs', `${f}.json`))).toBe(true);
    }
    expect(c.out.join('')).toContain('2 figures (SVG, each next to the JSON it was drawn from)');
    expect(p.lines[p.lines.length - 1]).toMatch(/^figures: 2\/2 \(100%\), done in .* - 2 figures\n$/);
    expect(JSON.parse(readFileSync(join(dir, 'figs', 'claims', 'bcw2024.toy.json'), 'utf8')).meta.focus.label).toBe('tightest');
  });

  it('reports claims without a figure, and exits 1 when a job fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-figcli-'));
    const unmet: Claim<unknown> = { ...claim, id: 'bcw2024.unmet', instantiate: (p, o) => ({ ...claim.instantiate(p, o), hypotheses: [{ name: 'never', holds: false }] }) };
    const broken: Claim<unknown> = {
      ...claim,
      id: 'bcw2024.broken',
      get examples(): unknown[] {
        throw new Error('examples unavailable');
      },
    };
    const c = capture();
    const code = await runFigures({ paper: 'bcw2024', out: dir, seed: 1, samples: 1, progressStream: sink().stream }, c.io, catalogOf([unmet, broken]));
    expect(code).toBe(1);
    expect(c.err.join('')).toContain('no figure: bcw2024.unmet');
    expect(c.err.join('')).toContain('failed: bcw2024.broken: examples unavailable');
    expect(c.out.join('')).toMatch(/1 without a figure; 1 FAILED/);
  });

  it('rejects a missing, malformed or foreign report and an unwritable output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-figcli-'));
    const base = { paper: 'bcw2024', out: dir, seed: 1, samples: 0, progressStream: sink().stream };
    const c = capture();
    await expect(runFigures({ ...base, report: join(dir, 'nope.json') }, c.io, catalogOf([]))).rejects.toThrow(UsageError);
    await expect(runFigures({ ...base, paper: 'nope' }, c.io, catalogOf([]))).rejects.toThrow(/unknown paper 'nope' \(available: bcw2024, all\)/);
    writeFileSync(join(dir, 'bad.json'), '{');
    await expect(runFigures({ ...base, report: join(dir, 'bad.json') }, c.io, catalogOf([]))).rejects.toThrow(/malformed JSON/);
    writeFileSync(join(dir, 'other.json'), '{"a": 1}');
    await expect(runFigures({ ...base, report: join(dir, 'other.json') }, c.io, catalogOf([]))).rejects.toThrow(/not a ratecheck report/);
    writeFileSync(join(dir, 'file'), 'x');
    await expect(runFigures({ ...base, out: join(dir, 'file', 'sub') }, c.io, catalogOf([]))).rejects.toThrow(/cannot create/);
  });

  it('registers the command with its options and validates them', async () => {
    const parse = async (args: string[]) => {
      const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
      let code = -1;
      let seen: unknown;
      registerFigures(program, capture().io, (c) => (code = c));
      program.commands[0].action(async (opts: unknown) => {
        seen = opts;
      });
      await program.parseAsync(['node', 'ratecheck', 'figures', ...args]);
      return { code, seen };
    };
    const { seen } = await parse([]);
    expect(seen).toMatchObject({ paper: 'all', out: 'reports/figures', seed: 1, samples: 3 });
    expect((await parse(['--paper', 'xu2024', '--seed', '-3', '--samples', '0'])).seen).toMatchObject({ paper: 'xu2024', seed: -3, samples: 0 });
    await expect(parse(['--samples', '-1'])).rejects.toBeInstanceOf(CommanderError);
    await expect(parse(['--seed', 'x'])).rejects.toBeInstanceOf(CommanderError);
  });
});
