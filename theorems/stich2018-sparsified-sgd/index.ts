import { definePaper } from 'ratecheck';
import claims from '../stich2018-sparsified-sgd.ts';

export const paper = definePaper({
  name: 'stich2018',
  title: 'Stich, Cordonnier, Jaggi. Sparsified SGD with memory. NeurIPS 2018',
  claims,
});
