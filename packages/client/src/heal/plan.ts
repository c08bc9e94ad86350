/**
 * The heal loop's one decision, as a pure function: after a failed attempt, apply the proposed fix, or
 * stop. It stops when the attempt limit or the time limit is reached, when the fixer cannot fix, and
 * when a fix left the failure exactly as it was (trying more would only repeat it).
 */
import type { FixProposal } from './fix-proposal.js';

/** At most this many fixes are tried per server (each one a recorded attempt). */
export const MAX_HEAL_ATTEMPTS = 3;
/** A test with less wall time than this left is not worth starting. */
export const MIN_ATTEMPT_MS = 500;

export type StopReason = 'attempt_limit' | 'time_limit' | 'cannot_fix' | 'same_failure';

export interface PlanInput {
  /** Fixes tried so far. */
  attemptsMade: number;
  maxAttempts?: number;
  /** Whether the last fix left the failure as it was before it. */
  lastFixChangedNothing: boolean;
  proposal: FixProposal;
  /** Wall time left for this server. */
  remainingMs: number;
  /** The usual wall time of one attempt. */
  timeoutMs: number;
}

export type Step =
  | { action: 'fix'; timeoutMs: number }
  | { action: 'stop'; reason: StopReason };

export function planNextStep(input: PlanInput): Step {
  if (input.lastFixChangedNothing) return { action: 'stop', reason: 'same_failure' };
  const limit = input.maxAttempts ?? MAX_HEAL_ATTEMPTS;
  // A check that may not fix (limit 0) stops because nothing can be fixed, not because it tried.
  if (input.attemptsMade >= limit && limit > 0) return { action: 'stop', reason: 'attempt_limit' };
  if (input.proposal.kind === 'cannot_fix' || input.attemptsMade >= limit) return { action: 'stop', reason: 'cannot_fix' };
  if (input.remainingMs < MIN_ATTEMPT_MS) return { action: 'stop', reason: 'time_limit' };
  const wanted = input.proposal.timeoutMs ?? input.timeoutMs;
  return { action: 'fix', timeoutMs: Math.max(1, Math.min(wanted, input.remainingMs)) };
}

/** Two failures are the same when they have the same diagnosis and the same normalised evidence. */
export interface FailureSignature {
  category: string;
  ruleId: string | null;
  evidence: string;
  code?: string | number;
  exitCode: number | null;
}

export function isSameFailure(a: FailureSignature, b: FailureSignature): boolean {
  return a.category === b.category && a.ruleId === b.ruleId && a.evidence === b.evidence && a.code === b.code && a.exitCode === b.exitCode;
}
