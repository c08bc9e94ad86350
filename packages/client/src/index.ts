/** @tapheal/client: what runs on a user's machine. */
export { BUILTIN_PACK, BUILTIN_PACK_VERSION, BUILTIN_RULES, type BuiltinRule } from '@tapheal/rules';
export {
  loadActivePack,
  readPackFile,
  readTrustedKeys,
  PackRefusedError,
  type ActivePack,
  type PackSource,
  type ReadPackOptions,
} from './packs/read-pack.js';
export { classifyLines } from './commands/classify.js';
export { anonymiseLines } from './commands/anonymise.js';
export { mapJsonLines, type JsonLinesSummary } from './json-lines.js';
export { TaphealError, CLIENT_ERROR_CODES, type ClientErrorCode } from './errors.js';
export { CLIENT_VERSION } from './version.js';
export { createTelemetry, DEFAULT_ENDPOINT, type Telemetry, type TelemetryOptions, type TelemetryStatus, type ReportOutcome } from './telemetry/telemetry.js';
export { buildReport, KNOWN_FAILURE_CONFIDENCE, type Failure } from './telemetry/report-builder.js';
export { decideConsent, REPORT_FIELDS_VERSION, type ConsentReason, type EffectiveConsent } from './telemetry/consent.js';
export { createDiskQueue, type DiskQueue, type DiskQueueOptions } from './telemetry/disk-queue.js';
export { classifyResponse, nextBackoffMs, parseRetryAfter, type SendVerdict } from './telemetry/policy.js';
export { updatePack, MIN_CHECK_INTERVAL_MS, type PackInUse, type PackUpdateFailure, type PackUpdateRefusal, type PackUpdateResult, type UpdatePackOptions } from './packs/update-pack.js';
export { packStatus, type PackStatus } from './packs/pack-status.js';
export { meetsMinClientVersion } from './packs/client-version.js';
export { CONFIG_FORMATS, MCP_TRANSPORTS, TIMEOUT_FIELDS, type ConfigFile, type ConfigFormat, type ConfigInput, type EntryPath, type InvalidEntry, type McpServerConfig, type McpTransport, type ServerEntry, type VariableReference } from './config/mcp-server-config.js';
export { parseConfig, type ConfigParseFailure, type ParseConfigOptions } from './config/parse-config.js';
export { readConfigFile, type ConfigReadFailure, type ReadConfigOptions } from './config/read-config-file.js';
export { renderConfig, type RenderedConfig, type RenderFailure, type ServerUpdate } from './config/render-config.js';
export { writeConfig, type ConfigWriteFailure, type ConfigWritten } from './config/write-config.js';
export { clientConfigCandidates, findClientConfigs, type ConfigCandidate, type ConfigSearch, type FoundConfigs } from './config/find-client-configs.js';
export { nodeConfigFs, type ConfigFs } from './config/config-fs.js';
export { testConnection, DEFAULT_CONNECT_TIMEOUT_MS, MAX_STDERR_BYTES, type TestConnectionOptions } from './mcp/test-connection.js';
export { CONNECTION_PHASES, type ConnectionFailure, type ConnectionPhase, type ConnectionResult, type ConnectionSuccess, type ServerInfo } from './mcp/connection-result.js';
export { closeAllConnections, killAllConnectionsNow, liveConnectionCount } from './mcp/live-connections.js';
export { checkServer, healServer, BUDGET_TIMEOUTS, type AttemptRecord, type HealOptions, type ServerOutcome } from './heal/heal-server.js';
export { checkConfig, failureReport, publicNameOf, CHECK_CONCURRENCY, type CheckConfigOptions, type ConfigOutcome } from './heal/check-config.js';
export { diagnoseFailure, MAX_EVIDENCE_CHARS, type FailureDiagnosis } from './heal/diagnose.js';
export { planNextStep, isSameFailure, MAX_HEAL_ATTEMPTS, MIN_ATTEMPT_MS, type FailureSignature, type PlanInput, type Step, type StopReason } from './heal/plan.js';
export { FIXERS } from './heal/fixers/index.js';
export { MAX_FIX_TIMEOUT_MS } from './heal/fixers/increase-timeout.js';
export { requiredNodeMajor } from './heal/fixers/use-compatible-runtime.js';
export { cannotFix, type ConfigChange, type FixContext, type FixProposal, type Fixer } from './heal/fix-proposal.js';
export { emptyFacts, type EndpointProbe, type FoundVariable, type MachineFacts, type NodeRuntime } from './heal/machine-facts.js';
export { gatherFacts, defaultLoginPath, type FactSources, type PromptSecret } from './heal/edge/gather-facts.js';
export { prepareServer, workspaceOf, type PrepareContext, type PreparedServer } from './heal/edge/prepare-server.js';
export { commandSearchDirs, type SearchContext } from './heal/command-search-dirs.js';
export { endpointVariants, type Endpoint } from './heal/url-variants.js';
export { wantedVariables } from './heal/wanted-variables.js';
export { parseEnvFile } from './heal/env-file.js';
export { renderJson, renderText, checkSucceeded } from './heal/render-report.js';
export { portIn } from './heal/fixers/report-only.js';
