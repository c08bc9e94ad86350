/** Builds the FixContext a fixer receives, from literal parts, for the fixer unit tests. */
import { emptyFacts, type ConfigFormat, type ConnectionFailure, type FailureDiagnosis, type FixContext, type FixProposal, type MachineFacts, type McpServerConfig } from '@tapheal/client';
import type { FixKind } from '@tapheal/rules';

export const HOME = '/home/ana';

export interface ContextParts {
  server: McpServerConfig;
  category: string;
  fix: FixKind;
  evidence: string;
  facts?: Partial<MachineFacts>;
  failure?: Partial<ConnectionFailure>;
  format?: ConfigFormat;
  timeoutMs?: number;
}

export function diagnosis(category: string, fix: FixKind, evidence: string): FailureDiagnosis {
  return { category, confidence: 0.9, ruleId: `${category}.test`, fix, packVersion: 1, evidence };
}

export function fixContext(parts: ContextParts): FixContext {
  const facts = { ...emptyFacts(parts.facts?.platform ?? 'linux', parts.facts?.home ?? HOME), ...parts.facts };
  const failure: ConnectionFailure = {
    ok: false,
    message: parts.evidence,
    stderr: '',
    exitCode: null,
    signal: null,
    phase: 'initialize',
    otherErrors: [],
    durationMs: 10,
    ...parts.failure,
  };
  return {
    server: parts.server,
    diagnosis: diagnosis(parts.category, parts.fix, parts.evidence),
    failure,
    facts,
    timeoutMs: parts.timeoutMs ?? 10_000,
    ...(parts.format ? { format: parts.format } : {}),
  };
}

/** The next step of a proposal that must be cannot_fix; fails the test otherwise. */
export function nextStepOf(proposal: FixProposal): string {
  if (proposal.kind !== 'cannot_fix') throw new Error(`expected cannot_fix, got ${JSON.stringify(proposal)}`);
  return proposal.nextStep;
}

/** The applied proposal; fails the test when the fixer could not fix. */
export function applied(proposal: FixProposal): Extract<FixProposal, { kind: 'apply' }> {
  if (proposal.kind !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(proposal)}`);
  return proposal;
}
