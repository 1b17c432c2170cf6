import { definePaper } from 'ratecheck';
import claims from '../polyak-heavy-ball.ts';

export const paper = definePaper({
  name: 'polyak',
  title: 'Polyak. Some methods of speeding up the convergence of iteration methods. 1964',
  claims,
});
