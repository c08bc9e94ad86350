/** increase_timeout, set_working_directory, use_system_certificates, retry and the report-only instructions. */
import { describe, expect, it } from 'vitest';
import { FIXERS, MAX_FIX_TIMEOUT_MS, portIn, type ConfigFormat, type ConnectionFailure, type McpServerConfig } from '@tapheal/client';
import type { FixKind } from '@tapheal/rules';
import { applied, fixContext, HOME, nextStepOf } from './fix-context.js';

const npxServer: McpServerConfig = { name: 'github', transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] };
const remote: McpServerConfig = { name: 'remote', transport: 'http', url: 'https://mcp.example.com/mcp' };

describe('increase_timeout', () => {
  const fix = FIXERS.increase_timeout;
  const context = (timeoutMs: number, format?: ConfigFormat, server: McpServerConfig = npxServer) =>
    fixContext({ server, category: 'timeout', fix: 'increase_timeout', evidence: 'MCP error -32001: Request timed out', timeoutMs, ...(format ? { format } : {}) });

  it('tries again with three times the wall time and records it for Claude Code', () => {
    const proposal = applied(fix(context(10_000, 'claude-code')));

    expect(proposal.timeoutMs).toBe(30_000);
    expect(proposal.server).toEqual({ ...npxServer, timeoutMs: 30_000 });
    expect(proposal.changes).toEqual([{ field: 'timeout', description: expect.stringMatching(/^record a timeout of 30000 ms; .*MCP_TIMEOUT=30000/) }]);
  });

  it.each(['cursor', 'claude-desktop', 'vscode', undefined] as const)('only retries longer for %s, which has no timeout field', (format) => {
    const proposal = applied(fix(context(10_000, format)));

    expect(proposal.timeoutMs).toBe(30_000);
    expect(proposal.server).toEqual(npxServer);
    expect(proposal.changes).toEqual([]);
  });

  it(`never asks for more than MAX_FIX_TIMEOUT_MS (${MAX_FIX_TIMEOUT_MS} ms)`, () => {
    const proposal = applied(fix(context(60_000, 'claude-code')));

    expect(proposal.timeoutMs).toBe(MAX_FIX_TIMEOUT_MS);
    expect(proposal.server.timeoutMs).toBe(MAX_FIX_TIMEOUT_MS);
  });

  it('keeps a recorded timeout that is already longer, and waits that long', () => {
    const server = { ...npxServer, timeoutMs: 50_000 };

    const proposal = applied(fix(context(10_000, 'claude-code', server)));

    expect(proposal.timeoutMs).toBe(50_000);
    expect(proposal.server).toEqual(server);
    expect(proposal.changes).toEqual([]);
  });
});

describe('set_working_directory', () => {
  const fix = FIXERS.set_working_directory;
  const context = (server: McpServerConfig) =>
    fixContext({ server, category: 'permission_denied', fix: 'set_working_directory', evidence: "Error: EACCES: permission denied, mkdir 'logs'" });

  it('runs a stdio server without a cwd from the home directory', () => {
    const proposal = applied(fix(context(npxServer)));

    expect(proposal.server).toEqual({ ...npxServer, cwd: HOME });
    expect(proposal.changes).toEqual([{ field: 'cwd', description: expect.stringContaining(HOME) }]);
  });

  it('does not move a server that already has a cwd, and names it', () => {
    expect(nextStepOf(fix(context({ ...npxServer, cwd: '/srv/data' })))).toContain('/srv/data');
  });

  it('cannot fix an HTTP server', () => {
    expect(fix(context(remote)).kind).toBe('cannot_fix');
  });
});

describe('use_system_certificates', () => {
  const fix = FIXERS.use_system_certificates;
  const context = (server: McpServerConfig) =>
    fixContext({ server, category: 'network_error', fix: 'use_system_certificates', evidence: 'Error: self-signed certificate in certificate chain' });

  it.each(['uvx', 'uv', '/Users/ana/.local/bin/uvx', 'C:\\Users\\ana\\.local\\bin\\uv.exe'])('makes %s trust the system store', (command) => {
    const server: McpServerConfig = { name: 'py', transport: 'stdio', command, args: ['mcp-server-fetch'], env: { A: '1' } };

    const proposal = applied(fix(context(server)));

    expect(proposal.server.env).toEqual({ A: '1', UV_NATIVE_TLS: 'true' });
    expect(proposal.changes.map((change) => change.field)).toEqual(['env.UV_NATIVE_TLS']);
  });

  it('leaves a UV_NATIVE_TLS the person set', () => {
    const server: McpServerConfig = { name: 'py', transport: 'stdio', command: 'uvx', env: { UV_NATIVE_TLS: 'false' } };

    expect(fix(context(server)).kind).toBe('cannot_fix');
  });

  it('tells how to trust a CA for a Node.js server', () => {
    expect(nextStepOf(fix(context(npxServer)))).toContain('NODE_EXTRA_CA_CERTS');
  });
});

