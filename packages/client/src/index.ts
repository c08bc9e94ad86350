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
