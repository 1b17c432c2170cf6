/**
 * Chi, Lu, Chen (IEEE TSP 2019): phase retrieval by vanilla GD from the spectral initialization (Ma, Wang,
 * Chi, Chen 2020, Theorem 1, as surveyed) and the exact local contractions behind it. Set-up in setup.ts.
 */
import { definePaper } from 'ratecheck';
import { euclideanDistance, gdLocalRate, rateAt6n } from './gd-local-rate.ts';
import { gdLocalContraction, populationRate, topEigenvalueRate } from './local-contraction.ts';
import { rank1BelowThird, rank1LocalContraction, rank1TopEigenvalue } from './rank1-contraction.ts';

export const paper = definePaper({
  name: 'chi2019',
  title: 'Chi, Lu, Chen. Nonconvex optimization meets low-rank matrix factorization: an overview. IEEE TSP 2019',
  claims: [
    gdLocalRate,
    rateAt6n,
    euclideanDistance,
    gdLocalContraction,
    populationRate,
    topEigenvalueRate,
    rank1LocalContraction,
    rank1BelowThird,
    rank1TopEigenvalue,
  ],
});
