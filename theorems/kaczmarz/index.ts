/**
 * Strohmer, Vershynin. A randomized Kaczmarz algorithm with exponential convergence. J. Fourier Anal.
 * Appl. 2009 (Theorem 2), with minibatch SGD / averaged block Kaczmarz (Bollapragada, Chen, Ward 2024, β = 0).
 */
import { definePaper, type Claim } from 'ratecheck';
import { rkAlmostSure, rkRateNearMiss, rkWithKappa, stroVer } from './strohmer-vershynin.ts';
import { gdStepAnyBatch, linearSpeedup, minibatchSgd, sgdRateNearMiss } from './minibatch-sgd.ts';
import { uniformRateNearMiss, uniformSampling, uniformWithoutEta } from './uniform-sampling.ts';

export const claims: Claim<any>[] = [
  stroVer,
  rkWithKappa,
  rkAlmostSure,
  rkRateNearMiss,
  minibatchSgd,
  linearSpeedup,
  gdStepAnyBatch,
  sgdRateNearMiss,
  uniformSampling,
  uniformRateNearMiss,
  uniformWithoutEta,
];

export const paper = definePaper({
  name: 'kaczmarz',
  title: 'Strohmer, Vershynin. A randomized Kaczmarz algorithm with exponential convergence. J. Fourier Anal. Appl. 2009',
  claims,
});
