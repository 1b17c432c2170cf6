/**
 * Stich, Cordonnier, Jaggi, "Sparsified SGD with Memory" (NeurIPS 2018, arXiv:1809.07599).
 *
 *   setup.ts           the finite-sum ridge instances, MEM-SGD replicas and the expectation band
 *   theorem-2.4.ts     Theorem 2.4: E[f(x̄_T) − f*] for MEM-SGD (loose), with two false variants
 *   lemma-3.2.ts       Lemma 3.2: the memory E‖m_t‖², with two false variants
 *   definition-2.1.ts  Definitions 2.1–2.2: top_k and rand_k are k-contractions (tight), four false variants
 */
import { definePaper } from 'ratecheck';
import { thm24, thm24NoNoise, thm24OverT } from './theorem-2.4.ts';
import { lemma32, lemma32Faster, lemma32NoDk } from './lemma-3.2.ts';
import { def21RandK, def21RandKPerDraw, def21RandKSquared, def21TopK, def21TopKSquared, def21TopKUnsquared } from './definition-2.1.ts';

export const paper = definePaper({
  name: 'stich2018',
  title: 'Stich, Cordonnier, Jaggi. Sparsified SGD with memory. NeurIPS 2018',
  claims: [
    thm24,
    thm24NoNoise,
    thm24OverT,
    lemma32,
    lemma32NoDk,
    lemma32Faster,
    def21TopK,
    def21TopKSquared,
    def21TopKUnsquared,
    def21RandK,
    def21RandKPerDraw,
    def21RandKSquared,
  ],
});
