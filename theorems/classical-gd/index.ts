import { definePaper } from 'ratecheck';
import claims from '../classical-gd.ts';

export const paper = definePaper({
  name: 'classical-gd',
  title: 'Gradient descent on F_{μ,L}: Drori, Teboulle (2014); Taylor, Hendrickx, Glineur (2018)',
  claims,
});
