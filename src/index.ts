/**
 * mirror-check: the public library API (docs/library.md), grouped by purpose. Internals (solver plumbing, the
 * registry's building blocks, report formatting) are not exported: import them from their modules inside this package.
 */

// Engine: MDPs, policies, exact evaluation — errors, the mdp/v1 format, the paper's environments, policy evaluation with certified error bounds (and in exact rational arithmetic), the optimum.
export { InputError } from './errors.js';
export { type Mdp } from './mdp/mdp.js';
export { MDP_FORMAT, parseMdp } from './mdp/parseMdp.js';
export { readMdpFile } from './mdp/readMdpFile.js';
export { mdpToJson, mdpToJsonText } from './mdp/mdpToJson.js';
export { generateMdp } from './mdp/generateMdp.js';
export { garnet } from './mdp/environments/garnet.js';
export { singleStepGame } from './mdp/environments/singleStepGame.js';
export { tabularGame } from './mdp/environments/tabularGame.js';
export { gridWorld } from './mdp/environments/gridWorld.js';
export { slipperyChain } from './mdp/environments/slipperyChain.js';
export { FIXTURE_BUILDERS } from './mdp/fixtureBuilders.js';
export { PAPER_ENVIRONMENTS } from './mdp/environments/index.js';
export { type Policy, uniformPolicy, deterministicPolicy, parsePolicy } from './policy/policy.js';
export { PolicyEvaluator, type PolicyEvaluation, evaluatePolicy } from './policy/evaluatePolicy.js';
export { evaluateExactly } from './policy/exactEvaluation.js';
export { policyIteration, type OptimalSolution } from './policy/policyIteration.js';
export { valueIteration } from './policy/valueIteration.js';
export { bellmanResidual } from './policy/bellmanResidual.js';
export { actionValues } from './policy/actionValues.js';
export { UNIT_ROUNDOFF } from './numeric/rounding.js';

// Arbitraries — fast-check arbitraries that shrink toward small counterexamples.
export { mdpArbitrary, type MdpArbitraryOptions } from './mdp/arbitraries/mdpArbitrary.js';
export { mdpWithPolicies, type MdpWithPolicies } from './mdp/arbitraries/mdpWithPolicies.js';
export { policyArbitrary, fullSupportDistributionArbitrary } from './mdp/arbitraries/policyArbitrary.js';
export { driftArbitrary } from './mirror/drifts/driftArbitrary.js';
export { neighbourhoodArbitrary } from './mirror/neighbourhoods/neighbourhoodArbitrary.js';

// Mirror learning — drifts, neighbourhoods, sampling, ν, instances, the exact mirror update and runs.
export { type Drift, type DriftContext } from './mirror/drifts/drift.js';
export { zeroDrift } from './mirror/drifts/zeroDrift.js';
export { forwardKlDrift } from './mirror/drifts/forwardKlDrift.js';
export { reverseKlDrift } from './mirror/drifts/reverseKlDrift.js';
export { squaredL2Drift } from './mirror/drifts/squaredL2Drift.js';
export { squaredTvDrift } from './mirror/drifts/squaredTvDrift.js';
export { hellingerDrift } from './mirror/drifts/hellingerDrift.js';
export { chiSquaredDrift } from './mirror/drifts/chiSquaredDrift.js';
export { logRatioSquaredDrift } from './mirror/drifts/logRatioSquaredDrift.js';
export { ppoClipDrift } from './mirror/drifts/ppoClipDrift.js';
export { trlDrift, INSTANCE_KINDS, parseInstanceSpec } from './mirror/instances.js';
export {
  scaledDrift,
  sumDrift,
  transformedDrift,
  stateScaledDrift,
  DRIFT_TRANSFORMS,
} from './mirror/drifts/combinators.js';
export { DRIFT_KINDS, parseDriftSpec } from './mirror/drifts/driftRegistry.js';
export {
  type Neighbourhood,
  trivialNeighbourhood,
  intersectNeighbourhoods,
} from './mirror/neighbourhoods/neighbourhood.js';
export { parseNeighbourhoodSpec } from './mirror/neighbourhoods/neighbourhoodSpec.js';
export { inNeighbourhood } from './mirror/neighbourhoods/membership.js';
export { type Sampling, parseSamplingSpec, samplingDistribution } from './mirror/sampling.js';
export { type NuKind, NU_KINDS, parseNuSpec } from './mirror/nu.js';
export { type MirrorConfig } from './mirror/update/mirrorConfig.js';
export { mirrorUpdate } from './mirror/update/mirrorUpdate.js';
export { type UpdateResult } from './mirror/update/updateResult.js';
export { mirrorLearning } from './mirror/mirrorLearning.js';
export { mirrorOperator } from './mirror/mirrorOperator.js';

