import { definePaper } from 'ratecheck';
import claims from '../bcw2024-minibatch-heavy-ball.ts';
import { commands, figures } from '../../src/reporting/figures/bcw2024-jobs.ts';

export const paper = definePaper({
  name: 'bcw2024',
  title: 'Bollapragada, Chen, Ward. On the fast convergence of minibatch heavy ball momentum. 2024',
  claims,
  figures,
  commands,
});
