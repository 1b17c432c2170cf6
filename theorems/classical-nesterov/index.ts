import { definePaper } from 'ratecheck';
import { nesterovMuMode, nesterovMuModeGdSpeed, nesterovMuModeRadius } from './mu-mode.ts';
import { nesterovRadius, nesterovRadiusGd, nesterovRadiusHeavyBall } from './spectral-radius.ts';
import { nesterovBound, nesterovDropDistance, nesterovRateSquared } from './strongly-convex-bound.ts';

export const paper = definePaper({
  name: 'classical-nesterov',
  title: 'Nesterov’s method for strongly convex functions',
  claims: [
    nesterovBound,
    nesterovDropDistance,
    nesterovRateSquared,
    nesterovMuMode,
    nesterovMuModeRadius,
    nesterovMuModeGdSpeed,
    nesterovRadius,
    nesterovRadiusHeavyBall,
    nesterovRadiusGd,
  ],
});
