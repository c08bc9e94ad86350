/** Logs carry ids and counts, never a report's message, and never a token, whatever goes wrong. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { safeError } from '../../apps/collector/src/plugins/errors.js';
import { buildTestApp } from '../helpers/build-app.js';
import { testDatabases } from '../helpers/db.js';
import { makeReport } from '../helpers/reports.js';

const MARKER = 'zebra-marker-7f3a';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe.each(testDatabases())('collector logs on $name', ({ open }) => {
  it.each(['info', 'debug'] as const)('at %s, hold no report message and no token through 202, 400, 401 and 503', async (level) => {
    const db = await open();
    const logs = capture();
    const { app, adminToken } = await buildTestApp(db, { log: { stream: logs.stream, level } });
    const report = makeReport({ error: { message: `spawn ${MARKER} ENOENT` } });
    const accepted = await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: [report] } });
    const invalid = await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: [{ ...report, phase: MARKER }] } });
    const unauthorised = await app.inject({ method: 'GET', url: '/v1/clusters', headers: { authorization: `Bearer ${adminToken}x` } });
    const authorised = await app.inject({ method: 'GET', url: '/v1/reports', headers: { authorization: `Bearer ${adminToken}` } });
    await db.close();
    const unavailable = await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: [makeReport({ error: { message: `spawn ${MARKER} ENOENT` } })] } });
    await app.close();
    expect([accepted.statusCode, invalid.statusCode, unauthorised.statusCode, authorised.statusCode, unavailable.statusCode]).toEqual([202, 400, 401, 200, 503]);
    const text = logs.text();
    expect(text).toMatch(/"msg":"reports ingested"/);
    expect(text).toMatch(/"msg":"database unavailable"/);
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(adminToken);
  }, 30_000);
});

describe('safeError', () => {
  it("keeps the innermost code and message of a wrapped driver error, not the wrapper's query parameters", () => {
    const wrapped = Object.assign(new Error(`Failed query: insert into reports values ($1)\nparams: ${MARKER}`), {
      params: [MARKER],
      cause: Object.assign(new Error('duplicate key value violates unique constraint "reports_pkey"'), { code: '23505' }),
    });
    const logged = JSON.stringify(safeError(wrapped));
    expect(logged).not.toContain(MARKER);
    expect(logged).toContain('23505');
    expect(logged).toContain('duplicate key value');
  });
});
