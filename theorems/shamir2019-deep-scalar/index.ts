import { definePaper } from 'ratecheck';
import claims from '../shamir2019-deep-scalar.ts';

export const paper = definePaper({
  name: 'shamir2019',
  title: 'Shamir. Exponential convergence time of gradient descent for one-dimensional deep linear neural networks. COLT 2019',
  claims,
});
