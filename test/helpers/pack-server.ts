/**
 * A tiny collector stand-in on 127.0.0.1 that serves whatever body a test gives it at `/v1/packs/latest`,
 * as the collector does (ETag, 304 to a matching If-None-Match), and records every request. It serves
 * what the real collector never would: tampered, oversized, expired and foreign-signed packs.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface PackServerRequest {
  path: string;
  ifNoneMatch: string | null;
}

export interface PackServer {
  /** The base URL, for --endpoint. */
  url: string;
  requests: PackServerRequest[];
  /** Serve this body from now on; `chunked` leaves out Content-Length. */
  serve(body: string | Buffer, options?: { chunked?: boolean }): string;
  /** Answer every request with this status and a JSON error. */
  fail(status: number, message: string): void;
  /** Never answer (the client's deadline must end the request). */
  hang(): void;
  close(): Promise<void>;
}

export const etagOf = (body: string | Buffer): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

export async function startPackServer(): Promise<PackServer> {
  let mode: { kind: 'serve'; body: Buffer; etag: string; chunked: boolean } | { kind: 'fail'; status: number; message: string } | { kind: 'hang' } = {
    kind: 'fail',
    status: 404,
    message: 'no pack has been published',
  };
  const requests: PackServerRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const ifNoneMatch = request.headers['if-none-match'] ?? null;
    requests.push({ path: request.url ?? '', ifNoneMatch });
    if (request.url !== '/v1/packs/latest') return void response.writeHead(404).end();
    if (mode.kind === 'hang') return void hanging.add(response);
    if (mode.kind === 'fail') {
      return void response.writeHead(mode.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'failed', message: mode.message }));
    }
    response.setHeader('etag', mode.etag);
    if (ifNoneMatch === mode.etag) return void response.writeHead(304).end();
    if (!mode.chunked) response.setHeader('content-length', mode.body.byteLength);
    response.writeHead(200, { 'content-type': 'application/json' });
    // Written in pieces, so that a chunked body really arrives in chunks.
    for (let start = 0; start < mode.body.byteLength; start += 64 * 1024) response.write(mode.body.subarray(start, start + 64 * 1024));
    response.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve(body, options = {}) {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      mode = { kind: 'serve', body: bytes, etag: etagOf(bytes), chunked: options.chunked ?? false };
      return mode.etag;
    },
    fail(status, message) {
      mode = { kind: 'fail', status, message };
    },
    hang() {
      mode = { kind: 'hang' };
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A loopback port nothing listens on: one that was just free. */
export async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
