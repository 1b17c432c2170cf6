/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 4: two-layer linear networks (Theorem 3, the width
 * discussion, Corollaries 1-3, Remark 3), the initialization and width audits, and the commands
 * `ratecheck audit-init` and `ratecheck width`.
 */
import { type Claim, type Command, type CommandContext, type PaperFigure } from 'ratecheck';
import { theorem3Claims } from './network-theorem3.ts';
import { widthClaims } from './network-width.ts';
import { corollary2IdentityClaims } from './network-corollary2-identity.ts';
import { invariantClaims } from './network-invariants.ts';
import { corollaryClaims } from './network-corollaries.ts';
import { remark3Claims } from './network-remark3.ts';
import { exponentClaims } from './network-exponents.ts';
import { badInputClaims } from './network-bad-input.ts';
import { auditFigures } from './audit-figures.ts';
import { registerAuditCommands } from './audit-commands.ts';

/** Section 4 of the paper (two-layer linear networks), in the paper's order, then the bad-input claims. */
const claims: Claim<any>[] = [...theorem3Claims, ...widthClaims, ...corollary2IdentityClaims, ...invariantClaims, ...corollaryClaims, ...remark3Claims, ...exponentClaims, ...badInputClaims];

/** Section 4 of the paper: two-layer linear networks, and the initialization and width audits. */
export const linearNetworks: { claims: Claim<any>[]; figures: PaperFigure[]; commands: (program: Command, ctx: CommandContext) => void } = {
  claims,
  figures: auditFigures,
  commands: registerAuditCommands,
};
