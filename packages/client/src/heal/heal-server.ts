/**
 * The heal loop for one server: test it; on failure diagnose, gather the facts the fix needs, let the
 * fixer propose a changed config, let the plan step decide, test again. At most MAX_HEAL_ATTEMPTS fixes,
 * each recorded as {category, ruleId, fix, outcome}, all inside one wall-time budget. Never throws.
 */
import { normaliseMessage, type HealAttempt, type Matcher } from '@tapheal/rules';
import type { ConfigFormat, McpServerConfig } from '../config/mcp-server-config.js';
import type { ConnectionFailure, ConnectionResult } from '../mcp/connection-result.js';
import { testConnection } from '../mcp/test-connection.js';
import { diagnoseFailure, type FailureDiagnosis } from './diagnose.js';
import { gatherFacts, type FactSources } from './edge/gather-facts.js';
import { prepareServer } from './edge/prepare-server.js';
import type { ConfigChange, FixContext } from './fix-proposal.js';
import { FIXERS } from './fixers/index.js';
import { emptyFacts } from './machine-facts.js';
import { reportOnly } from './fixers/report-only.js';
import { isSameFailure, MAX_HEAL_ATTEMPTS, planNextStep, type FailureSignature, type StopReason } from './plan.js';

/** The budget of one server, in attempts' worth of the usual timeout: the first test and the fixes, some longer. */
export const BUDGET_TIMEOUTS = 6;

export interface HealOptions {
  matcher: Matcher;
  /** The usual wall time of one attempt (`--timeout`). */
  timeoutMs: number;
  /** All the wall time this server may take (default BUDGET_TIMEOUTS × timeoutMs). */
  budgetMs?: number;
  format?: ConfigFormat;
  configFile?: string;
  /** Where facts come from (the person's environment, .env files, a prompt). */
  sources: FactSources;
  /** The environment a stdio server starts from (default: what a GUI-launched client passes). */
  testEnv?: Record<string, string>;
  signal?: AbortSignal;
  /** Told before each test: 0 for the first, then the attempt number. */
  onAttempt?: (event: { server: string; attempt: number; changes: readonly ConfigChange[] }) => void;
}

export interface AttemptRecord extends HealAttempt {
  /** What the fix changed (no values). */
  changes: ConfigChange[];
  /** The line that showed the failure this attempt tried to fix. */
  evidence: string;
}

export interface ServerOutcome {
  name: string;
  ok: boolean;
  /** Working only after a fix. */
  healed: boolean;
  /** The category of the first failure; null when the server worked at once. */
  category: string | null;
  attempts: AttemptRecord[];
  /** The last failure's message; null once the server works. */
  error: string | null;
  /** The line that best shows the failure that remains (or was healed). */
  evidence: string | null;
  /** What the person should do, when it still fails. */
  nextStep: string | null;
  stopReason: StopReason | null;
  /** The config that works (healed), or the one as it was. */
  server: McpServerConfig;
  /** Every change from the original config to `server`. */
  changes: ConfigChange[];
  tools: string[];
  /** The first failure and its diagnosis, for telemetry. */
  firstFailure: ConnectionFailure | null;
  firstDiagnosis: FailureDiagnosis | null;
  /** What could not be prepared for the test (unset variables, VS Code inputs). */
  notes: string[];
  durationMs: number;
}

/** Tests one server once and diagnoses a failure, without fixing anything. */
export async function checkServer(server: McpServerConfig, options: HealOptions): Promise<ServerOutcome> {
  return healServer(server, { ...options, maxAttempts: 0 });
}

