import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection, type ConnectionFailure } from '@tapheal/client';
import { startSseServer, startStreamableHttpServer, type FixtureServer } from '../../fixtures/mcp-servers/http-servers.js';

const TIMEOUT_MS = 5_000;
let open: FixtureServer;
let guarded: FixtureServer;
let sse: FixtureServer;

beforeAll(async () => {
  [open, guarded, sse] = await Promise.all([startStreamableHttpServer(), startStreamableHttpServer({ token: 'sekret' }), startSseServer()]);
});
afterAll(async () => {
  await Promise.all([open.close(), guarded.close(), sse.close()]);
});

/** A port that nothing listens on: bound once to get a free number, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectFailure(result: unknown): ConnectionFailure {
  expect(result).toMatchObject({ ok: false });
  return result as ConnectionFailure;
}

describe('testConnection over streamable HTTP', () => {
  it('lists the tools of a working server', async () => {
    const result = await testConnection({ name: 'h', transport: 'http', url: `${open.origin}/mcp` }, { timeoutMs: TIMEOUT_MS });

    expect(result).toMatchObject({ ok: true, tools: ['lookup'], serverInfo: { name: 'fixture-http', version: '2.0.0' } });
    expect(result.durationMs).toBeLessThan(TIMEOUT_MS);
  });

  it('sends the headers of the config', async () => {
    const result = await testConnection({ name: 'h', transport: 'http', url: `${guarded.origin}/mcp`, headers: { Authorization: 'Bearer sekret' } }, { timeoutMs: TIMEOUT_MS });

    expect(result).toMatchObject({ ok: true, tools: ['lookup'] });
  });

  it('surfaces a rejected token as code 401 in the connect phase', async () => {
    const result = expectFailure(await testConnection({ name: 'h', transport: 'http', url: `${guarded.origin}/mcp`, headers: { Authorization: 'Bearer wrong' } }, { timeoutMs: TIMEOUT_MS }));

    expect(result).toMatchObject({ code: 401, phase: 'connect', stderr: '', exitCode: null, signal: null });
    expect(result.message).toMatch(/^Streamable HTTP error: Error POSTing to endpoint: .*invalid_token/);
  });

  it('surfaces a wrong path as code 404', async () => {
    const result = expectFailure(await testConnection({ name: 'h', transport: 'http', url: `${open.origin}/wrong` }, { timeoutMs: TIMEOUT_MS }));

    expect(result).toMatchObject({ code: 404, phase: 'connect' });
    expect(result.message).toMatch(/^Streamable HTTP error: Error POSTing to endpoint: Cannot POST \/wrong/);
  });

  it('reports a closed port as fetch failed with ECONNREFUSED', async () => {
    const port = await closedPort();
    const result = expectFailure(await testConnection({ name: 'h', transport: 'http', url: `http://127.0.0.1:${port}/mcp` }, { timeoutMs: TIMEOUT_MS }));

    expect(result).toMatchObject({ code: 'ECONNREFUSED', phase: 'connect', message: `fetch failed: connect ECONNREFUSED 127.0.0.1:${port}` });
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it('reports a url without a scheme as the fetch failure it causes', async () => {
    const result = expectFailure(await testConnection({ name: 'h', transport: 'http', url: 'localhost:8080' }, { timeoutMs: TIMEOUT_MS }));

    expect(result.phase).toBe('connect');
    expect(result.message).toBe('fetch failed: unknown scheme');
  });
});

describe('testConnection over SSE', () => {
  it('lists the tools of a working server', async () => {
    const result = await testConnection({ name: 's', transport: 'sse', url: `${sse.origin}/sse` }, { timeoutMs: TIMEOUT_MS });

    expect(result).toMatchObject({ ok: true, tools: ['lookup'] });
  });

  it('surfaces a wrong path as code 404', async () => {
    const result = expectFailure(await testConnection({ name: 's', transport: 'sse', url: `${sse.origin}/mcp` }, { timeoutMs: TIMEOUT_MS }));

    expect(result).toMatchObject({ code: 404, phase: 'connect' });
    expect(result.message).toMatch(/^SSE error: /);
  });

  it('times out SSE against a streamable HTTP endpoint, which never sends the endpoint event', async () => {
    const result = expectFailure(await testConnection({ name: 's', transport: 'sse', url: `${open.origin}/mcp` }, { timeoutMs: 2_000 }));

    expect(result).toMatchObject({ message: 'MCP error -32001: Request timed out', phase: 'connect' });
    expect(result.durationMs).toBeLessThan(2_000 + 500);
  });
});
