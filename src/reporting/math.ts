/**
 * Math in report text, rendered to MathML when the report is written (Temml: TeX to MathML, no
 * stylesheet, font or script needed by the reader, nothing loaded from the network).
 *
 * Claim statements and citations are plain Unicode prose with TeX-like scripts (`e^{−d/2}`,
 * `‖A‖²_F`, `(1−μ/L)^t`, `λ_max`). `mathHtml` finds the runs of mathematics around every `^` or `_`
 * script (extended over neighbouring formula tokens such as `≤`, `(1 − √(μ/L))^n` or `max`), turns each
 * run into TeX (`√(…)` to `\sqrt{…}`, `·` to `\cdot`, multi-letter subscripts grouped and upright,
 * TeX's special characters escaped) and renders it with Temml; the prose around stays escaped text.
 * A run Temml cannot parse falls back to HTML `<sup>`/`<sub>` (`scriptsHtml`), so odd input never
 * throws and always stays readable.
 */
import temml from 'temml';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Function names set upright (\operatorname) inside a formula. */
const FUNCTIONS = new Set(['log', 'ln', 'exp', 'max', 'min', 'tr', 'cond', 'rank', 'dist', 'col', 'row', 'sign', 'det', 'diag', 'Orth', 'sup', 'inf', 'lim', 'mod', 'argmin', 'argmax']);

/** A script's argument: a braced group, a digit run, a multi-letter word (≥ 3 letters or all capitals), or one character. */
function scriptArgument(s: string, i: number): { arg: string; end: number; braced: boolean } | null {
  if (i >= s.length) return null;
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return { arg: s.slice(i + 1, j), end: j + 1, braced: true };
    }
    return null;
  }
  const digits = /^[0-9]+/.exec(s.slice(i));
  if (digits) return { arg: digits[0], end: i + digits[0].length, braced: false };
  const word = /^[A-Za-z]+/.exec(s.slice(i));
  if (word && (word[0].length >= 3 || /^[A-Z]{2,}$/.test(word[0]))) return { arg: word[0], end: i + word[0].length, braced: false };
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  if (/\s/.test(ch)) return null;
  // a letter keeps its combining marks (κ̄, L̃)
  const marks = /^[\u0300-\u036f]*/.exec(s.slice(i + ch.length))![0];
  return { arg: ch + marks, end: i + ch.length + marks.length, braced: false };
}

/** Plain-HTML rendering of TeX-like scripts: `^{…}`, `^x`, `_{…}`, `_max` become <sup>/<sub>; the rest is escaped. */
export function scriptsHtml(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ((c === '^' || c === '_') && i > 0 && !/\s/.test(text[i - 1])) {
      const a = scriptArgument(text, i + 1);
      if (a && a.arg.length > 0) {
        const tag = c === '^' ? 'sup' : 'sub';
        out += `<${tag}>${scriptsHtml(a.arg)}</${tag}>`;
        i = a.end;
        continue;
      }
    }
    out += escapeHtml(c);
    i++;
  }
  return out;
}

/** Short English words that are prose, not variables. */
const PROSE = new Set(['no', 'of', 'in', 'is', 'at', 'to', 'on', 'or', 'by', 'as', 'if', 'be', 'an', 'up', 'it', 'we', 'so', 'do', 'vs']);

/** A URL, a file path or a snake_case identifier: never a formula. */
function codeLike(token: string): boolean {
  return /[a-z][a-z0-9+.-]*:\/\//i.test(token) || /\.(py|ts|js|mjs|md|json|m|jl|ipynb)\b/.test(token) || /[a-z]{2,}_[a-z0-9]+_/.test(token) || /[a-z]{2,}_[a-z]{2,}/.test(token) || /\w\/\w+\//.test(token);
}

/** Whether a token (no white space) belongs to a formula: no prose word in it. */
function formulaToken(token: string): boolean {
  if (codeLike(token) || PROSE.has(token.replace(/^[([]+|[)\],;:.]+$/g, ''))) return false;
  const words = token.match(/[A-Za-z]{3,}/g) ?? [];
  if (!words.every((w) => FUNCTIONS.has(w))) return false;
  // letters of other scripts than Greek (accented prose) mark prose
  return !/[À-ɏ]/.test(token) && !/[’']s\b/.test(token);
}

function hasScript(token: string): boolean {
  return !codeLike(token) && /[^\s^_][\^_][^\s]/.test(token);
}

/** The TeX of a formula run written in the report's Unicode notation. */
export function toTex(run: string): string {
  let out = '';
  let i = 0;
  while (i < run.length) {
    const cp = run.codePointAt(i)!;
    const c = String.fromCodePoint(cp);
    if (c === '^' || c === '_') {
      const a = scriptArgument(run, i + 1);
      if (a) {
        const inner = a.braced ? toTex(a.arg) : /^[A-Za-z]{2,}$/.test(a.arg) ? `\\mathrm{${a.arg}}` : toTex(a.arg);
        out += `${c}{${inner}}`;
        i = a.end;
        continue;
      }
      out += c === '^' ? '\\hat{}' : '\\_';
      i++;
      continue;
    }
    if (c === '√') {
      if (run[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < run.length; j++) {
          if (run[j] === '(') depth++;
          else if (run[j] === ')' && --depth === 0) break;
        }
        if (j < run.length) {
          out += `\\sqrt{${toTex(run.slice(i + 2, j))}}`;
          i = j + 1;
          continue;
        }
      } else {
        const a = scriptArgument(run, i + 1);
        if (a && !a.braced && a.arg !== ' ') {
          out += `\\sqrt{${toTex(a.arg)}}`;
          i = a.end;
          continue;
        }
      }
      out += '\\surd ';
      i++;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(run.slice(i));
    if (word) {
      const w = word[0];
      out += FUNCTIONS.has(w) ? `\\operatorname{${w}}` : w.length >= 3 ? `\\mathrm{${w}}` : w;
      i += w.length;
      continue;
    }
    if (c === '*' && i > 0 && /[\p{L}\p{N}‖)\]\u0300-\u036f]/u.test(run[i - 1]) && run[i + 1] !== '^' && run[i + 1] !== '_') {
      out += '^{*}';
      i++;
      continue;
    }
    const map: Record<string, string> = {
      '\\': '\\backslash ', '{': '\\{', '}': '\\}', '%': '\\%', '&': '\\&', '#': '\\#', $: '\\$', '~': '\\sim ', '·': '\\cdot ',
    };
    out += map[c] ?? c;
    i += c.length;
  }
  return out;
}

