/**
 * Progress of long commands (verify, tighten, audit, figures, bench). On a terminal: one line redrawn
 * in place, a bar with counts, percentage, elapsed time and ETA. When the stream is not a terminal, or
 * when CI=true: plain lines, one every `intervalMs` (and a last one at the end), so that logs stay
 * readable. Written to stderr by default, so stdout stays clean for results.
 */

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  label: string;
  /** Expected number of ticks (grows if exceeded). */
  total: number;
  stream?: ProgressStream;
  /** Environment read for CI (default process.env). */
  env?: Record<string, string | undefined>;
  /** Clock in milliseconds (default performance.now). */
  now?: () => number;
  /** Plain mode: at most one line per this many milliseconds (default 5000). */
  intervalMs?: number;
  /** Terminal mode: redraw at most once per this many milliseconds (default 80). */
  redrawMs?: number;
  /** Force a mode instead of detecting it. */
  mode?: ProgressMode;
}

export type ProgressMode = 'bar' | 'lines' | 'silent';

export interface Progress {
  readonly mode: ProgressMode;
  /** Count `count` (default 1) more items done; `detail` names the current one. */
  tick(detail?: string, count?: number): void;
  /** Finish: the last line (terminal mode ends it with a newline). */
  done(detail?: string): void;
}

/** CI=true (or any value but '', '0' and 'false'). */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** The mode for a stream: a bar on a terminal outside CI, plain lines otherwise. */
export function progressMode(stream: ProgressStream, env: Record<string, string | undefined> = process.env): ProgressMode {
  return stream.isTTY && !isCi(env) ? 'bar' : 'lines';
}

/** 0:07, 1:02:03, or ? when unknown. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Remaining time from the rate so far (unknown before the first item). */
export function eta(elapsedMs: number, count: number, total: number): number {
  if (count <= 0) return NaN;
  return (elapsedMs / count) * Math.max(0, total - count);
}

export function renderBar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.round(f * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

export function createProgress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  const now = o.now ?? (() => performance.now());
  const mode = o.mode ?? progressMode(stream, o.env ?? process.env);
  const intervalMs = o.intervalMs ?? 5000;
  const redrawMs = o.redrawMs ?? 80;
  if (!(Number.isFinite(o.total) && o.total >= 0)) throw new RangeError(`progress total must be a finite number ≥ 0, got ${o.total}`);
  const started = now();
  let total = o.total;
  let count = 0;
  let lastDraw = -Infinity;
  let finished = false;
  let lastDetail = '';

  const pct = () => (total > 0 ? Math.floor((100 * count) / total) : 100);
  const statusLine = (detail: string) => {
    const elapsed = now() - started;
    const remaining = eta(elapsed, count, total);
    return { elapsed, remaining, detail };
  };

  const drawBar = (detail: string, final: boolean) => {
    const { elapsed, remaining } = statusLine(detail);
    const time = final ? `done in ${formatDuration(elapsed)}` : `ETA ${formatDuration(remaining)}`;
    let line = `${o.label} ${renderBar(total > 0 ? count / total : 1, 24)} ${count}/${total} ${String(pct()).padStart(3)}% ${time}`;
    if (detail) line += `  ${detail}`;
    const cols = stream.columns && stream.columns > 10 ? stream.columns - 1 : 0;
    if (cols && [...line].length > cols) line = [...line].slice(0, cols).join('');
    stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
  };

  const printLine = (detail: string, final: boolean) => {
    const { elapsed, remaining } = statusLine(detail);
    const time = final ? `done in ${formatDuration(elapsed)}` : `elapsed ${formatDuration(elapsed)}, ETA ${formatDuration(remaining)}`;
    stream.write(`${o.label}: ${count}/${total} (${pct()}%), ${time}${detail ? ` - ${detail}` : ''}\n`);
  };

  return {
    mode,
    tick(detail = '', n = 1) {
      if (finished) return;
      count += n;
      if (count > total) total = count;
      lastDetail = detail;
      if (mode === 'silent') return;
      const t = now();
      if (mode === 'bar') {
        if (t - lastDraw >= redrawMs || count === total) {
          lastDraw = t;
          drawBar(detail, false);
        }
      } else if (t - lastDraw >= intervalMs) {
        // the first line comes after one interval, so short runs print only their last line
        if (lastDraw === -Infinity) {
          lastDraw = started;
          if (t - started < intervalMs) return;
        }
        lastDraw = t;
        printLine(detail, false);
      }
    },
    done(detail) {
      if (finished) return;
      finished = true;
      if (mode === 'silent') return;
      const d = detail ?? lastDetail;
      if (mode === 'bar') drawBar(d, true);
      else printLine(d, true);
    },
  };
}
