import { describe, expect, it } from 'vitest';
import { anonymiseMessage, normaliseMessage, NORMALISER_VERSION } from '@tapheal/rules';
import { generateSecretCases } from '../helpers/generate-secrets.js';
import { readMcpErrors, readSecretCases } from '../helpers/shared-data.js';

describe('normaliseMessage: log-line prefixes', () => {
  it.each([
    ['2025-06-03T07:23:52.664Z [error] [vscode-mcp-server] spawn npx ENOENT', 'spawn npx ENOENT'],
    ['2025-09-11T23:28:52.407Z [mcp-server-firecrawl] [error] Server disconnected', 'Server disconnected'],
    ['2025-04-21 15:04:22.298 [info] lMCP: Client closed for command', 'lMCP: Client closed for command'],
    ['[14:50:10] [error] Failed to start MCP server: spawn node ENOENT', 'Failed to start MCP server: spawn node ENOENT'],
    ['02:09:15 WRN [stdio] stdio MCP command not found', 'stdio MCP command not found'],
    ['2025-01-12 10:00:00,123 - ERROR - boom', 'boom'],
    ['Jul  1 09:00:55 kernel[0]: woke', 'kernel[<num>]: woke'],
    ["[error] 'uvx' is not recognized as an internal or external command", '<str> is not recognized as an internal or external command'],
    ['INFO:     Waiting for application startup.', 'INFO: Waiting for application startup.'],
  ])('strips the prefix of %j', (input, expected) => {
    expect(normaliseMessage(input)).toBe(expected);
  });
});

describe('normaliseMessage: masks', () => {
  it.each([
    ['timestamps', 'failed at 2025-06-03T07:23:52.664Z, retried at 14:50:10', 'failed at <ts>, retried at <ts>'],
    ['UUIDs', 'sessionId: a02ed93f-b1b9-49a3-8358-04018aa03101', 'sessionId: <uuid>'],
    ['hex ids', 'commit b9d94ed in 0x7fa823c89600', 'commit <hex> in <hex>'],
    ['POSIX paths', 'EACCES: permission denied, open /home/bob/.config/mcp/servers.json', 'EACCES: permission denied, open <path>'],
    ['paths with spaces in a folder', 'cwd: /Users/<user>/Library/Application Support/Claude/logs', 'cwd: <path>'],
    ['Windows paths', 'Cannot find module C:\\Users\\<user>\\AppData\\Local\\npm-cache\\_npx\\b7043670c3149184\\index.js', 'Cannot find module <path>'],
    ['escaped Windows paths', 'at nRe (C:\\\\AppData\\\\Local\\\\AnthropicClaude\\\\index.js:109:189)', 'at nRe (<path>:<num>:<num>)'],
    ['file URLs', 'at file:///Users/rapha/.npm/_npx/5a9d/dist/index.js:62:13', 'at <path>:<num>:<num>'],
    ['relative paths', 'at processStream (mcp-remote/dist/chunk-65X3S4HB.js:19778:24)', 'at processStream (<path>:<num>:<num>)'],
    ['URLs', 'Failed to fetch: https://pypi.org/simple/mcp-proxy/.', 'Failed to fetch: <url>.'],
    ['versions', 'requires a different Python: 3.8.10, Node.js v20.19.0', 'requires a different Python: <ver>, Node.js <ver>'],
    ['numbers and units', 'npx: installed 79 in 8.153s after 30000ms', 'npx: installed <num> in <num>s after <num>ms'],
    ['ports', 'listening on localhost:6277', 'listening on localhost:<num>'],
    ['IPv4 addresses', 'connect ECONNREFUSED 127.0.0.1:27123', 'connect ECONNREFUSED <ip>:<num>'],
    ['IPv6 addresses', 'connect ECONNREFUSED ::1:5002 and :::3000', 'connect ECONNREFUSED <ip>:<num> and <ip>:<num>'],
    ['quoted values', `Error connecting to MCP server 'mssql': No module named "mcp_outline" via \`uvx\``, 'Error connecting to MCP server <str>: No module named <str> via <str>'],
    ['whitespace runs', 'ERROR:    [Errno 98]   Address\talready in use', 'ERROR: [Errno 98] Address already in use'],
  ])('masks %s', (_name, input, expected) => {
    expect(normaliseMessage(input)).toBe(expected);
  });

  it.each([
    ['JSON-RPC codes', 'MCP error -32000: Connection closed; MCP error -32001: Request timed out'],
    ['HTTP statuses', 'SSE error: Non-200 status code (401); HTTP response: 400 Bad Request | 500 |'],
    ['exit codes and errnos', 'Process exited with code 127; [Errno 98]; [WinError 10048]; errno: -4048'],
    ['error code names', 'ERR_MODULE_NOT_FOUND ECONNREFUSED SELF_SIGNED_CERT_IN_CHAIN E401'],
    ['JSON keys', '{"code":-32600,"message":"Bad Request: Missing session ID"}'],
    ['quoted prose', '"Unsupported protocol version for this server"'],
    ['package and module names', '@modelcontextprotocol/server-filesystem mcp.server.fastmcp text/event-stream'],
    ["the anonymiser's placeholders", 'token=<secret> user <email> at <host> on <machine>'],
  ])('keeps %s', (_name, input) => {
    expect(normaliseMessage(input)).toBe(input);
  });
});

