/** The heal loop's one decision (fix or stop) and what counts as the same failure. */
import { describe, expect, it } from 'vitest';
import { isSameFailure, MAX_HEAL_ATTEMPTS, MIN_ATTEMPT_MS, planNextStep, type FailureSignature, type FixProposal, type PlanInput } from '@tapheal/client';

const server = { name: 'github', transport: 'stdio' as const, command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] };
const apply: FixProposal = { kind: 'apply', server, changes: [] };

const input = (extra: Partial<PlanInput> = {}): PlanInput => ({
  attemptsMade: 0,
  lastFixChangedNothing: false,
  proposal: apply,
  remainingMs: 60_000,
  timeoutMs: 10_000,
  ...extra,
});

describe('planNextStep', () => {
  it('fixes with the usual timeout when nothing stops it', () => {
    expect(planNextStep(input())).toEqual({ action: 'fix', timeoutMs: 10_000 });
  });

  it('stops when the last fix left the failure as it was', () => {
    expect(planNextStep(input({ attemptsMade: 1, lastFixChangedNothing: true }))).toEqual({ action: 'stop', reason: 'same_failure' });
  });

  it('stops when the fixer cannot fix', () => {
    const step = planNextStep(input({ proposal: { kind: 'cannot_fix', nextStep: 'install Node.js' } }));

    expect(step).toEqual({ action: 'stop', reason: 'cannot_fix' });
  });

  it('allows three fixes by default and stops before a fourth', () => {
    expect(MAX_HEAL_ATTEMPTS).toBe(3);
    expect(planNextStep(input({ attemptsMade: 2 })).action).toBe('fix');
    expect(planNextStep(input({ attemptsMade: 3 }))).toEqual({ action: 'stop', reason: 'attempt_limit' });
  });

  it('follows a custom attempt limit, lower or higher than the default', () => {
    expect(planNextStep(input({ attemptsMade: 1, maxAttempts: 1 }))).toEqual({ action: 'stop', reason: 'attempt_limit' });
    // A limit of 0 is a check that may not fix: nothing can be fixed, and nothing was tried.
    expect(planNextStep(input({ attemptsMade: 0, maxAttempts: 0 }))).toEqual({ action: 'stop', reason: 'cannot_fix' });
    expect(planNextStep(input({ attemptsMade: 4, maxAttempts: 5 })).action).toBe('fix');
  });

  it('stops when less than MIN_ATTEMPT_MS of wall time is left', () => {
    expect(planNextStep(input({ remainingMs: MIN_ATTEMPT_MS - 1 }))).toEqual({ action: 'stop', reason: 'time_limit' });
    expect(planNextStep(input({ remainingMs: -5 }))).toEqual({ action: 'stop', reason: 'time_limit' });
  });

  it('still fixes with exactly MIN_ATTEMPT_MS left, in the time that is left', () => {
    expect(planNextStep(input({ remainingMs: MIN_ATTEMPT_MS }))).toEqual({ action: 'fix', timeoutMs: MIN_ATTEMPT_MS });
  });

  it("uses the proposal's longer timeout when there is time for it", () => {
    const step = planNextStep(input({ proposal: { ...apply, timeoutMs: 30_000 }, remainingMs: 45_000 }));

    expect(step).toEqual({ action: 'fix', timeoutMs: 30_000 });
  });

  it("caps the proposal's timeout at the time that is left", () => {
    const step = planNextStep(input({ proposal: { ...apply, timeoutMs: 30_000 }, remainingMs: 12_345 }));

    expect(step).toEqual({ action: 'fix', timeoutMs: 12_345 });
  });

  it('caps the usual timeout at the time that is left too', () => {
    expect(planNextStep(input({ timeoutMs: 10_000, remainingMs: 4_000 }))).toEqual({ action: 'fix', timeoutMs: 4_000 });
  });
});

describe('isSameFailure', () => {
  const failure: FailureSignature = {
    category: 'missing_env_var',
    ruleId: 'missing_env_var.env_var_unset',
    evidence: 'error: <var> environment variable is required',
    exitCode: 1,
  };

  it('is true for two equal signatures', () => {
    expect(isSameFailure(failure, { ...failure })).toBe(true);
  });

  it.each<[string, Partial<FailureSignature>]>([
    ['category', { category: 'auth_failed' }],
    ['rule', { ruleId: 'missing_env_var.named_var_unset' }],
    ['rule, one of them none', { ruleId: null }],
    ['evidence', { evidence: 'error: <var> is not set' }],
    ['exit code', { exitCode: null }],
    ['code', { code: 'ENOENT' }],
  ])('is false when the %s differs', (_field, change) => {
    expect(isSameFailure(failure, { ...failure, ...change })).toBe(false);
    expect(isSameFailure({ ...failure, ...change }, failure)).toBe(false);
  });

  it('is true when both failed with the same HTTP status, false for another status', () => {
    expect(isSameFailure({ ...failure, code: 401 }, { ...failure, code: 401 })).toBe(true);
    expect(isSameFailure({ ...failure, code: 401 }, { ...failure, code: 403 })).toBe(false);
  });
});
