import { InputError } from '../../errors.js';
import type { Drift } from '../drifts/drift.js';
import { DRIFT_KINDS, specNumber } from '../drifts/driftRegistry.js';
import {
  intersectNeighbourhoods,
  trivialNeighbourhood,
  type BallWeighting,
  type Neighbourhood,
} from './neighbourhood.js';

const DIVERGENCES = DRIFT_KINDS.filter((k) => k.name !== 'zero' && k.name !== 'ppo').map((k) => k.name);

/**
 * Neighbourhood specs, joined with `+` for intersections:
 * - `trivial`: N ≡ Π;
 * - `<div>-ball:<δ>[:visitation]`: E_{s∼w}[div(π_old‖π̄)] ≤ δ, w = β by default or ρ̄ of π_old (`kl-ball:0.05` is TRPO's);
 * - `drift-ball:<δ>[:visitation]`: the same with the configured drift as the divergence;
 * - `<div>-state-ball:<δ>` / `drift-state-ball:<δ>`: div_s ≤ δ at every state (= the max-divergence ball).
 * `<div>` is any drift name but zero and ppo: kl, rkl, l2, tv2, hellinger, chi2, logratio2.
 */
export function parseNeighbourhoodSpec(spec: string, flag = '--neighbourhood'): Neighbourhood {
  const parts = spec.split('+').map((part) => parseOne(part.trim(), spec, flag));
  return parts.length === 1 ? parts[0] : intersectNeighbourhoods(parts);
}

function parseOne(part: string, spec: string, flag: string): Neighbourhood {
  if (part === 'trivial') return trivialNeighbourhood;
  const [head, radiusText, weightingText, ...rest] = part.split(':');
  const match = /^([a-z0-9]+)-(state-ball|ball)$/.exec(head);
  if (!match || rest.length > 0) {
    throw new InputError(
      flag,
      `unknown neighbourhood ${JSON.stringify(part)} (known: trivial, <div>-ball:<δ>[:visitation], <div>-state-ball:<δ>, drift-ball:<δ>)`,
    );
  }
  const [, divName, shape] = match;
  let divergence: Drift | 'drift';
  if (divName === 'drift') divergence = 'drift';
  else {
    const kind = DRIFT_KINDS.find((k) => k.name === divName);
    if (!kind || !DIVERGENCES.includes(divName)) {
      throw new InputError(
        flag,
        `${JSON.stringify(part)}: unknown divergence ${JSON.stringify(divName)} (known: drift, ${DIVERGENCES.join(', ')})`,
      );
    }
    divergence = kind.build(1);
  }
  if (radiusText === undefined) throw new InputError(flag, `${JSON.stringify(part)} needs a radius, e.g. ${head}:0.05`);
  const radius = specNumber(flag, spec, radiusText, NaN);
  if (!(radius > 0))
    throw new InputError(
      flag,
      `${JSON.stringify(part)}: radius ${radius} must be > 0 (Definition 2 needs a ball around π)`,
    );
  if (shape === 'state-ball') {
    if (weightingText !== undefined)
      throw new InputError(flag, `${JSON.stringify(part)}: a state ball takes no weighting`);
    return { name: part, balls: [{ kind: 'state-ball', divergence, radius }] };
  }
  let weighting: BallWeighting = 'sampling';
  if (weightingText === 'visitation') weighting = 'visitation';
  else if (weightingText !== undefined && weightingText !== 'sampling') {
    throw new InputError(
      flag,
      `${JSON.stringify(part)}: weighting ${JSON.stringify(weightingText)} must be sampling or visitation`,
    );
  }
  return { name: part, balls: [{ kind: 'expected-ball', divergence, radius, weighting }] };
}
