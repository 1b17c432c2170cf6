import { definePaper } from 'ratecheck';
import { droriTeboulleAccelerated, droriTeboulleHuber, droriTeboulleLongStep, droriTeboulleTightened } from './drori-teboulle.ts';
import { gdDistance, gdDistanceDropL, gdDistanceTightened } from './strongly-convex-distance.ts';
import { gdFunctionValue, gdFunctionValueDropL, gdFunctionValueTightened } from './strongly-convex-function-value.ts';

export const paper = definePaper({
  name: 'classical-gd',
  title: 'Gradient descent on F_{μ,L}: Drori, Teboulle (2014); Taylor, Hendrickx, Glineur (2018)',
  claims: [
    droriTeboulleHuber,
    droriTeboulleAccelerated,
    droriTeboulleTightened,
    droriTeboulleLongStep,
    gdDistance,
    gdDistanceDropL,
    gdDistanceTightened,
    gdFunctionValue,
    gdFunctionValueDropL,
    gdFunctionValueTightened,
  ],
});
