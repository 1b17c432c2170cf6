/** Bollapragada, Chen, Ward 2024: the rate-against-batch-size figure and the batch-size command. */
import type { Command } from 'commander';
import type { CommandContext, PaperFigure } from '../../catalog.ts';
import { batchSizeFigure } from './bcw2024.ts';
import { registerBatchSize } from '../../cli/commands/batch-size.ts';

export const figures: PaperFigure[] = [{ label: 'batch size (minibatch heavy ball)', build: () => [batchSizeFigure()] }];

export function commands(program: Command, ctx: CommandContext): void {
  registerBatchSize(program, ctx, ctx.setCode);
}
