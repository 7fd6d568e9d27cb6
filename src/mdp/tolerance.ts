/**
 * How far a row of `transition` or `initial` (or of a policy) may sum from 1 and still be accepted: 1e-9.
 *
 * Why: a file written by any serializer that prints doubles in shortest round-trip form (JSON.stringify, Python's
 * repr, numpy with full precision) carries at most ½ulp error per entry, so a row of up to 10⁶ entries sums within
 * about 10⁶·2⁻⁵³ ≈ 1e-10 of 1. A larger defect means the row was rounded by hand (0.333, 0.333, 0.333) and is a
 * different MDP from the one intended; the theorems would then be checked on that other MDP without the user
 * knowing. Accepted rows whose sum is off by more than rounding are renormalised (divided by their sum), so the engine works
 * with rows stochastic to rounding; rows already stochastic to rounding are kept bit for bit.
 */
export const SUM_TOLERANCE = 1e-9;
