/** retry: the failure may be transient (a crash on start, a reset); test once more as it is. */
import type { FixContext, FixProposal } from '../fix-proposal.js';

export function retryAsIs({ server }: FixContext): FixProposal {
  return { kind: 'apply', server, changes: [] };
}
