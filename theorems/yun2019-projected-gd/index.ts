/**
 * Yun, Sra, Jadbabaie. Efficiently testing local optimality and escaping saddles for ReLU networks.
 * ICLR 2019. https://arxiv.org/abs/1809.10858 (Lemma 3, OpenReview submission numbering).
 *
 * setup.ts (source, parameters, instance, oracle), lemma3.ts.
 */
import { definePaper, type Claim } from 'ratecheck';
import { alwaysConverges, anyStepSize, classifyByLambdaMinQ, lemma3 } from './lemma3.ts';

export const claims: Claim<any>[] = [lemma3, classifyByLambdaMinQ, anyStepSize, alwaysConverges];

export const paper = definePaper({
  name: 'yun2019',
  title: 'Yun, Sra, Jadbabaie. Efficiently testing local optimality and escaping saddles for ReLU networks. ICLR 2019',
  claims,
});
