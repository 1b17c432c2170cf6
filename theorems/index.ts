/**
 * The built-in catalog: one folder per paper, each exporting its `paper` (claims, figures, commands).
 * The `ratecheck` binary hands it to the engine; worker threads reload it through `module`.
 */
import type { Catalog } from 'ratecheck';
import { paper as bcw2024 } from './bcw2024-minibatch-heavy-ball/index.ts';
import { paper as chi2019 } from './chi2019-phase-retrieval/index.ts';
import { paper as classicalGd } from './classical-gd/index.ts';
import { paper as classicalNesterov } from './classical-nesterov/index.ts';
import { paper as gaussianSmoothing } from './gaussian-smoothing/index.ts';
import { paper as kaczmarz } from './kaczmarz/index.ts';
import { paper as polyak } from './polyak-heavy-ball/index.ts';
import { paper as shamir2019 } from './shamir2019-deep-scalar/index.ts';
import { paper as stich2018 } from './stich2018-sparsified-sgd/index.ts';
import { paper as wardKolda2023 } from './ward-kolda2023-altgd/index.ts';
import { paper as xu2024 } from './xu2024/index.ts';
import { paper as yun2019 } from './yun2019-projected-gd/index.ts';

export const catalog: Catalog = {
  papers: [bcw2024, chi2019, classicalGd, classicalNesterov, gaussianSmoothing, kaczmarz, polyak, shamir2019, stich2018, wardKolda2023, xu2024, yun2019],
  module: import.meta.url,
};
