import { definePaper } from 'ratecheck';
import { nesterovMuMode, nesterovMuModeGdSpeed, nesterovMuModeNearMiss, nesterovMuModeRadius } from './mu-mode.ts';
import { nesterovRadius, nesterovRadiusGd, nesterovRadiusHeavyBall, nesterovRadiusNearMiss } from './spectral-radius.ts';
import { nesterovBound, nesterovDropDistance, nesterovNearMiss, nesterovRateSquared } from './strongly-convex-bound.ts';

export const paper = definePaper({
  name: 'classical-nesterov',
  title: 'Nesterov’s method for strongly convex functions',
  claims: [
    nesterovBound,
    nesterovDropDistance,
    nesterovRateSquared,
    nesterovNearMiss,
    nesterovMuMode,
    nesterovMuModeRadius,
    nesterovMuModeGdSpeed,
    nesterovMuModeNearMiss,
    nesterovRadius,
    nesterovRadiusHeavyBall,
    nesterovRadiusGd,
    nesterovRadiusNearMiss,
  ],
});
