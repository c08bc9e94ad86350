/** What a fixer answers: a changed config to test, or why it cannot fix and what the person should do. */
import type { FixKind } from '@tapheal/rules';
import type { ConfigFormat, McpServerConfig } from '../config/mcp-server-config.js';
import type { ConnectionFailure } from '../mcp/connection-result.js';
import type { FailureDiagnosis } from './diagnose.js';
import type { MachineFacts } from './machine-facts.js';

/** One change a fix makes, told without any value that could be a secret. */
export interface ConfigChange {
  /** `command`, `env.GITHUB_TOKEN`, `url`, `transport`, `timeout`, `cwd`. */
  field: string;
  description: string;
}

export type FixProposal =
  | {
      kind: 'apply';
      /** The whole server config to test next (the same config for a plain retry). */
      server: McpServerConfig;
      changes: ConfigChange[];
      /** The wall time the next attempt needs, when it differs from the usual one. */
      timeoutMs?: number;
    }
  | {
      kind: 'cannot_fix';
      /** What the person should do, specific to this failure. */
      nextStep: string;
    };

export interface FixContext {
  server: McpServerConfig;
  diagnosis: FailureDiagnosis;
  failure: ConnectionFailure;
  facts: MachineFacts;
  /** The config format the server is written in, when known: it decides what can be recorded. */
  format?: ConfigFormat;
  /** The wall time the failed attempt had. */
  timeoutMs: number;
}

export type Fixer = (context: FixContext) => FixProposal;

export interface FixerEntry {
  kind: FixKind;
  fix: Fixer;
}

export const cannotFix = (nextStep: string): FixProposal => ({ kind: 'cannot_fix', nextStep });
