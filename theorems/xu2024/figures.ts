/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5 and Appendix E: the paper's Figures 1-6, each with
 * its matrix-factorization panel and, for Figures 1, 2 and 4, the two-layer linear-network panel.
 */
import type { PaperFigure } from 'ratecheck';
import type { NetworkPart } from './figures-common.ts';
import { figure1, figure2, figure4 } from './figures-gd-nag.ts';
import { figure3 } from './figures-theory.ts';
import { figure5, figure6 } from './figures-varying.ts';
import { largeNetworkPanel, paperNetworkPanel, type NetworkPanel } from './figures-network.ts';

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