const cache = new Map<string, string>();

/** One formula as MathML, or null when Temml cannot parse it. */
export function formulaMathml(run: string): string | null {
  const hit = cache.get(run);
  if (hit !== undefined) return hit || null;
  let html = '';
  try {
    const out = temml.renderToString(toTex(run), { throwOnError: true, strict: false, trust: false });
    // Temml marks what it could not read in red: that is no rendering
    if (out.startsWith('<math') && !out.includes('temml-error') && !out.includes('#b22222')) {
      // Temml's classes need its stylesheet, which the report does not ship; `fence` changes no layout
      html = out.replace(/ class="[^"]*"/g, '').replace(/ fence="true"/g, '');
    }
  } catch {
    html = '';
  }
  if (cache.size > 5000) cache.clear();
  cache.set(run, html);
  return html || null;
}

/** Unbalanced brackets and trailing punctuation moved out of a run into the prose around it. */
function trimRun(run: string): { before: string; core: string; after: string } {
  let before = '', core = run, after = '';
  const count = (s: string, ch: string) => s.split(ch).length - 1;
  for (let changed = true; changed && core.length > 0; ) {
    changed = false;
    const last = core[core.length - 1];
    if (/[,;:.!?]/.test(last) || ((last === ')' || last === ']') && count(core, last) > count(core, last === ')' ? '(' : '['))) {
      after = last + after;
      core = core.slice(0, -1);
      changed = true;
      continue;
    }
    const first = core[0];
    if ((first === '(' || first === '[') && count(core, first) > count(core, first === '(' ? ')' : ']')) {
      before += first;
      core = core.slice(1);
      changed = true;
    }
  }
  return { before, core, after };
}

/**
 * Text with its formulas as inline MathML and the rest escaped: safe to place in HTML, never throws.
 * Text without a script (`^`, `_`) is returned escaped, unchanged.
 */
export function mathHtml(text: string): string {
  const s = String(text);
  if (!/[\^_]/.test(s)) return escapeHtml(s);
  const parts = s.split(/(\s+)/);
  const formula = parts.map((p, k) => k % 2 === 0 && p.length > 0 && formulaToken(p));
  const seed = parts.map((p, k) => k % 2 === 0 && hasScript(p));
  const inRun = parts.map(() => false);
  // a run stops after a token ending with a comma, semicolon or colon (prose punctuation), unless
  // a bracket opened in the run is still open (`E‖G_ν(x, u)‖²`)
  const depth = (t: string) => (t.match(/[([{]/g)?.length ?? 0) - (t.match(/[)\]}]/g)?.length ?? 0);
  const ends = (j: number, open: number) => /[,;:]$/.test(parts[j]) && open + depth(parts[j]) <= 0;
  for (let k = 0; k < parts.length; k += 2) {
    if (!seed[k]) continue;
    inRun[k] = true;
    let open = 0;
    let start = k;
    for (let j = k - 2; j >= 0 && formula[j] && !inRun[j] && !ends(j, 0); j -= 2) {
      inRun[j] = true;
      start = j;
    }
    for (let j = start; j < k; j += 2) open += depth(parts[j]);
    for (let j = k; j + 2 < parts.length && formula[j + 2] && !ends(j, open); j += 2) {
      open += depth(parts[j]);
      inRun[j + 2] = true;
    }
  }
  let out = '';
  let k = 0;
  while (k < parts.length) {
    if (k % 2 === 1 || !inRun[k]) {
      out += escapeHtml(parts[k]);
      k++;
      continue;
    }
    let j = k;
    let open = 0;
    while (j + 2 < parts.length && inRun[j + 2] && !ends(j, open)) {
      open += depth(parts[j]);
      j += 2;
    }
    const run = parts.slice(k, j + 1).join('');
    const { before, core, after } = trimRun(run);
    const mathml = core && /[\^_]/.test(core) ? formulaMathml(core) : null;
    out += escapeHtml(before) + (mathml ?? (/[\^_]/.test(core) ? scriptsHtml(core) : escapeHtml(core))) + escapeHtml(after);
    k = j + 1;
  }
  return out;
}
