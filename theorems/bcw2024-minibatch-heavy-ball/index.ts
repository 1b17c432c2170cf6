/**
 * Bollapragada, Chen, Ward. On the fast convergence of minibatch heavy ball momentum. IMA J. Numer.
 * Anal. 45(3), 2024 (https://arxiv.org/abs/2206.07553), with Kidambi et al.'s batch-1 counterexample
 * (ICLR 2018): the claims, the rate-against-batch-size figure and the `batch-size` command.
 */
import { type Claim, type Command, type CommandContext, definePaper, type PaperFigure } from 'ratecheck';
import { beatsFullBatch, exactMoments, plainEstimator } from './moments.ts';
import { msqRadius, noiseHelps, stableAtBatch1 } from './msq-radius.ts';
import { mainBApprox, mainIcr, mainRateNearMiss, mainTheorem } from './main-theorem.ts';
import { kidambiAccelerates, kidambiBatch1, kidambiNoGain } from './kidambi.ts';
import { criticalBatchIcr, criticalBatchKappaBar, criticalBatchTopHeavy } from './critical-batch.ts';
import { batchSizeFigure } from './figure.ts';
import { registerBatchSize } from './batch-size-command.ts';

export const claims: Claim<any>[] = [
  exactMoments,
  plainEstimator,
  beatsFullBatch,
  msqRadius,
  noiseHelps,
  stableAtBatch1,
  mainTheorem,
  mainBApprox,
  mainIcr,
  mainRateNearMiss,
  kidambiBatch1,
  kidambiAccelerates,
  kidambiNoGain,
  criticalBatchKappaBar,
  criticalBatchIcr,
  criticalBatchTopHeavy,
];

export const figures: PaperFigure[] = [{ label: 'batch size (minibatch heavy ball)', build: () => [batchSizeFigure()] }];

export function commands(program: Command, ctx: CommandContext): void {
  registerBatchSize(program, ctx, ctx.setCode);
}

export const paper = definePaper({
  name: 'bcw2024',
  title: 'Bollapragada, Chen, Ward. On the fast convergence of minibatch heavy ball momentum. 2024',
  claims,
  figures,
  commands,
});