describe('normaliseMessage: multi-line logs', () => {
  it('normalises each line, drops empty lines and keeps the order', () => {
    const log = '\n2025-06-03T07:23:52.636Z [info] [x] Initializing server...\n\n   \n2025-06-03T07:23:52.664Z [error] [x] spawn npx ENOENT\n';
    expect(normaliseMessage(log)).toBe('Initializing server...\nspawn npx ENOENT');
  });

  it('drops a line that repeats the one before it after normalisation', () => {
    const log = '[14:50:10] [error] spawn node ENOENT\n[14:53:46] [error] spawn node ENOENT\nretrying\n[14:55:01] [error] spawn node ENOENT';
    expect(normaliseMessage(log)).toBe('spawn node ENOENT\nretrying\nspawn node ENOENT');
  });

  it('accepts Windows line endings', () => {
    expect(normaliseMessage('a 1\r\nb 2\r\n')).toBe('a <num>\nb <num>');
  });
});

describe('normaliseMessage: clustering', () => {
  it.each([
    ['Error: listen EADDRINUSE: address already in use 127.0.0.1:3000', 'Error: listen EADDRINUSE: address already in use 0.0.0.0:8080'],
    ["Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/a/b/index.js'", "Error [ERR_MODULE_NOT_FOUND]: Cannot find module 'C:\\x\\y\\lib.js'"],
    ['2025-06-03T07:23:52Z [error] [a] spawn npx ENOENT', '[09:00:01] [error] spawn npx ENOENT'],
    ['Waited 0:00:05 seconds for request 7f3a9c1', 'Waited 0:01:30 seconds for request 0e11b2d'],
    ["Package 'mcp' requires a different Python: 3.8.10 not in '>=3.10'", "Package 'fastmcp' requires a different Python: 3.9.1 not in '>=3.11'"],
  ])('gives %j and %j the same form', (first, second) => {
    expect(normaliseMessage(first)).toBe(normaliseMessage(second));
  });

  it('keeps apart failures that differ in their diagnosis', () => {
    expect(normaliseMessage('MCP error -32000: Connection closed')).not.toBe(normaliseMessage('MCP error -32001: Connection closed'));
    expect(normaliseMessage('Request failed with status code 401')).not.toBe(normaliseMessage('Request failed with status code 404'));
  });
});

describe('normaliseMessage: stability', () => {
  const messages = [
    ...readMcpErrors().map((e) => e.message),
    ...readSecretCases().map((c) => c.message),
    ...generateSecretCases(300, 3).map((c) => c.message),
  ];

  it('gives the same text when run on its own output', () => {
    const unstable = messages.filter((message) => {
      const once = normaliseMessage(message);
      return normaliseMessage(once) !== once;
    });
    expect(unstable).toEqual([]);
  });

  it('is stable on anonymised messages too', () => {
    const unstable = messages.map(anonymiseMessage).filter((message) => {
      const once = normaliseMessage(message);
      return normaliseMessage(once) !== once;
    });
    expect(unstable).toEqual([]);
  });

  it('is deterministic', () => {
    expect(messages.map(normaliseMessage)).toEqual(messages.map(normaliseMessage));
  });

  it('has version 1', () => {
    expect(NORMALISER_VERSION).toBe(1);
  });

  it.each([['a', 'a'], ['/', '/'], ['9', '9'], ['"', '"'], ['/x', '/x'], ['::', '::'], ['1.', '1.'], ['2025-', '2025-']])(
    'finishes 100 KB of %j in under 500 ms',
    (_name, unit) => {
      const input = unit.repeat(Math.ceil(100_000 / unit.length));
      const started = performance.now();
      normaliseMessage(input);
      expect(performance.now() - started).toBeLessThan(500);
    },
  );
});
