import { describe, expect, it } from 'vitest';
import { compactSvg, mergeLines, simplifyPath, simplifyPolyline } from './svg-compact.ts';

describe('compactSvg', () => {
  it('drops what draws nothing and keeps what is drawn', () => {
    const svg =
      '<svg class="marks" width="10" height="10" viewBox="0 0 10 10"><g fill="none" role="graphics-object" aria-roledescription="group"><g><g class="mark-text"><text text-anchor="middle" transform="translate(5.123,6)" font-family="DejaVu Sans" font-size="10px" fill="#000" opacity="1">5</text>' +
      '<text transform="translate(1,1)" fill="#000" opacity="0">hidden</text><text transform="translate(1,2)" font-size="12px" fill="#d62728">red</text></g></g>' +
      '<path class="background" d="M0,0h0v0h0Z"/><path d="" display="none"/><line transform="translate(0,-220)" x2="0" y2="220" stroke="#eee" stroke-width="1"/><line transform="translate(50,-220)" y2="220" stroke="#eee"/><line y2="5" stroke="#888"/></g></svg>';
    expect(compactSvg(svg)).toBe(
      '<svg class="marks" width="10" height="10" viewBox="0 0 10 10"><g fill="none"><text text-anchor="middle" x="5.1" y="6">5</text><text x="1" y="2" font-size="12px" fill="#d62728">red</text>' +
        '<path d="M0,-220l0,220M50,-220l0,220" stroke="#eee" fill="none"/><path d="M0,0l0,5" stroke="#888" fill="none"/></g></svg>',
    );
  });

  it('merges only plain lines of one colour', () => {
    expect(mergeLines('<line x1="1" y2="2" stroke="#000"/>')).toBe('<line x1="1" y2="2" stroke="#000"/>');
    expect(mergeLines('<line y2="2" stroke="#000"/><line y2="3" stroke="#111"/>')).toBe('<path d="M0,0l0,2" stroke="#000" fill="none"/><path d="M0,0l0,3" stroke="#111" fill="none"/>');
  });

  it('drops polyline points within a quarter pixel of the line', () => {
    expect(simplifyPath('M0,0L1,1L2,2.1L3,3L4,10')).toBe('M0,0L3,3L4,10');
    expect(simplifyPath('M0,0h10v10Z')).toBe('M0,0h10v10Z');
    expect(simplifyPolyline([[0, 0], [0, 0], [0, 0]], 0.25)).toEqual([[0, 0], [0, 0]]);
  });
});
