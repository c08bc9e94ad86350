import type { BuiltinRule } from './rule.js';

/** Nothing accepts connections at the server URL. */
export const CONNECTION_REFUSED_RULES: readonly BuiltinRule[] = [
  {
    id: 'connection_refused.econnrefused',
    category: 'connection_refused',
    pattern: String.raw`\bECONNREFUSED\b`,
    confidence: 0.92,
    fix: 'try_alternate_url',
    description: "Node's `connect ECONNREFUSED 127.0.0.1:8000`, also when wrapped in `fetch failed` or -32000.",
  },
  {
    id: 'connection_refused.prose',
    category: 'connection_refused',
    pattern: String.raw`(?i)connection refused|ConnectionRefusedError|\bConnectRefused\b|actively refused|\[Errno (?:111|61)\]|\[WinError 10061\]|Unable to connect\. Is the computer able to access the url|Connect call failed|Couldn't connect to server`,
    confidence: 0.88,
    fix: 'try_alternate_url',
    description: "`Connection refused` in Python, Go, curl, Bun and the Inspector; Windows' `actively refused it`.",
  },
  {
    id: 'connection_refused.all_attempts_failed',
    category: 'connection_refused',
    pattern: String.raw`(?i)All connection attempts failed|is (?:the|your) (?:MCP )?server running\b|(?:verify|check|ensure|make sure)(?: that)? the (?:MCP )?server is running|(?:couldn't|could not|cannot|can't|unable to) reach (?:the |your )?(?:MCP )?server`,
    confidence: 0.8,
    fix: 'try_alternate_url',
    description: "httpx's `All connection attempts failed` and clients asking `Is the MCP server running?` / saying they could not reach it.",
  },
  {
    id: 'connection_refused.docker_daemon',
    category: 'connection_refused',
    pattern: String.raw`(?i)Cannot connect to the Docker daemon|Is the docker daemon running|docker daemon is not running|docker desktop is not running|error during connect`,
    confidence: 0.93,
    fix: 'report_only',
    description: 'docker as the launcher with its daemon not running.',
  },
  {
    id: 'connection_refused.local_fetch_failed',
    category: 'connection_refused',
    pattern: String.raw`(?i)fetch failed[^\n]{0,200}(?:localhost|127\.0\.0\.1|\[::1\])|(?:localhost|127\.0\.0\.1|\[::1\])[^\n]{0,200}fetch failed`,
    confidence: 0.6,
    fix: 'try_alternate_url',
    description: 'A bare `fetch failed` against a loopback URL: nothing listens there.',
  },
];
