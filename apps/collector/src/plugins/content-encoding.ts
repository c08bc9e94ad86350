/**
 * Accepts `Content-Encoding: gzip` request bodies. The decoded stream is what Fastify counts against the
 * body limit, so a small gzip bomb is refused with 413 as soon as it inflates past the limit.
 */
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

export function registerContentEncoding(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    if (encoding === 'identity') return payload;
    if (encoding !== 'gzip') {
      throw Object.assign(new Error(`content-encoding "${encoding}" is not supported (use gzip or none)`), { statusCode: 415 });
    }
    const gunzip = createGunzip();
    let encodedLength = 0;
    payload.on('data', (chunk: Buffer) => (encodedLength += chunk.length));
    payload.on('error', (error) => gunzip.destroy(error));
    const decoded = payload.pipe(gunzip);
    gunzip.on('error', (error) => Object.assign(error, { statusCode: 400 }));
    // Fastify compares this with Content-Length instead of the decoded length.
    Object.defineProperty(decoded, 'receivedEncodedLength', { get: () => encodedLength });
    return decoded;
  });
}
