import { describe, expect, it } from 'vitest';
import * as api from './index.ts';

describe('public API', () => {
  it('exports what a claim file needs', () => {
    for (const name of ['defineClaim', 'atLeast', 'atMost', 'logUniform', 'powerOfTwoGrid', 'seedArb', 'Rng', 'gemm', 'svd', 'spectrum', 'lowRankMatrix', 'runFactorization', 'checkInstance', 'verifyClaim', 'ClaimDefect']) {
      expect(api, name).toHaveProperty(name);
    }
    expect(api.atLeast('h', 2, 1)).toEqual({ name: 'h', holds: true, value: 2, threshold: 1, detail: undefined });
    expect(api.atMost('h', 2, 1).holds).toBe(false);
  });
});
