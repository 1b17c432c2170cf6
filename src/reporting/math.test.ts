import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formulaMathml, mathHtml, scriptsHtml, toTex } from './math.ts';

const strip = (h: string) => h.replace(/<math>.*?<\/math>/g, (m) => `[${m.replace(/<[^>]+>/g, '')}]`);

describe('math in report text', () => {
  it('renders the TeX-like notation of the catalog to MathML', () => {
    const p = mathHtml('with probability at least 1 − e^{−d/2}');
    expect(p.startsWith('with probability at least <math>')).toBe(true);
    expect(p).toContain('<msup><mi>e</mi><mrow><mo');
    expect(strip(mathHtml('f ≤ ε‖A‖²_F once t ≥ T'))).toBe('[f≤ε‖A‖F2] once t ≥ T');
    expect(strip(mathHtml('‖R_t‖_F ≤ C(1−μ/L)^t for all t'))).toBe('[‖Rt‖F≤C(1−μ/L)t] for all t');
    expect(mathHtml('λ_max')).toContain('<msub><mi>λ</mi><mpadded lspace="0"><mi>max</mi></mpadded></msub>');
    expect(mathHtml('(1 − √(μ/L))^n')).toContain('<msqrt>');
    expect(mathHtml('x* and 2^10')).toContain('<mn>10</mn>');
  });

  it('keeps prose, punctuation, brackets around a formula and code-like words as text', () => {
    expect(strip(mathHtml('the rate (ρ_msq(B), per step).'))).toBe('the rate ([ρmsq(B)], per step).');
    expect(strip(mathHtml('E‖G_ν(x, u)‖² ≤ 1 for all'))).toBe('[E‖Gν(x,u)‖2≤1] for all');
    const url = 'see https://github.com/a/b/blob/master/unconstrained_convex_min/gd_x.py and file_name_here';
    expect(mathHtml(url)).toBe(url);
    expect(mathHtml('no script here <b>')).toBe('no script here &lt;b&gt;');
  });

  it('turns the notation into TeX, escaping TeX specials', () => {
    expect(toTex('a_{t+1} ≤ ρ·dist_t + 50%')).toBe('a_{t+1} ≤ ρ\\cdot \\operatorname{dist}_{t} + 50\\%');
    expect(toTex('x_k^HB')).toBe('x_{k}^{\\mathrm{HB}}');
    expect(toTex('√κ & {#} \\ $~')).toBe('\\sqrt{κ} \\& \\{\\#\\} \\backslash  \\$\\sim ');
  });

  it('falls back to <sup>/<sub> when a formula cannot be parsed', () => {
    expect(formulaMathml('x^a^b')).toBeNull();
    expect(formulaMathml('x^a^b')).toBeNull(); // cached
    expect(scriptsHtml('e^{−d/2} and λ_max <x>')).toBe('e<sup>−d/2</sup> and λ<sub>max</sub> &lt;x&gt;');
    expect(mathHtml('x^a^b')).toBe('x<sup>a</sup><sup>b</sup>');
  });

  it('never throws, and never lets markup through', () => {
    const alphabet = fc.constantFrom(...'ab x_^{}()[]\\%$&#~<>"\'*√·‖²,;:. ₀ᵀ-'.split(''), 'λ', 'max', 'https://x.org/a_b_c', '\u0000');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const h = mathHtml(s);
        const outside = h.replace(/<math>[\s\S]*?<\/math>/g, '').replace(/<\/?(sup|sub)>/g, '');
        expect(outside).not.toMatch(/[<>]/);
        expect(h).not.toMatch(/<(script|img|a|style)\b/);
        expect(h.match(/<math>/g)?.length ?? 0).toBe(h.match(/<\/math>/g)?.length ?? 0);
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});
