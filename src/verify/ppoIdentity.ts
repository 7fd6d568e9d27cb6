import type { Fraction } from 'mathjs';
import { ppoClipDrift } from '../mirror/drifts/ppoClipDrift.js';
import type { DriftContext } from '../mirror/drifts/drift.js';
import { exactFraction as f, fractionToNumber } from '../numeric/exactFraction.js';
import { roundingAllowance } from '../numeric/rounding.js';
import { compareEqual, outside, type Verdict } from './verdict.js';

const clipF = (r: Fraction, lo: Fraction, hi: Fraction) => (r.compare(lo) < 0 ? lo : r.compare(hi) > 0 ? hi : r);
const reluF = (x: Fraction) => (x.s < 0 ? f(0) : x);
const minF = (x: Fraction, y: Fraction) => (x.compare(y) <= 0 ? x : y);

/**
 * The PPO identity (Kuba et al. 2022, Eq. 7), at one state, with r = π̄(a|s)/π_old(a|s):
 *   E_{a∼π_old}[min(r·A, clip(r, 1±ε)·A)] = E_{a∼π̄}[A(s,a)] − E_{a∼π_old}[ReLU((r − clip(r, 1±ε))·A)],
 * the last term being the PPO drift. Both sides are rational in the doubles given, so they are compared exactly
 * (mathjs Fraction), and the engine's floating-point PPO drift is checked against the exact one within its rounding.
 * Needs supp π̄ ⊆ supp π_old (otherwise r is undefined and the identity is `outside`).
 */
export function checkPpoIdentity(
  piBar: Float64Array,
  piOld: Float64Array,
  ctx: DriftContext,
  epsilon: number,
): Verdict {
  const A = piOld.length;
  const name = 'E_π[min(rA, clip(r)A)] = E_π̄[A] − D_ppo(π̄)   (Eq. 7)';
  for (let a = 0; a < A; a++) {
    if (piOld[a] === 0 && piBar[a] > 0)
      return outside(name, `π̄(${a}|s) > 0 = π_old(${a}|s): r is undefined`, { action: a });
  }
  const eps = f(epsilon);
  const lo = f(1).sub(eps);
  const hi = f(1).add(eps);
  let lhs = f(0);
  let driftExact = f(0);
  let expectedAdv = f(0);
  let mag = 0;
  for (let a = 0; a < A; a++) {
    const adv = f(ctx.advantage[a]);
    expectedAdv = expectedAdv.add(f(piBar[a]).mul(adv));
    mag += piBar[a] * Math.abs(ctx.advantage[a]);
    if (piOld[a] === 0) continue;
    const p = f(piOld[a]);
    const r = f(piBar[a]).div(p);
    const c = clipF(r, lo, hi);
    lhs = lhs.add(p.mul(minF(r.mul(adv), c.mul(adv))));
    driftExact = driftExact.add(p.mul(reluF(r.sub(c).mul(adv))));
  }
  const rhsExact = expectedAdv.sub(driftExact);
  const driftEngine = ppoClipDrift(epsilon).value(piBar, piOld, ctx);
  let engineMag = 0;
  for (let a = 0; a < A; a++)
    engineMag += (2 + epsilon) * piOld[a] * Math.abs(ctx.advantage[a]) + piBar[a] * Math.abs(ctx.advantage[a]);
  const engineError = roundingAllowance(2 * A + 4, engineMag);
  const exactEqual = lhs.equals(rhsExact);
  const v = compareEqual(
    name,
    fractionToNumber(lhs),
    roundingAllowance(1, Math.abs(fractionToNumber(lhs))),
    fractionToNumber(rhsExact),
    0,
  );
  const engine = compareEqual(
    'D_ppo computed = D_ppo exact',
    driftEngine,
    engineError,
    fractionToNumber(driftExact),
    roundingAllowance(1, Math.abs(fractionToNumber(driftExact))) + roundingAllowance(A, mag),
  );
  if (!exactEqual) return { ...v, status: 'violated', reason: 'the two sides differ in exact rational arithmetic' };
  if (engine.status === 'violated') return { ...engine, reason: 'the engine’s PPO drift differs from the exact one' };
  return { ...v, status: 'holds', reason: 'equal in exact rational arithmetic' };
}