export async function healServer(server: McpServerConfig, options: HealOptions & { maxAttempts?: number }): Promise<ServerOutcome> {
  const startedAt = performance.now();
  const deadline = startedAt + (options.budgetMs ?? options.timeoutMs * BUDGET_TIMEOUTS);
  const maxAttempts = Math.min(options.maxAttempts ?? MAX_HEAL_ATTEMPTS, MAX_HEAL_ATTEMPTS);
  // The notes of the last test only: a healed server's earlier notes no longer apply.
  let notes: string[] = [];
  const test = async (candidate: McpServerConfig, timeoutMs: number, attempt: number, changes: readonly ConfigChange[]) => {
    options.onAttempt?.({ server: server.name, attempt, changes });
    const prepared = await prepareServer(candidate, { env: options.sources.env, home: options.sources.home, ...(options.format ? { format: options.format } : {}), ...(options.configFile ? { configFile: options.configFile } : {}) });
    notes = prepared.notes;
    return testConnection(prepared.server, { timeoutMs, ...(options.testEnv ? { env: options.testEnv } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  };

  let current = server;
  let result: ConnectionResult = await test(current, Math.min(options.timeoutMs, Math.max(1, deadline - performance.now())), 0, []);
  const firstFailure = result.ok ? null : result;
  const firstDiagnosis = result.ok ? null : diagnoseFailure(result, options.matcher);
  const attempts: AttemptRecord[] = [];
  const changes: ConfigChange[] = [];
  let diagnosis = firstDiagnosis;
  let nextStep: string | null = null;
  let stopReason: StopReason | null = null;
  let timeoutMs = options.timeoutMs;

  while (!result.ok && diagnosis && !options.signal?.aborted) {
    const failure: ConnectionFailure = result;
    const facts = attempts.length < maxAttempts ? await gatherFacts(current, diagnosis, options.format, options.sources) : emptyFacts(options.sources.platform, options.sources.home);
    const context: FixContext = { server: current, diagnosis, failure, facts, timeoutMs, ...(options.format ? { format: options.format } : {}) };
    const proposal = attempts.length < maxAttempts ? FIXERS[diagnosis.fix](context) : reportOnly(context);
    const step = planNextStep({
      attemptsMade: attempts.length,
      maxAttempts,
      lastFixChangedNothing: attempts.at(-1)?.outcome === 'same_failure',
      proposal,
      remainingMs: deadline - performance.now(),
      timeoutMs,
    });
    if (step.action === 'stop') {
      stopReason = step.reason;
      if (step.reason === 'cannot_fix' && attempts.length < maxAttempts) attempts.push(record(diagnosis, 'cannot_fix', []));
      nextStep = proposal.kind === 'cannot_fix' && step.reason === 'cannot_fix' ? proposal.nextStep : stopAdvice(step.reason, reportOnly(context));
      break;
    }
    if (proposal.kind !== 'apply') break;
    timeoutMs = Math.max(timeoutMs, step.timeoutMs);
    const retest = await test(proposal.server, step.timeoutMs, attempts.length + 1, proposal.changes);
    const nextDiagnosis = retest.ok ? null : diagnoseFailure(retest, options.matcher);
    const same = !retest.ok && nextDiagnosis !== null && isSameFailure(signatureOf(failure, diagnosis), signatureOf(retest, nextDiagnosis));
    attempts.push(record(diagnosis, retest.ok ? 'healed' : same ? 'same_failure' : 'failed', proposal.changes));
    // A fix that left the failure as it was is dropped; one that got further is kept and built on.
    if (!same) {
      current = proposal.server;
      changes.push(...proposal.changes);
    }
    result = retest;
    diagnosis = nextDiagnosis ?? diagnosis;
  }

  const ok = result.ok;
  return {
    name: server.name,
    ok,
    healed: ok && attempts.length > 0,
    category: firstDiagnosis?.category ?? null,
    attempts,
    error: result.ok ? null : result.message,
    evidence: result.ok ? (firstDiagnosis?.evidence ?? null) : (diagnosis?.evidence ?? null),
    nextStep: ok ? null : (nextStep ?? (options.signal?.aborted ? 'The check was interrupted: run it again.' : null)),
    stopReason: ok ? null : stopReason,
    server: ok ? current : server,
    changes: ok ? changes : [],
    tools: result.ok ? result.tools : [],
    firstFailure,
    firstDiagnosis,
    notes,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

function record(diagnosis: FailureDiagnosis, outcome: HealAttempt['outcome'], changes: readonly ConfigChange[]): AttemptRecord {
  return { category: diagnosis.category, ruleId: diagnosis.ruleId, fix: diagnosis.fix, outcome, changes: [...changes], evidence: diagnosis.evidence };
}

function signatureOf(failure: ConnectionFailure, diagnosis: FailureDiagnosis): FailureSignature {
  return {
    category: diagnosis.category,
    ruleId: diagnosis.ruleId,
    evidence: normaliseMessage(diagnosis.evidence),
    ...(failure.code === undefined ? {} : { code: failure.code }),
    exitCode: failure.exitCode,
  };
}

function stopAdvice(reason: StopReason, advice: ReturnType<typeof reportOnly>): string {
  const instruction = advice.kind === 'cannot_fix' ? advice.nextStep : '';
  if (reason === 'time_limit') return `tapheal ran out of time for this server (raise --timeout to give it more). ${instruction}`;
  if (reason === 'attempt_limit') return `tapheal tried ${MAX_HEAL_ATTEMPTS} fixes and the server still fails. ${instruction}`;
  if (reason === 'same_failure') return `The last fix changed nothing. ${instruction}`;
  return instruction;
}
