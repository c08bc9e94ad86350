/**
 * The built-in baseline rules: hand-written patterns for the failure shapes every MCP client, launcher and
 * runtime prints. Each group lives in builtin-rules/<category>.ts. Among matching rules the most confident
 * wins, so the generic close shapes of server_crashed sit at 0.45-0.65 and specific causes at 0.8-0.97;
 * ties go to the earlier rule in this list.
 */
import { AUTH_FAILED_RULES } from './rules/auth-failed.js';
import { COMMAND_NOT_FOUND_RULES } from './rules/command-not-found.js';
import { CONNECTION_REFUSED_RULES } from './rules/connection-refused.js';
import { MISSING_ENV_VAR_RULES } from './rules/missing-env-var.js';
import { MODULE_NOT_FOUND_RULES } from './rules/module-not-found.js';
import { NETWORK_ERROR_RULES } from './rules/network-error.js';
import { PERMISSION_DENIED_RULES } from './rules/permission-denied.js';
import { PORT_IN_USE_RULES } from './rules/port-in-use.js';
import type { BuiltinRule } from './rules/rule.js';
import { RUNTIME_VERSION_RULES } from './rules/runtime-version.js';
import { SERVER_CRASHED_RULES } from './rules/server-crashed.js';
import { TIMEOUT_RULES } from './rules/timeout.js';
import { TRANSPORT_MISMATCH_RULES } from './rules/transport-mismatch.js';
import { UNKNOWN_RULES } from './rules/unknown.js';

export type { BuiltinRule } from './rules/rule.js';

export const BUILTIN_RULES: readonly BuiltinRule[] = Object.freeze([
  ...COMMAND_NOT_FOUND_RULES,
  ...CONNECTION_REFUSED_RULES,
  ...TIMEOUT_RULES,
  ...AUTH_FAILED_RULES,
  ...MISSING_ENV_VAR_RULES,
  ...TRANSPORT_MISMATCH_RULES,
  ...PERMISSION_DENIED_RULES,
  ...MODULE_NOT_FOUND_RULES,
  ...RUNTIME_VERSION_RULES,
  ...PORT_IN_USE_RULES,
  ...NETWORK_ERROR_RULES,
  ...SERVER_CRASHED_RULES,
  ...UNKNOWN_RULES,
]);
