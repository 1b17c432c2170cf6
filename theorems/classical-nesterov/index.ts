import { definePaper } from 'ratecheck';
import claims from '../classical-nesterov.ts';

export const paper = definePaper({
  name: 'classical-nesterov',
  title: 'Nesterov’s method for strongly convex functions',
  claims,
});
