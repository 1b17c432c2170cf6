/** The built-in catalog: every paper's claims, in the order `ratecheck list` shows them. */
import type { Claim } from '../src/claims/types.ts';
import xu2024MatrixFactorization from './xu2024-matrix-factorization.ts';

export const catalog: Claim<any>[] = [...xu2024MatrixFactorization];
