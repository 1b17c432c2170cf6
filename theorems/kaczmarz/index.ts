import { definePaper } from 'ratecheck';
import claims from '../kaczmarz.ts';

export const paper = definePaper({
  name: 'kaczmarz',
  title: 'Strohmer, Vershynin. A randomized Kaczmarz algorithm with exponential convergence. J. Fourier Anal. Appl. 2009',
  claims,
});
