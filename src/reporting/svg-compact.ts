/**
 * vega's SVG made small for an HTML page that holds many figures: accessibility and class attributes
 * vega writes for interactive use, attributes equal to their SVG default, the font family repeated on
 * every label and the common 10px label size (the page's stylesheet sets them once, on the figure), empty background paths and attribute-less groups
 * dropped, and coordinates rounded to 0.1 px. What is drawn does not change.
 */

const GEOMETRY = /\s(d|transform|x|y|x1|x2|y1|y2|width|height|points)="([^"]*)"/g;

function roundNumbers(v: string): string {
  return v.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => {
    const r = Math.round(Number(n) * 10) / 10;
    return Number.isFinite(r) ? String(r === 0 ? 0 : r) : n;
  });
}

/** Remove `<g>` … `</g>` pairs whose opening tag has no attribute (they change nothing drawn). */
function dropBareGroups(svg: string): string {
  const tags = [...svg.matchAll(/<g(\s[^>]*)?>|<\/g>/g)];
  const drop = new Set<number>();
  const stack: { index: number; bare: boolean }[] = [];
  for (const m of tags) {
    if (m[0] === '</g>') {
      const open = stack.pop();
      if (open?.bare) {
        drop.add(open.index);
        drop.add(m.index!);
      }
    } else stack.push({ index: m.index!, bare: m[0] === '<g>' });
  }
  if (drop.size === 0) return svg;
  let out = '';
  let last = 0;
  for (const m of tags) {
    if (!drop.has(m.index!)) continue;
    out += svg.slice(last, m.index);
    last = m.index! + m[0].length;
  }
  return out + svg.slice(last);
}

const LINE = /<line(?: transform="translate\((-?[\d.]+),(-?[\d.]+)\)")?(?: x2="(-?[\d.]+)")?(?: y2="(-?[\d.]+)")? stroke="(#[0-9a-fA-F]+)"\/>/y;

/**
 * Runs of plain `<line>`s (grid lines and ticks: a translation, an end point and a stroke colour only)
 * merged into one `<path>` per run and colour: `M x,y l dx,dy` per line draws the same segments.
 */
export function mergeLines(svg: string): string {
  let out = '';
  let i = 0;
  while (i < svg.length) {
    const at = svg.indexOf('<line', i);
    if (at < 0) break;
    out += svg.slice(i, at);
    const segments: string[] = [];
    let stroke = '';
    let j = at;
    for (;;) {
      LINE.lastIndex = j;
      const m = LINE.exec(svg);
      if (!m || (stroke && m[5] !== stroke)) break;
      stroke = m[5];
      segments.push(`M${m[1] ?? 0},${m[2] ?? 0}l${m[3] ?? 0},${m[4] ?? 0}`);
      j = LINE.lastIndex;
    }
    if (segments.length === 0) {
      out += '<line';
      i = at + 5;
      continue;
    }
    out += `<path d="${segments.join('')}" stroke="${stroke}" fill="none"/>`;
    i = j;
  }
  return out + svg.slice(i);
}

/** Ramer–Douglas–Peucker: the points of a polyline that keep it within `eps` of the original. */
export function simplifyPolyline(pts: [number, number][], eps: number): [number, number][] {
  if (pts.length <= 2) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = pts[a], [bx, by] = pts[b];
    const dx = bx - ax, dy = by - ay;
    const len = Math.hypot(dx, dy);
    let worst = -1, far = 0;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * (px - ax) - dx * (py - ay)) / len;
      if (d > far) {
        far = d;
        worst = i;
      }
    }
    if (worst >= 0 && far > eps) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

const POLYLINE = /^M-?[\d.]+,-?[\d.]+(L-?[\d.]+,-?[\d.]+)+$/;

/** A path that is one polyline (`M x,y L x,y …`) with the points a reader cannot see (within 0.25 px) dropped. */
export function simplifyPath(d: string): string {
  if (!POLYLINE.test(d)) return d;
  const pts = d.slice(1).split('L').map((p) => p.split(',').map(Number) as [number, number]);
  const kept = simplifyPolyline(pts, 0.25);
  return `M${kept.map(([x, y]) => `${x},${y}`).join('L')}`;
}

/** The compacted SVG (the root keeps its size, viewBox and class). */
export function compactSvg(svg: string): string {
  let cur0 = svg
    .replace(/\s(aria-[a-z-]+|role|pointer-events|stroke-miterlimit)="[^"]*"/g, '')
    .replace(/(<(?!svg\b)[a-z]+[^>]*?)\sclass="[^"]*"/g, '$1')
    .replace(/\sfont-family="[^"]*"/g, '')
    // the page sets 10px on the figure (inherited); other sizes stay
    .replace(/(<text[^>]*?)\sfont-size="10px"/g, '$1')
    .replace(/\s(opacity|stroke-opacity|fill-opacity)="1"/g, '')
    .replace(/\sstroke-width="1"/g, '')
    .replace(/\s(x2|y2|x|y)="0"/g, '')
    .replace(/\stransform="translate\(0,0\)"/g, '')
    .replace(GEOMETRY, (_m, name: string, value: string) => ` ${name}="${name === 'd' ? simplifyPath(roundNumbers(value)) : roundNumbers(value)}"`)
    .replace(/<path d="M0,0h0v0h0Z"\/>/g, '')
    .replace(/<path d=""( display="none")?\/>/g, '')
    .replace(/<path d="M0,0h0v0h0Z"><\/path>/g, '')
    // labels vega hid (overlapping ones) draw nothing
    .replace(/<text[^>]*\sopacity="0"[^>]*>[^<]*<\/text>/g, '')
    // black text: the page's stylesheet fills text without a fill attribute
    .replace(/(<text[^>]*?)\sfill="#000"/g, '$1');
  // a label placed by a translation alone: the same place as x, y attributes (shorter)
  cur0 = cur0.replace(/<text([^>]*?) transform="translate\((-?[\d.]+),(-?[\d.]+)\)"([^>]*)>/g, (m, a: string, x: string, y: string, b: string) =>
    / (x|y)="/.test(a + b) ? m : `<text${a} x="${x}" y="${y}"${b}>`,
  );
  cur0 = mergeLines(cur0);
  let prev = '';
  let cur = cur0;
  // empty groups left after the removals, then attribute-less wrappers
  while (prev !== cur) {
    prev = cur;
    cur = cur.replace(/<g(\s[^>]*)?><\/g>/g, '');
  }
  return dropBareGroups(cur);
}
