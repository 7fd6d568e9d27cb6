import type { Drift } from '../drifts/drift.js';
import type { Neighbourhood } from '../neighbourhoods/neighbourhood.js';
import type { NuKind } from '../nu.js';
import type { Sampling } from '../sampling.js';

/** A mirror-learning instance (Kuba et al. 2022, Definition 3): drift D with weighting ν, neighbourhood N, sampling β. */
export interface MirrorConfig {
  readonly name?: string;
  readonly drift: Drift;
  readonly nu: NuKind;
  readonly neighbourhood: Neighbourhood;
  readonly sampling: Sampling;
}
