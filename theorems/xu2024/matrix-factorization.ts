/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 3: matrix factorization with GD, AltGD and NAG.
 * The claims in the catalog's order, and the paper's figures of Section 5 and Appendix E.
 */
import type { Claim, PaperFigure } from 'ratecheck';
import { thm1Core, thm1CoreNearMiss, thm1NoHypothesis, thm1Printed, thm1PrintedCmin, thm1PrintedNearMiss, thm1PrintedNoHypothesis, thm1RateUnbeatable } from './mf-theorem1.ts';
import { thm1R1AdmitsC, thm1Vacuous, thm2AlsoVacuous } from './mf-vacuous.ts';
import { thm2Core, thm2CoreNearMiss, thm2MomentumDropped, thm2NoHypothesis, thm2Printed, thm2PrintedNearMiss, thm2RateUnbeatable, thm2WidthBelowRank } from './mf-theorem2.ts';
import { thm1CoreAtScale, thm1CoreNearMissAtScale, thm1RateUnbeatableAtScale, thm2CoreAtScale, thm2CoreNearMissAtScale, thm2MomentumDroppedAtScale } from './mf-at-scale.ts';
import { lemma1AltGd, lemma1GaussianY0, lemma1Gd, lemma1Nag, lemma1X0Outside } from './mf-lemma1.ts';
import { altGdAccelerated, altGdEmpirical, altGdRateUnbeatable } from './mf-altgd.ts';
import { prop1AtMostOne, prop1FactorDropped, prop1Sigma1Upper } from './mf-proposition1.ts';
import { gdIterationsFlat, gdIterationsKappa2, gdIterationsLinear, nagIterationsFlat, nagIterationsKappa, nagIterationsSqrt } from './mf-iterations.ts';
import { figures } from './figures.ts';

export const claims: Claim<any>[] = [
  thm1Core,
  thm1NoHypothesis,
  thm1RateUnbeatable,
  thm1CoreNearMiss,
  thm1Printed,
  thm1PrintedCmin,
  thm1PrintedNoHypothesis,
  thm1PrintedNearMiss,
  thm1Vacuous,
  thm1R1AdmitsC,
  thm2Core,
  thm2NoHypothesis,
  thm2RateUnbeatable,
  thm2MomentumDropped,
  thm2WidthBelowRank,
  thm2CoreNearMiss,
  thm2Printed,
  thm2PrintedNearMiss,
  thm1CoreAtScale,
  thm1RateUnbeatableAtScale,
  thm1CoreNearMissAtScale,
  thm2CoreAtScale,
  thm2MomentumDroppedAtScale,
  thm2CoreNearMissAtScale,
  lemma1Gd,
  lemma1AltGd,
  lemma1Nag,
  lemma1GaussianY0,
  lemma1X0Outside,
  altGdEmpirical,
  altGdRateUnbeatable,
  altGdAccelerated,
  prop1Sigma1Upper,
  prop1FactorDropped,
  gdIterationsKappa2,
  gdIterationsLinear,
  nagIterationsKappa,
  nagIterationsSqrt,
  gdIterationsFlat,
  nagIterationsFlat,
  prop1AtMostOne,
  thm2AlsoVacuous,
];

export const matrixFactorization: { claims: Claim<any>[]; figures: PaperFigure[] } = { claims, figures };
