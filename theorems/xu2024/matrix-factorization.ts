import type { PaperFigure } from 'ratecheck';
import claims from '../xu2024-matrix-factorization.ts';
import { figures as xuFigures } from '../../src/reporting/figures/xu2024-figure-jobs.ts';

/** Section 3 of the paper: matrix factorization with GD, AltGD and NAG. */
export const matrixFactorization: { claims: typeof claims; figures: PaperFigure[] } = { claims, figures: xuFigures };
