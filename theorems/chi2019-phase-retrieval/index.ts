import { definePaper } from 'ratecheck';
import claims from '../chi2019-phase-retrieval.ts';

export const paper = definePaper({
  name: 'chi2019',
  title: 'Chi, Lu, Chen. Nonconvex optimization meets low-rank matrix factorization: an overview. IEEE TSP 2019',
  claims,
});
