/**
 * @tapheal/trainer as a library: what the collector runs in-process in embedded mode, and what the
 * `tapheal-trainer` CLI wraps. Pure pieces (templates, synthesis, building, evaluation) and one
 * database-facing run.
 */
export { templateOf, clusterIdOf, MAX_TEMPLATE_CHARS } from './cluster/template.js';
export { synthesisePattern, MAX_LITERAL_CHARS, MIN_LITERAL_CHARS } from './synthesise/synthesise-rule.js';
export {
  buildPack,
  isSameContent,
  CLUSTER_RULE_CONFIDENCE,
  CLUSTER_RULE_PREFIX,
  type BuildPackInput,
  type BuildPackResult,
  type BuildRefusal,
  type ConfirmedCluster,
  type RuleOutcome,
} from './pack/build-pack.js';
export { evaluatePack, MIN_CLUSTER_RECALL, type ClusterEvaluation, type Evaluation, type LabelledSample } from './evaluate/evaluate-pack.js';
export {
  startTrainerRun,
  ASSIGN_BATCH_REPORTS,
  GROWTH_WINDOW_MS,
  STALE_RUN_MS,
  type RunStats,
  type StartTrainerRunOptions,
  type TrainerGates,
  type TrainerRunHandle,
} from './run.js';
export { createMiner, type Miner, type MinedCluster, type MinedMessage, type MinedTemplate } from './mine/miner.js';
export { mineTemplates, templatesOf, type MinedTemplates } from './mine/mine-templates.js';
export { MINER_STATE_VERSION, emptyMinerState, isMinerState, type ClusterState, type MinerState } from './mine/miner-state.js';
export { tokenise, keptLines, MAX_TOKENS, type Tokens } from './mine/tokenise.js';
export { isParameterWord, maskTokens, WILDCARD } from './mine/parameters.js';
export { groupingAccuracy } from './mine/grouping-accuracy.js';
export { TrainerError, TRAINER_ERROR_CODES, type TrainerErrorCode } from './errors.js';
export { comparePacks, diffRules, regressingRules, F1_CHANGE_THRESHOLD, type CategoryComparison, type PackComparison, type RuleDiff, type RuleSummary, type Score } from './evaluate/compare-packs.js';
export {
  describeRefusals,
  draftFromClusters,
  envelopeRow,
  evaluationSamples,
  packOf,
  publishFromClusters,
  publishInitialPack,
  regressionReasons,
  EVALUATION_SAMPLE_REPORTS,
  type PackDraft,
  type PackSigner,
  type PublishOutcome,
} from './publish/publish-pack.js';
export { trainSuggester, loadSuggester, NO_SUGGESTION, MAX_ALTERNATIVES, type Suggester, type Suggestion } from './suggest/suggester.js';
export { BAYES_SMOOTHING, MAX_EXAMPLE_WEIGHT, type SuggesterExample } from './suggest/train-bayes.js';
export { SUGGESTER_STATE_VERSION, isSuggesterState, type SuggesterCategoryState, type SuggesterState } from './suggest/suggester-state.js';
export { suggestTokens, MAX_SUGGEST_TEXT_CHARS, MAX_SUGGEST_TOKENS } from './suggest/suggest-tokens.js';
export { NEW_BELOW_SIMILARITY } from './suggest/looks-new.js';
export type { CategoryConfidence } from './suggest/posterior.js';
