/**
 * Shamir. Exponential convergence time of gradient descent for one-dimensional deep linear neural
 * networks. COLT 2019, PMLR 99:2691–2713. https://proceedings.mlr.press/v99/shamir19a.html
 *
 * setup.ts (source, balanced proxy), balanced-steps.ts, balanced-slope.ts, median-growth.ts,
 * init-log-product.ts.
 */
import { definePaper, type Claim } from 'ratecheck';
import { balancedNoPolynomialFactor, balancedPolynomial, balancedSteps } from './balanced-steps.ts';
import { balancedSlopeClaim, balancedSlopeGradientRate, balancedSlopeUncorrected } from './balanced-slope.ts';
import { medianGrowth, medianQuadratic } from './median-growth.ts';
import { initJensenEquality, initLogProduct, initProductOrderOne } from './init-log-product.ts';

export const claims: Claim<any>[] = [
  balancedSteps,
  balancedNoPolynomialFactor,
  balancedPolynomial,
  balancedSlopeClaim,
  balancedSlopeUncorrected,
  balancedSlopeGradientRate,
  medianGrowth,
  medianQuadratic,
  initLogProduct,
  initProductOrderOne,
  initJensenEquality,
];

export const paper = definePaper({
  name: 'shamir2019',
  title: 'Shamir. Exponential convergence time of gradient descent for one-dimensional deep linear neural networks. COLT 2019',
  claims,
});
