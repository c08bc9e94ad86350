/**
 * timeout: try again with three times the wall time, and record the longer timeout where the config
 * format has a per-server field for it (see TIMEOUT_FIELDS); elsewhere only the retry is longer.
 */
import { TIMEOUT_FIELDS } from '../../config/mcp-server-config.js';
import type { ConfigChange, FixContext, FixProposal } from '../fix-proposal.js';

export const TIMEOUT_FACTOR = 3;
/** The longest wall time a fix asks for. */
export const MAX_FIX_TIMEOUT_MS = 120_000;

export function increaseTimeout({ server, format, timeoutMs }: FixContext): FixProposal {
  const longer = Math.min(MAX_FIX_TIMEOUT_MS, Math.max(timeoutMs * TIMEOUT_FACTOR, server.timeoutMs ?? 0));
  const field = format ? TIMEOUT_FIELDS[format] : undefined;
  const changes: ConfigChange[] = [];
  let next = server;
  if (field && (server.timeoutMs ?? 0) < longer) {
    next = { ...server, timeoutMs: longer };
    // Anthropic documents MCP_TIMEOUT (Claude Code's own environment) for start-up; the per-server field is
    // only seen in configs in the wild, so the person is told about both.
    const note = format === 'claude-code' ? `; for start-up Claude Code reads MCP_TIMEOUT=${longer} from its environment` : '';
    changes.push({ field, description: `record a timeout of ${longer} ms${note}` });
  }
  return { kind: 'apply', server: next, changes, timeoutMs: longer };
}
