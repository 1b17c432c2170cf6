import { definePaper } from 'ratecheck';
import claims from '../gaussian-smoothing.ts';

export const paper = definePaper({
  name: 'gaussian-smoothing',
  title: 'Nesterov, Spokoiny (2017) Gaussian smoothing; Ghadimi, Lan (2013) RSGF',
  claims,
});
