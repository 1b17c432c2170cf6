/**
 * Xu, Wang, Zhao, Ward, Tao. Provable acceleration of Nesterov's accelerated gradient for rectangular
 * matrix factorization and linear neural networks. NeurIPS 2024. https://arxiv.org/abs/2410.09640
 */
import { definePaper } from 'ratecheck';
import { matrixFactorization } from './matrix-factorization.ts';
import { linearNetworks } from './linear-networks.ts';

export const paper = definePaper({
  name: 'xu2024',
  title: 'Xu, Wang, Zhao, Ward, Tao. Provable acceleration of Nesterov’s accelerated gradient for rectangular matrix factorization and linear neural networks. NeurIPS 2024',
  claims: [...matrixFactorization.claims, ...linearNetworks.claims],
  figures: [...matrixFactorization.figures, ...linearNetworks.figures],
  commands: linearNetworks.commands,
});
