import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testConnection, type ConnectionFailure, type ConnectionSuccess, type McpServerConfig } from '@tapheal/client';
import { isProcessAlive } from './process-alive.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/mcp-servers/${name}`, import.meta.url));
const nodeServer = (name: string, extra: Partial<McpServerConfig> = {}): McpServerConfig => ({
  name,
  transport: 'stdio',
  command: process.execPath,
  args: [fixture(name)],
  ...extra,
});
/** Ending a server that ignores stdin EOF takes STDIN_GRACE_MS + TERM_GRACE_MS at most, plus scheduling. */
const END_MARGIN_MS = 1_500;

function expectFailure(result: unknown): ConnectionFailure {
  expect(result).toMatchObject({ ok: false });
  return result as ConnectionFailure;
}

describe('testConnection over stdio', () => {
  it('lists the tools of a working server and ends it', async () => {
    const result = (await testConnection(nodeServer('working-stdio.mjs'), { timeoutMs: 10_000 })) as ConnectionSuccess;

    expect(result).toMatchObject({ ok: true, tools: ['echo', 'add'], serverInfo: { name: 'fixture-working', version: '1.2.3' }, warnings: [] });
    expect(result.durationMs).toBeLessThan(10_000);
    expect(isProcessAlive(result.pid!)).toBe(false);
  });

  it('reports a command that does not exist as spawn ENOENT', async () => {
    const result = expectFailure(await testConnection({ name: 'x', transport: 'stdio', command: 'nonexistent-cmd', args: ['--stdio'] }, { timeoutMs: 5_000 }));

    expect(result).toMatchObject({ message: 'spawn nonexistent-cmd ENOENT', code: 'ENOENT', phase: 'spawn', stderr: '', exitCode: null, signal: null });
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it('finds a command only on the PATH of the base environment it is given', async () => {
    const result = expectFailure(await testConnection({ name: 'x', transport: 'stdio', command: 'node', args: [fixture('working-stdio.mjs')] }, { timeoutMs: 5_000, env: { PATH: '/nonexistent' } }));

    expect(result).toMatchObject({ message: 'spawn node ENOENT', code: 'ENOENT', phase: 'spawn' });
  });

  it('keeps the stack trace and exit code of a server that crashes on start', async () => {
    const result = expectFailure(await testConnection(nodeServer('crash-stdio.mjs'), { timeoutMs: 10_000 }));

    expect(result).toMatchObject({ message: 'MCP error -32000: Connection closed', phase: 'initialize', exitCode: 1, signal: null });
    expect(result.stderr).toContain('fixture-crash: loading configuration');
    expect(result.stderr).toMatch(/TypeError: Cannot read properties of null \(reading 'port'\)\n\s+at .*crash-stdio\.mjs/);
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it('shows the missing variable on stderr when the server is started without it', async () => {
    const result = expectFailure(await testConnection(nodeServer('needs-env-stdio.mjs'), { timeoutMs: 10_000, env: { PATH: process.env.PATH ?? '', FOO_API_KEY: '' } }));

    expect(result).toMatchObject({ message: 'MCP error -32000: Connection closed', phase: 'initialize', exitCode: 1 });
    expect(result.stderr).toContain('Missing FOO_API_KEY');
  });

  it('passes the config env over the base environment', async () => {
    const result = await testConnection(nodeServer('needs-env-stdio.mjs', { env: { FOO_API_KEY: 'foo_test_123' } }), { timeoutMs: 10_000 });

    expect(result).toMatchObject({ ok: true, tools: ['search'] });
  });

  it('does not pass variables of the parent outside the inherited subset by default', async () => {
    process.env.FOO_API_KEY = 'from-the-terminal';
    try {
      const result = expectFailure(await testConnection(nodeServer('needs-env-stdio.mjs'), { timeoutMs: 10_000 }));
      expect(result.stderr).toContain('Missing FOO_API_KEY');
    } finally {
      delete process.env.FOO_API_KEY;
    }
  });

  it('times out a server that starts slower than the timeout and ends it by signal', async () => {
    const result = expectFailure(await testConnection(nodeServer('slow-stdio.mjs'), { timeoutMs: 1_000 }));

    expect(result).toMatchObject({ message: 'MCP error -32001: Request timed out', phase: 'initialize', exitCode: null, signal: 'SIGTERM' });
    expect(result.stderr).toContain('warming up');
    expect(result.durationMs).toBeGreaterThanOrEqual(1_000);
    expect(result.durationMs).toBeLessThan(1_000 + END_MARGIN_MS);
    expect(isProcessAlive(result.pid!)).toBe(false);
  });

  it('ends the grandchildren of a wrapper that ignores SIGTERM, by SIGKILL', async () => {
    const result = expectFailure(await testConnection(nodeServer('spawner-stdio.mjs', { args: [fixture('spawner-stdio.mjs'), '--stubborn'] }), { timeoutMs: 1_000 }));
    const grandchild = Number(/grandchild pid (\d+)/.exec(result.stderr)?.[1]);

    expect(result).toMatchObject({ message: 'MCP error -32001: Request timed out', signal: 'SIGKILL' });
    expect(grandchild).toBeGreaterThan(0);
    expect(result.durationMs).toBeLessThan(1_000 + END_MARGIN_MS);
    expect(isProcessAlive(result.pid!)).toBe(false);
    expect(isProcessAlive(grandchild)).toBe(false);
  });

  it('reports non-JSON output on stdout as the SyntaxError it causes', async () => {
    const result = expectFailure(await testConnection(nodeServer('junk-stdout-stdio.mjs'), { timeoutMs: 1_000 }));

    expect(result.message).toMatch(/^SyntaxError: Unexpected token .* is not valid JSON/);
    expect(result.otherErrors).toContain('MCP error -32001: Request timed out');
    expect(result.phase).toBe('initialize');
    expect(result.durationMs).toBeLessThan(1_000 + END_MARGIN_MS);
    expect(isProcessAlive(result.pid!)).toBe(false);
  });

  it('connects to a server that prints a banner before speaking the protocol, with a warning', async () => {
    const result = (await testConnection(nodeServer('working-stdio.mjs', { args: [fixture('working-stdio.mjs'), '--junk-first'] }), { timeoutMs: 10_000 })) as ConnectionSuccess;

    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.stringMatching(/^SyntaxError: .*not valid JSON/)]);
  });
});
