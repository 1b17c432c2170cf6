/** Xu et al. 2024: the paper's Figures 1-6. */
import type { PaperFigure } from '../../catalog.ts';
import { largeNetworkPanel, paperNetworkPanel, type NetworkPanel } from './network.ts';
import { figure1, figure2, figure3, figure4, figure5, figure6, type NetworkPart } from './xu2024.ts';

/** A network panel, or why it is left out (the figure keeps its matrix-factorization panel). */
export function networkPart(build: () => NetworkPanel): NetworkPart {
  try {
    return build();
  } catch (e) {
    return { error: `the linear-network module failed (${(e as Error).message ?? String(e)})` };
  }
}

export const figures: PaperFigure[] = [
  { label: 'Figure 1 (GD vs AltGD)', build: () => [figure1(networkPart(() => paperNetworkPanel(['gd', 'altgd', 'gd-1/L'], 1500)))] },
  { label: 'Figure 2 (GD vs NAG)', build: () => [figure2(networkPart(() => paperNetworkPanel(['gd', 'nag'], 1500)))] },
  { label: 'Figure 3 (theory vs actual)', build: () => [figure3()] },
  { label: 'Figure 4 (larger sizes)', build: () => [figure4(networkPart(() => largeNetworkPanel(['gd', 'nag'], 1500)))] },
  { label: 'Figure 5 (varying c)', build: () => [figure5()] },
  { label: 'Figure 6 (varying c₂)', build: () => [figure6()] },
];

