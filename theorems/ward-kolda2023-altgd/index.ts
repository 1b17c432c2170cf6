import { definePaper } from 'ratecheck';
import { exactParameterizationStalls, iterationsKappa2, iterationsLinear } from './altgd-iterations.ts';
import { colAInvariant, colAInvariantOutside, rowAInvariantFails } from './invariants.ts';
import { projectorIdentity, projectorIdentityStepLowered } from './projector-identity.ts';

export const paper = definePaper({
  name: 'ward-kolda2023',
  title: 'Ward, Kolda. Convergence of alternating gradient descent for matrix factorization. NeurIPS 2023',
  claims: [iterationsKappa2, iterationsLinear, exactParameterizationStalls, colAInvariant, colAInvariantOutside, rowAInvariantFails, projectorIdentity, projectorIdentityStepLowered],
});
