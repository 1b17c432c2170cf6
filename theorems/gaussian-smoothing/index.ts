/**
 * Gaussian smoothing (Nesterov–Spokoiny, Found. Comput. Math. 2017) and Ghadimi–Lan's RSGF (SIAM J.
 * Optim. 2013), standing in for Balasubramanian–Ghadimi (NeurIPS 2018).
 *
 *   setup.ts                        instances (quadratics, softplus sums), sources, CLT band width
 *   quadratic-smoothed-value.ts     f_ν − f = ν² tr(A)/2 on quadratics (exact), two false variants
 *   ns-theorem-1.ts                 Nesterov–Spokoiny Theorem 1, eq. (19): |f_ν − f| ≤ ν²Ld/2, two false variants
 *   estimator-second-moment.ts      E‖G_ν‖² exactly on quadratics, two false variants
 *   ns-theorem-4.ts                 Nesterov–Spokoiny Theorem 4: E‖G_ν‖² bound, two false variants
 *   ghadimi-lan-theorem-3.2.ts      Ghadimi–Lan Theorem 3.2(a): RSGF, two false variants
 */
import { definePaper } from 'ratecheck';
import { quadraticShift, quadraticShiftAttainsBound, quadraticShiftZero } from './quadratic-smoothed-value.ts';
import { nsValue, nsValueDimensionFree, nsValueQuarter } from './ns-theorem-1.ts';
import { secondMomentD, secondMomentExact, secondMomentNoSmoothingTerm } from './estimator-second-moment.ts';
import { nsSecondMoment, nsSecondMomentNoNu, nsSecondMomentSymmetricConstant } from './ns-theorem-4.ts';
import { rsgf, rsgfFirstOrderNoise, rsgfNoNoise } from './ghadimi-lan-theorem-3.2.ts';

export const paper = definePaper({
  name: 'gaussian-smoothing',
  title: 'Nesterov, Spokoiny (2017) Gaussian smoothing; Ghadimi, Lan (2013) RSGF',
  claims: [
    quadraticShift,
    quadraticShiftZero,
    quadraticShiftAttainsBound,
    nsValue,
    nsValueQuarter,
    nsValueDimensionFree,
    secondMomentExact,
    secondMomentD,
    secondMomentNoSmoothingTerm,
    nsSecondMoment,
    nsSecondMomentNoNu,
    nsSecondMomentSymmetricConstant,
    rsgf,
    rsgfNoNoise,
    rsgfFirstOrderNoise,
  ],
});
