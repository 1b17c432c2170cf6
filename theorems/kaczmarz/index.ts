/**
 * Strohmer, Vershynin. A randomized Kaczmarz algorithm with exponential convergence. J. Fourier Anal.
 * Appl. 2009 (Theorem 2), with minibatch SGD / averaged block Kaczmarz (Bollapragada, Chen, Ward 2024, β = 0).
 */
import { definePaper, type Claim } from 'ratecheck';
import { rkAlmostSure, rkWithKappa, stroVer } from './strohmer-vershynin.ts';
import { gdStepAnyBatch, linearSpeedup, minibatchSgd } from './minibatch-sgd.ts';

export const claims: Claim<any>[] = [stroVer, rkWithKappa, rkAlmostSure, minibatchSgd, linearSpeedup, gdStepAnyBatch];

export const paper = definePaper({
  name: 'kaczmarz',
  title: 'Strohmer, Vershynin. A randomized Kaczmarz algorithm with exponential convergence. J. Fourier Anal. Appl. 2009',
  claims,
});
