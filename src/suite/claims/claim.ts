import fc from 'fast-check';
import { constructionArbitrary, isRandomEntry } from '../configs/construction.js';
import type { Mdp } from '../../mdp/mdp.js';
import type { Policy } from '../../policy/policy.js';
import type { ConfigSpec, RegisteredConfig } from '../configs/configSpec.js';
import type { Verdict } from '../../verify/verdict.js';

/**
 * The input of one check: an MDP, policies (named by the claim), and numbers (e.g. a run's iteration budget).
 * Every claim uses this one shape so that a report can store any case and `replay` can rebuild it.
 */
export interface ClaimCase {
  readonly mdp: Mdp;
  readonly policies: readonly Policy[];
  readonly numbers: readonly number[];
  /**
   * The configuration this case was drawn with, when the claim runs on random constructions (`RANDOM_ENTRY`): a
   * drift, neighbourhood, sampling and ν built by the constructors, as a spec that `resolveConfig` rebuilds.
   */
  readonly spec?: ConfigSpec;
}

/** How a violation of the claim is confirmed in a report. */
export type Confirmation =
  /** V, Q, ρ̄ and η recomputed in exact rational arithmetic, then the check re-run with one-rounding errors. */
  | 'exact-evaluation'
  /** The check itself is done in exact rational arithmetic. */
  | 'exact-arithmetic'
  /** Only by certified floating-point bounds (quantities are not rational, e.g. a drift with logarithms). */
  | 'certified-bounds';

/** A check's verdict and whether the case could have failed it. */
export interface ClaimOutcome {
  readonly verdict: Verdict;
  /**
   * The case could have failed: a decision to make (some state where the action matters), the claim's hypotheses met
   * (not `outside`), and, for a claim about a move, π_new ≠ π_old. The health check counts these.
   */
  readonly meaningful: boolean;
}

/** A claim of the paper as a property: what to generate, what to check, how to confirm. */
export interface Claim {
  /** Short stable id used in report names and test titles, e.g. `lemma-1`. */
  readonly id: string;
  readonly title: string;
  /** Where the paper states it. */
  readonly reference: string;
  /** Names of the case's policies, in order (for reports). */
  readonly policyNames: readonly string[];
  /** Names of the case's numbers, in order. */
  readonly numberNames: readonly string[];
  /**
   * Values of numbers added after reports were committed (the warm-up steps): a report without one replays with
   * this value, which is what its case meant when it was written.
   */
  readonly numberDefaults?: Readonly<Record<string, number>>;
  /** Default runs per configuration (scaled by MIRROR_CHECK_RUNS / --runs). */
  readonly baseRuns: number;
  /**
   * The fewest meaningful cases (`ClaimOutcome.meaningful`) a (claim, configuration) must have in the default budget:
   * fewer fails the health check, because a property whose cases cannot fail has not been checked.
   */
  readonly minMeaningful: number;
  readonly confirmation: Confirmation;
  /**
   * `configuration`: the claim depends on the drift, neighbourhood, sampling or ν and runs on every configuration;
   * `once`: it does not (algebra that holds for any π̄, e.g. the estimator's unbiasedness), and runs once, on
   * the random constructions (`RANDOM_ENTRY`).
   */
  readonly scope: 'configuration' | 'once';
  /** Whether the claim concerns this configuration at all (e.g. the PPO identity needs the PPO drift). */
  applies(entry: RegisteredConfig): boolean;
  /** Cases from random MDPs, the paper's environments, or both (see `caseArbitrary`). */
  arbitrary(entry: RegisteredConfig, options?: CaseOptions): fc.Arbitrary<ClaimCase>;
  /** The pure check and whether the case was meaningful. `exact` re-evaluates in rational arithmetic (confirmation). */
  evaluate(entry: RegisteredConfig, c: ClaimCase, exact?: boolean): ClaimOutcome;
  /** `evaluate(…).verdict`. */
  check(entry: RegisteredConfig, c: ClaimCase, exact?: boolean): Verdict;
}

/** Which MDPs a case draws from: random ones, the paper's environments, or both (4 : 1). */
export type CaseSource = 'random' | 'fixtures' | 'both';

/** How cases are drawn: the source, and `small` for the drift gate (S ≤ 3, A ≤ 3, the two smallest environments). */
export interface CaseOptions {
  readonly source?: CaseSource;
  readonly small?: boolean;
  /**
   * Fewest actions of a random MDP (default 1). Definitions 1 and 2 use 2: with one action the simplex is a point,
   * there is no direction to differentiate along and no π̄ ≠ π, so a one-action case checks next to nothing.
   */
  readonly minActions?: number;
  /**
   * Cases of the random-construction entry: MDPs up to 6 × 4 and the three small environments (no GridWorld), since a
   * drawn construction may be a mixture inside two balls, which only the slow generic solver and nested dual searches
   * can update.
   */
  readonly construction?: boolean;
}

/**
 * A claim from its parts; `check` is derived from `evaluate`. On the random-construction entry every case also draws
 * its configuration (`constructionArbitrary`), so the parts' arbitraries must not depend on the entry: whatever needs
 * the configuration happens in `evaluate`, through `entryOf`.
 */
export function defineClaim(parts: Omit<Claim, 'check'>): Claim {
  return {
    ...parts,
    arbitrary: (entry, options) =>
      isRandomEntry(entry)
        ? fc
            .tuple(constructionArbitrary(), parts.arbitrary(entry, { ...options, construction: true }))
            .map(([spec, c]) => ({ ...c, spec }))
        : parts.arbitrary(entry, options),
    check: (entry, c, exact) => parts.evaluate(entry, c, exact).verdict,
  };
}
