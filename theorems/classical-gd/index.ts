import { definePaper } from 'ratecheck';
import { droriTeboulleAccelerated, droriTeboulleHuber, droriTeboulleLongStep, droriTeboulleTightened } from './drori-teboulle.ts';
import { gdDistance, gdDistanceDropL, gdDistanceRateNearMiss, gdDistanceTightened } from './strongly-convex-distance.ts';
import { gdFunctionValue, gdFunctionValueDropL, gdFunctionValueRateNearMiss, gdFunctionValueTightened } from './strongly-convex-function-value.ts';
import { gdOptimalStep, gdOptimalStepFaster, gdOptimalStepLowered } from './optimal-step.ts';

export const paper = definePaper({
  name: 'classical-gd',
  title: 'Gradient descent on F_{μ,L}: Drori, Teboulle (2014); Taylor, Hendrickx, Glineur (2018); Nesterov (2004)',
  claims: [
    droriTeboulleHuber,
    droriTeboulleAccelerated,
    droriTeboulleTightened,
    droriTeboulleLongStep,
    gdDistance,
    gdDistanceDropL,
    gdDistanceTightened,
    gdDistanceRateNearMiss,
    gdFunctionValue,
    gdFunctionValueDropL,
    gdFunctionValueTightened,
    gdFunctionValueRateNearMiss,
    gdOptimalStep,
    gdOptimalStepFaster,
    gdOptimalStepLowered,
  ],
});