// Claims: the paper's statements as pure predicates — each returns a Verdict (holds / violated / undecided / outside).
export { type Verdict, type VerdictStatus, compareAtLeast, compareEqual } from './verify/verdict.js';
export { type Engine, EXACT_ENGINE, type Step, updateStep, givenStep, stepBeta } from './verify/step.js';
export { checkDriftAxioms } from './verify/definition1.js';
export { checkNeighbourhoodAxioms } from './verify/definition2.js';
export { checkSamplingAxioms } from './verify/sampling.js';
export { checkLemma1 } from './verify/lemma1.js';
export { checkLemma2 } from './verify/lemma2.js';
export { checkUpdateOptimality } from './verify/updateOptimality.js';
export { checkTheorem1Improvement } from './verify/theorem1.1.js';
export { checkTheorem1Convergence } from './verify/theorem1.2.js';
export { checkTheorem1FixedPoint } from './verify/theorem1.4.js';
export { checkPathWeightBound } from './verify/inequality9.js';
export { checkExactIdentity } from './verify/identity.js';
export { checkPpoIdentity } from './verify/ppoIdentity.js';
export { checkEstimatorUnbiased } from './verify/estimator.js';
export { checkOffPolicyEstimatorUnbiased } from './verify/offPolicyEstimator.js';
export { stepStalls } from './verify/stepStalls.js';

// Suite: claims as properties, the registry, the runner, reports, the gate — what `mirror-check run`, `drift` and `replay` use.
export { type Claim, type ClaimCase } from './suite/claims/claim.js';
export { CLAIMS, claimById } from './suite/claims/index.js';
export { definition1Claim } from './suite/claims/definition1.js';
export { definition2Claim } from './suite/claims/definition2.js';
export { samplingClaim } from './suite/claims/sampling.js';
export { lemma1Claim } from './suite/claims/lemma1.js';
export { lemma2Claim } from './suite/claims/lemma2.js';
export { updateOptimalityClaim } from './suite/claims/updateOptimality.js';
export { theorem1_1Claim } from './suite/claims/theorem1.1.js';
export { theorem1_2Claim } from './suite/claims/theorem1.2.js';
export { theorem1_4Claim } from './suite/claims/theorem1.4.js';
export { inequality9Claim } from './suite/claims/inequality9.js';
export { identityClaim } from './suite/claims/identity.js';
export { ppoIdentityClaim } from './suite/claims/ppoIdentity.js';
export { estimatorClaim } from './suite/claims/estimator.js';
export { offPolicyEstimatorClaim } from './suite/claims/offPolicyEstimator.js';
export { type ConfigSpec, type RegisteredConfig, resolveConfig, configLabel } from './suite/configs/configSpec.js';
export { VALID_CONFIGS, INVALID_CONFIGS, MUTANT_CONFIGS } from './suite/configs/registry.js';
export { checkClaim, type CheckClaimOptions, type ClaimRunResult } from './suite/runner/checkClaim.js';
export { DEFAULT_SEED } from './suite/configs/defaults.js';
export { runSuite, type SuiteOptions, type SuiteResult, type Shard } from './suite/runner/runSuite.js';
export { type CounterexampleReport, REPORT_FORMAT } from './suite/report/counterexampleReport.js';
export { loadReport, replayReport } from './suite/report/replay.js';
export {
  runDriftGate,
  type GateOptions,
  type GateResult,
  gateConfigurations,
  GATE_NEIGHBOURHOODS,
  GATE_SAMPLINGS,
  GATE_RUNS,
} from './suite/gate/driftGate.js';
export { runDriftGateParallel } from './suite/gate/parallelGate.js';
export { checkDefinition1, type CheckDefinition1Options } from './suite/gate/checkDefinition1.js';
export { type DriftSource, loadDrift } from './suite/gate/driftSource.js';
export { expressionDrift } from './suite/userDrift/expressionDrift.js';
export { loadDriftModule } from './suite/userDrift/loadDriftModule.js';
