import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeAllConnections, liveConnectionCount, testConnection, type ConnectionFailure, type McpServerConfig } from '@tapheal/client';
import { isProcessAlive } from './process-alive.js';

const slowServer: McpServerConfig = {
  name: 'slow',
  transport: 'stdio',
  command: process.execPath,
  args: [fileURLToPath(new URL('../../fixtures/mcp-servers/slow-stdio.mjs', import.meta.url))],
};
const waitForStderr = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('ending attempts in flight (Ctrl-C)', () => {
  it('ends the attempt and its server when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = testConnection(slowServer, { timeoutMs: 30_000, signal: controller.signal });
    await waitForStderr();

    controller.abort();
    const result = (await pending) as ConnectionFailure;

    expect(result).toMatchObject({ ok: false, message: 'The operation was aborted', code: 'ABORT_ERR', phase: 'initialize', signal: 'SIGTERM' });
    expect(result.stderr).toContain('warming up');
    expect(result.durationMs).toBeLessThan(2_000);
    expect(isProcessAlive(result.pid!)).toBe(false);
  });

  it('does not start a server when the signal is already aborted', async () => {
    const result = (await testConnection(slowServer, { timeoutMs: 30_000, signal: AbortSignal.abort() })) as ConnectionFailure;

    expect(result).toMatchObject({ ok: false, code: 'ABORT_ERR' });
    if (result.pid !== undefined) expect(isProcessAlive(result.pid)).toBe(false);
  });

  it('closeAllConnections ends every attempt in flight and its server', async () => {
    const pending = [testConnection(slowServer, { timeoutMs: 30_000 }), testConnection(slowServer, { timeoutMs: 30_000 })];
    await waitForStderr();
    expect(liveConnectionCount()).toBe(2);

    await closeAllConnections();
    const results = (await Promise.all(pending)) as ConnectionFailure[];

    expect(liveConnectionCount()).toBe(0);
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, message: 'Connection test ended by closeAllConnections()', code: 'ABORT_ERR' });
      expect(isProcessAlive(result.pid!)).toBe(false);
    }
  });

  it('reports a stdio server without a command instead of throwing', async () => {
    const result = await testConnection({ name: 'x', transport: 'stdio' }, { timeoutMs: 1_000 });

    expect(result).toMatchObject({ ok: false, phase: 'spawn', message: 'The server has no command to start' });
    expect(liveConnectionCount()).toBe(0);
  });
});
