/**
 * Polyak. Some methods of speeding up the convergence of iteration methods. 1964: heavy ball on
 * quadratics (optimal parameters, the constant-free pitfall) and the margin bound of Bollapragada, Chen,
 * Ward's deterministic template.
 */
import { definePaper, type Claim } from 'ratecheck';
import { optimalRadius, radiusGdStep, radiusMuNearMiss, radiusOnePercentLow, radiusUnderestimatedMu } from './optimal-radius.ts';
import { constantFree, marginBound, marginConstantNearMiss, marginRateNearMiss, unenlargedRate } from './margin-bound.ts';
import { closedForms, closedFormsFaster } from './closed-forms.ts';

export const claims: Claim<any>[] = [
  optimalRadius,
  radiusUnderestimatedMu,
  radiusGdStep,
  radiusMuNearMiss,
  radiusOnePercentLow,
  closedForms,
  closedFormsFaster,
  marginBound,
  constantFree,
  unenlargedRate,
  marginRateNearMiss,
  marginConstantNearMiss,
];

export const paper = definePaper({
  name: 'polyak',
  title: 'Polyak. Some methods of speeding up the convergence of iteration methods. 1964',
  claims,
});