describe('retry', () => {
  it('tests the same config again with no changes', () => {
    const proposal = applied(FIXERS.retry(fixContext({ server: npxServer, category: 'server_crashed', fix: 'retry', evidence: 'MCP error -32000: Connection closed' })));

    expect(proposal).toEqual({ kind: 'apply', server: npxServer, changes: [] });
  });
});

describe('report-only instructions', () => {
  const instruction = (
    category: string,
    evidence: string,
    extra: { server?: McpServerConfig; platform?: NodeJS.Platform; fix?: FixKind; failure?: Partial<ConnectionFailure> } = {},
  ) => {
    const fix = extra.fix ?? 'report_only';
    return nextStepOf(
      FIXERS[fix](
        fixContext({
          server: extra.server ?? npxServer,
          category,
          fix,
          evidence,
          facts: { platform: extra.platform ?? 'linux' },
          ...(extra.failure ? { failure: extra.failure } : {}),
        }),
      ),
    );
  };

  it.each([
    ['Error: listen EADDRINUSE: address already in use :::3000', 'linux', 'port 3000', 'lsof -nP -iTCP:3000 -sTCP:LISTEN'],
    ['Error: port 8080 is already in use', 'darwin', 'port 8080', 'lsof -nP -iTCP:8080 -sTCP:LISTEN'],
    ['Error: listen EADDRINUSE: address already in use 127.0.0.1:5173', 'win32', 'port 5173', 'netstat -ano | findstr :5173'],
  ] as const)('port_in_use: takes the port from "%s" (%s)', (evidence, platform, holds, find) => {
    const text = instruction('port_in_use', evidence, { platform, fix: 'free_port' });

    expect(text).toContain(`Another process holds ${holds}`);
    expect(text).toContain(find);
  });

  it('port_in_use: names no port when the evidence shows none', () => {
    const text = instruction('port_in_use', 'OSError: [Errno 98] Address already in use', { fix: 'free_port' });

    expect(text).toContain('the port the server needs');
    expect(text).toContain('-iTCP:PORT');
  });

  it.each([
    ['linux', 'rm -rf ~/.npm/_npx'],
    ['darwin', 'rm -rf ~/.npm/_npx'],
    ['win32', 'rd /s /q %LocalAppData%\\npm-cache\\_npx'],
  ] as const)('module_not_found with npx on %s: names the npx cache to clear', (platform, clear) => {
    const text = instruction('module_not_found', "Error: Cannot find module 'zod'", { platform, fix: 'clear_package_cache' });

    expect(text).toContain(clear);
  });

  it('module_not_found with uvx: says to clean the uv cache', () => {
    const server: McpServerConfig = { name: 'py', transport: 'stdio', command: 'uvx', args: ['mcp-server-time'] };

    expect(instruction('module_not_found', "ModuleNotFoundError: No module named 'mcp'", { server, fix: 'clear_package_cache' })).toContain('uv cache clean');
  });

  it('server_crashed: gives the exit code, the signal and a command line to run it by hand', () => {
    const server: McpServerConfig = { name: 'local', transport: 'stdio', command: 'node', args: ['/srv/my server.js', "it's"] };

    const text = instruction('server_crashed', 'TypeError: x is not a function', { server, failure: { exitCode: 1, signal: 'SIGTERM' } });

    expect(text).toContain('exited with code 1 (SIGTERM)');
    expect(text).toMatch(/: node '\/srv\/my server\.js' 'it'\\''s'$/);
  });

  it('transport_mismatch: speaks of stdout for a stdio server, of the URL for an HTTP one', () => {
    expect(instruction('transport_mismatch', 'is not valid JSON')).toContain('stdout');
    expect(instruction('transport_mismatch', 'HTTP 405', { server: remote })).toContain('MCP URL');
  });

  it('an unknown failure of an HTTP server points at the evidence and the documentation', () => {
    expect(instruction('unknown', 'something odd', { server: remote })).toBe(
      "tapheal has no fix for this failure: see the evidence line and the server's documentation.",
    );
  });

  it('an unknown failure of a stdio server adds the command line', () => {
    expect(instruction('unknown', 'something odd')).toMatch(/run the server yourself to see all its output: npx -y @modelcontextprotocol\/server-github$/);
  });

  it.each([
    ['timeout', '--timeout'],
    ['runtime_version', 'install the version it names'],
    ['permission_denied', 'you own it'],
    ['network_error', 'proxy'],
  ])('%s has its own instruction', (category, words) => {
    expect(instruction(category, 'evidence')).toContain(words);
  });
});

describe('portIn', () => {
  it.each([
    ['[10:42:17] Error: listen EADDRINUSE: address already in use :::3000', '3000'],
    ['Error: listen EADDRINUSE: address already in use 127.0.0.1:8080', '8080'],
    ["ERROR: [Errno 98] error while attempting to bind on address ('127.0.0.1', 8000): address already in use", '8000'],
    ['port 3000 is in use, trying 3001', '3000'],
  ])('finds the port in %s', (evidence, port) => {
    expect(portIn(evidence)).toBe(port);
  });

  it('finds none in a clock', () => {
    expect(portIn('[10:42:17] address already in use')).toBeUndefined();
  });
});
