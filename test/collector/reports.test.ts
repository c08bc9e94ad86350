import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { countReports, type Db } from '@tapheal/db';
import { anonymiseMessage } from '@tapheal/rules';
import { buildTestApp } from '../helpers/build-app.js';
import { testDatabases } from '../helpers/db.js';
import { makeReport, makeReports } from '../helpers/reports.js';

const RECEIVED_AT = new Date('2026-11-25T12:00:00Z');

describe.each(testDatabases())('POST /v1/reports on $name', ({ open }) => {
  let db: Db;
  let app: FastifyInstance;
  let auth: { authorization: string };
  beforeAll(async () => {
    db = await open();
    ({ app, auth } = await buildTestApp(db, { now: () => RECEIVED_AT }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  beforeEach(async () => {
    await db.query('truncate reports, installs cascade');
  });

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/reports', payload: payload as never, headers: { 'content-type': 'application/json', ...headers } });

  it('stores a batch and answers 202 with the count, after the commit', async () => {
    const reports = makeReports(3);
    const response = await post({ reports });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ accepted: 3, duplicates: 0 });
    expect(await countReports(db)).toBe(3);
  });

  it('stores each id once: a retried batch counts its duplicates', async () => {
    const reports = makeReports(4);
    await post({ reports });
    const retry = await post({ reports: [...reports.slice(0, 2), makeReport()] });
    expect(retry.json()).toEqual({ accepted: 1, duplicates: 2 });
    expect(await countReports(db)).toBe(5);
  });

  it('counts an id repeated inside one batch as a duplicate', async () => {
    const report = makeReport();
    expect((await post({ reports: [report, report] })).json()).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('keeps every field of a report', async () => {
    const report = makeReport({
      diagnosis: { packVersion: 1, category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', confidence: 0.95 },
      healing: { healed: true, attempts: [{ category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', fix: 'resolve_command_path', outcome: 'healed' }] },
      error: { message: 'spawn npx ENOENT', code: 'ENOENT', exitCode: null, signal: 'SIGTERM' },
    });
    await post({ reports: [report] });
    const [row] = await db.query<Record<string, unknown>>('select * from reports');
    expect(row).toMatchObject({ id: report.id, install_id: report.installId, phase: 'connect', server_transport: 'stdio', error_code: 'ENOENT', signal: 'SIGTERM', diagnosis: report.diagnosis, healing: report.healing });
    expect(new Date(row!.received_at as string).toISOString()).toBe(RECEIVED_AT.toISOString());
  });

  it('anonymises every message again before storing it', async () => {
    const message = 'spawn npx ENOENT cwd=/Users/alice.smith/project key=sk-proj-' + 'Ab3'.repeat(16);
    await post({ reports: [makeReport({ error: { message } })] });
    const [row] = await db.query<{ message: string }>('select message from reports');
    expect(row!.message).toMatch(/spawn npx ENOENT/);
    expect(row!.message).not.toMatch(/alice\.smith|Ab3Ab3/);
  });

  it('anonymises on worker threads what it stores, as on the request thread', async () => {
    const threaded = await buildTestApp(db, { now: () => RECEIVED_AT, env: { TAPHEAL_ANONYMISER_THREADS: '2' } });
    try {
      const messages = ['cwd=/Users/alice.smith/project', `token=ghp_${'x1Y2'.repeat(9)}`, 'connect ECONNREFUSED 10.1.2.3:5432'];
      const reports = messages.map((message) => makeReport({ error: { message } }));
      const response = await threaded.app.inject({ method: 'POST', url: '/v1/reports', payload: { reports } });
      expect(response.statusCode).toBe(202);
      const rows = await db.query<{ id: string; message: string }>('select id, message from reports');
      const stored = new Map(rows.map((row) => [row.id, row.message]));
      expect(reports.map((report) => stored.get(report.id))).toEqual(messages.map(anonymiseMessage));
      expect(messages.map(anonymiseMessage)).not.toEqual(messages);
    } finally {
      await threaded.app.close();
    }
  });

  it('stores a NUL or half a surrogate pair as U+FFFD instead of failing the batch', async () => {
    const reports = [
      makeReport({ error: { message: 'server wrote \u0000\u0000 binary' } }),
      makeReport({ error: { message: 'cut mid-character \ud83d', code: 'E\u0000X' }, client: { name: 'tap\u0000heal', version: '0.1.0' } }),
      makeReport({ healing: { healed: false, attempts: [{ category: 'timeout', ruleId: null, fix: 'retry\udc00', outcome: 'failed' }] } }),
      makeReport({ error: { message: 'an ordinary 🙂 message' } }),
    ];
    const response = await post({ reports });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ accepted: 4, duplicates: 0 });
    const rows = await db.query<{ id: string; message: string; error_code: string | null; client_name: string; healing: { attempts: { fix: string }[] } | null }>(
      'select id, message, error_code, client_name, healing from reports',
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const [nul, cut, healing, ordinary] = reports.map((report) => byId.get(report.id)!);
    expect(nul!.message).toBe('server wrote \ufffd\ufffd binary');
    expect([cut!.message, cut!.error_code, cut!.client_name]).toEqual(['cut mid-character \ufffd', 'E\ufffdX', 'tap\ufffdheal']);
    expect(healing!.healing!.attempts[0]!.fix).toBe('retry\ufffd');
    expect(ordinary!.message).toBe('an ordinary 🙂 message');
  });

  it.each([
    ['the year 0000', { occurredAt: '0000-06-01T00:00:00Z' }, 'body/reports/1/occurredAt: a time from the year 0001 on'],
    ['an offset past ±15:59', { occurredAt: '2026-11-25T10:00:00+16:00' }, 'body/reports/1/occurredAt: a time from the year 0001 on, with a UTC offset within ±15:59'],
  ])('refuses %s with 400 naming occurredAt, where Postgres would have failed the batch', async (_what, override, message) => {
    const response = await post({ reports: [makeReport(), makeReport(override)] });
    expect({ status: response.statusCode, message: response.json().message }).toEqual({ status: 400, message: expect.stringContaining(message) });
    expect(await countReports(db)).toBe(0);
  });

  it('stores the edge times and exit codes a real client may send', async () => {
    const reports = [
      makeReport({ occurredAt: '1970-01-01T00:00:00Z' }), // a machine whose clock was never set
      makeReport({ occurredAt: '2026-11-25T10:00:00+14:00' }),
      makeReport({ occurredAt: '2026-11-25T10:00:00-12:00', error: { message: 'crashed', exitCode: 3221225477 } }),
      makeReport({ error: { message: 'crashed', exitCode: -(2 ** 31) - 1 } }),
    ];
    expect((await post({ reports })).json()).toEqual({ accepted: 4, duplicates: 0 });
    const rows = await db.query<{ id: string; exit_code: string | number | null; occurred_at: Date | string }>('select id, exit_code, occurred_at from reports');
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(reports.map((report) => new Date(byId.get(report.id)!.occurred_at).getTime())).toEqual(reports.map((report) => Date.parse(report.occurredAt)));
    expect(reports.map((report) => (byId.get(report.id)!.exit_code === null ? null : Number(byId.get(report.id)!.exit_code)))).toEqual([null, null, 3221225477, -(2 ** 31) - 1]);
    // The maintainer API gives them back as numbers.
    const listed = (await app.inject({ url: '/v1/reports?limit=10', headers: auth })).json() as { reports: { id: string; error: { exitCode: number | null } }[] };
    const listedCodes = new Map(listed.reports.map((report) => [report.id, report.error.exitCode]));
    expect(reports.map((report) => listedCodes.get(report.id))).toEqual([null, null, 3221225477, -(2 ** 31) - 1]);
  });

  it('answers 400, not a 500 a client would retry forever, to a value the database refuses that validation let through', async () => {
    // Fault injection: a column narrower than the schema allows, so a valid report cannot be stored.
    await db.query('alter table reports alter column client_version type varchar(3)');
    try {
      const response = await post({ reports: [makeReport({ client: { name: 'tapheal', version: '10.0.0' } })] });
      expect({ status: response.statusCode, body: response.json() }).toEqual({
        status: 400,
        body: { error: 'unstorable', message: 'a report holds a value the database cannot store (SQLSTATE 22001); nothing of this batch is stored' },
      });
      expect(await countReports(db)).toBe(0);
      expect((await post({ reports: [makeReport({ client: { name: 'tapheal', version: '0.1' } })] })).statusCode).toBe(202);
    } finally {
      await db.query('alter table reports alter column client_version type text');
    }
  });

  it('records the installs the reports came from', async () => {
    await post({ reports: [...makeReports(2, { installId: 'install-aaaa' }), makeReport({ installId: 'install-bbbb' })] });
    await post({ reports: makeReports(1, { installId: 'install-aaaa' }) });
    const rows = await db.query<{ install_id: string; reports: number }>('select install_id, reports from installs order by install_id');
    expect(rows).toEqual([{ install_id: 'install-aaaa', reports: 3 }, { install_id: 'install-bbbb', reports: 1 }]);
  });

  it('accepts a gzip body', async () => {
    const body = gzipSync(JSON.stringify({ reports: makeReports(2) }));
    const response = await post(body, { 'content-encoding': 'gzip' });
    expect(response.statusCode).toBe(202);
    expect(await countReports(db)).toBe(2);
  });

  // Each bad batch also holds a good report, which must not be stored either.
  const invalid: [string, () => unknown, RegExp][] = [
    ['a wrong type', () => ({ reports: [{ ...makeReport(), installId: 42 }] }), /installId/],
    ['a missing field', () => ({ reports: [(({ phase: _phase, ...rest }) => rest)(makeReport())] }), /phase/],
    ['an unknown field', () => ({ reports: [{ ...makeReport(), hostname: 'my-laptop' }] }), /hostname|unrecognized/i],
    ['an unknown nested field', () => ({ reports: [{ ...makeReport(), error: { message: 'x', stack: 'at y' } }] }), /error|stack|unrecognized/i],
    ['101 reports', () => ({ reports: makeReports(101) }), /reports/],
    ['a 9 KiB message', () => ({ reports: [makeReport({ error: { message: 'x'.repeat(9 * 1024) } })] }), /message/],
    ['a message that is not a string', () => ({ reports: [{ ...makeReport(), error: { message: { text: 'x' } } }] }), /message/],
    ['a bad id', () => ({ reports: [makeReport({ id: 'not-a-uuid' })] }), /id/],
  ];

  it.each(invalid)('answers 400 naming the field for %s, and stores nothing of the batch', async (_what, body, field) => {
    const response = await post({ reports: [makeReport(), ...(body() as { reports: unknown[] }).reports] });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(field);
    expect(await countReports(db)).toBe(0);
  });

  it('answers 400 to an empty batch', async () => {
    const response = await post({ reports: [] });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/reports/);
  });

  it('answers 400 to broken JSON', async () => {
    const response = await post('{"reports": [');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', message: 'body is not valid JSON' });
  });

  it('answers 400 to a body that is not gzip although it says so', async () => {
    const response = await post(JSON.stringify({ reports: makeReports(1) }), { 'content-encoding': 'gzip' });
    expect(response.statusCode).toBe(400);
    expect(await countReports(db)).toBe(0);
  });

  it('answers 413 to a 5 MB body', async () => {
    const response = await post(JSON.stringify({ reports: [makeReport({ error: { message: 'x'.repeat(5_000_000) } })] }));
    expect(response.statusCode).toBe(413);
    expect(await countReports(db)).toBe(0);
  });

  it('answers 413 to a gzip bomb without inflating it all', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"reports":[{"x":"'), Buffer.alloc(200 * 1024 * 1024, 0x20), Buffer.from('"}]}')]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const response = await post(bomb, { 'content-encoding': 'gzip' });
    expect(response.statusCode).toBe(413);
  });

  it('answers 415 to an encoding it does not know', async () => {
    const response = await post(JSON.stringify({ reports: makeReports(1) }), { 'content-encoding': 'br' });
    expect(response.statusCode).toBe(415);
  });

  it('does not echo the body back in an error', async () => {
    const response = await post({ reports: [{ ...makeReport(), installId: 'SECRET-VALUE-that-is-bad!' }] });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toMatch(/SECRET-VALUE/);
  });
});

describe.each(testDatabases())('POST /v1/reports with the database gone, on $name', ({ open }) => {
  it('answers 503 with Retry-After and keeps running', async () => {
    const db = await open();
    const { app } = await buildTestApp(db);
    await db.close();
    const response = await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: makeReports(1) } });
    const health = await app.inject({ method: 'GET', url: '/health' });
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(health.statusCode).toBe(503);
  });
});
