import type { BuiltinRule } from './rule.js';

/** The server did not answer a request or the handshake within the client's timeout. */
export const TIMEOUT_RULES: readonly BuiltinRule[] = [
  {
    id: 'timeout.mcp_request_timed_out',
    category: 'timeout',
    // Not a bare -32001: servers also reuse that code in JSON error bodies for other failures.
    pattern: String.raw`(?i)MCP error -32001\b|request timed out`,
    confidence: 0.92,
    fix: 'increase_timeout',
    description: "The MCP SDKs' `MCP error -32001: Request timed out`.",
  },
  {
    id: 'timeout.timed_out_after',
    category: 'timeout',
    pattern: String.raw`(?i)timed out after \d|timeout of \d+ ?ms exceeded|time(?:d)? ?out (?:after|of) \d|exceeded (?:the )?(?:\d+ ?m?s )?timeout|deadline exceeded|Waited \d+:\d+:\d+ seconds|timed out while waiting|timed out waiting|timeout waiting for|timeout triggered`,
    confidence: 0.9,
    fix: 'increase_timeout',
    description: 'Client timeouts that name a limit or what they waited for: `timed out after 30000ms`, `context deadline exceeded`.',
  },
  {
    id: 'timeout.initialize_wait',
    category: 'timeout',
    // VS Code prints this after 5 s; if the process then exits, server_crashed.exited_before_initialize outranks it.
    pattern: String.raw`(?i)waiting for (?:the )?server to respond to .?initialize`,
    confidence: 0.6,
    fix: 'increase_timeout',
    description: "VS Code's `Waiting for server to respond to `initialize` request...` with nothing after it.",
  },
  {
    id: 'timeout.exception_name',
    category: 'timeout',
    pattern: String.raw`\b(?:asyncio\.)?TimeoutError\b|\bReadTimeout\b|\bWriteTimeout\b|\bPoolTimeout\b|\bTimeoutException\b|\bETIMEDOUT\b|\bUND_ERR_(?:HEADERS|BODY)_TIMEOUT\b`,
    confidence: 0.85,
    fix: 'increase_timeout',
    description: "Exception and errno names for a request timing out: Python's TimeoutError, httpx ReadTimeout, ETIMEDOUT.",
  },
  {
    id: 'timeout.prose',
    category: 'timeout',
    pattern: String.raw`(?i)\btimed out\b|\btimeout (?:error|exceeded|expired|reached|occurred)\b|\b(?:operation|request|connection|handshake|initiali[sz]ation|call|tool|startup) timeout\b`,
    confidence: 0.75,
    fix: 'increase_timeout',
    description: 'Other prose saying an operation timed out.',
  },
];
