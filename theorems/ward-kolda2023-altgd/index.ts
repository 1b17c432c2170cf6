import { definePaper } from 'ratecheck';
import claims from '../ward-kolda2023-altgd.ts';

export const paper = definePaper({
  name: 'ward-kolda2023',
  title: 'Ward, Kolda. Convergence of alternating gradient descent for matrix factorization. NeurIPS 2023',
  claims,
});
