import type { BuiltinRule } from './rule.js';

/**
 * The server exited or closed the connection and the text shows nothing more specific (labelling rule 2).
 * These are the fallbacks: every more specific rule outranks them.
 */
export const SERVER_CRASHED_RULES: readonly BuiltinRule[] = [
  {
    id: 'server_crashed.connection_closed',
    category: 'server_crashed',
    pattern: String.raw`(?i)-32000\b|\bconnection clos(?:ed|e)\b`,
    confidence: 0.5,
    fix: 'retry',
    description: 'The SDK close shape `MCP error -32000: Connection closed`.',
  },
  {
    id: 'server_crashed.disconnected',
    category: 'server_crashed',
    pattern: String.raw`(?i)\bclient closed\b|\bserver disconnected\b|\btransport closed\b|closed unexpectedly|No server info found|\bunexpected EOF\b|\bEOF[ \t]*\r?$|MCP server \S+ disconnected|\b(?:client|server) is not connected\b|\bError: Not connected\b|\b(?:ClosedResource|BrokenResource)Error\b`,
    confidence: 0.5,
    fix: 'retry',
    description: "Clients' close shapes: Cursor's `Client closed`, Claude Desktop's `Server disconnected` and `transport closed unexpectedly`.",
  },
  {
    id: 'server_crashed.process_exited',
    category: 'server_crashed',
    pattern: String.raw`(?i)process exited|exited with (?:exit )?code|\bexit(?:ed)? (?:code|status):? ?-?\d|terminated with (?:exit )?code|exited unexpectedly`,
    confidence: 0.5,
    fix: 'retry',
    description: '`Process exited with code 1` and its relatives.',
  },
  {
    id: 'server_crashed.exited_before_initialize',
    category: 'server_crashed',
    pattern: String.raw`(?i)exited before responding to .?initialize`,
    confidence: 0.62,
    fix: 'retry',
    description: "VS Code's `Server exited before responding to `initialize` request`: the process died during the handshake.",
  },
  {
    id: 'server_crashed.fatal_signal',
    category: 'server_crashed',
    pattern: String.raw`(?i)Segmentation fault|\bSIG(?:SEGV|ABRT|KILL|BUS)\b|heap out of memory|\bOOMKilled\b|core dumped|\bEPIPE\b`,
    confidence: 0.65,
    fix: 'retry',
    description: 'The process died from a signal, ran out of memory, or vanished under a write (EPIPE).',
  },
  {
    id: 'server_crashed.failed_to_connect',
    category: 'server_crashed',
    pattern: String.raw`(?i)\bfailed to (?:re)?(?:connect|start|initiali[sz]e)\b|could not (?:connect|attach) to (?:your |the )?MCP server|Error connecting to MCP server`,
    confidence: 0.45,
    fix: 'retry',
    description: 'A client\'s generic "failed to connect/start" with no cause: weaker than every close shape.',
  },
];
