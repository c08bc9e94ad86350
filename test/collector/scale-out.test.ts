/**
 * Two collector processes on one Postgres database (DESIGN "Scaling out"): started together on an
 * empty database, so their migrations race under the advisory lock, and then fed the same batch at
 * once, in the same order and in opposite orders. Ids are unique in the database, so the batch is
 * stored once whichever replica wins, and neither answers anything but 202.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, type Db } from '@tapheal/db';
import { startCollector, stopAllCollectors, type CollectorProcess } from '../helpers/collector-process.js';
import { openScratchPostgres } from '../helpers/db.js';
import { postReports } from '../helpers/post-reports.js';
import { makeReports } from '../helpers/reports.js';
import { holdReportId, waitForLockWaiters } from '../helpers/row-lock.js';

const BATCH_REPORTS = 100;
const REPLICAS = 2;
/** Replicas share one maintainer token, as a deployment would give them. */
const ADMIN_TOKEN = randomBytes(16).toString('hex');

/** A maintainer call to one replica over its socket; the JSON answer and the headers that matter here. */
async function call(baseUrl: string, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), version: response.headers.get('tapheal-pack-version'), text, json: () => JSON.parse(text) };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('two collectors on one Postgres database', () => {
  let scratch: Db & { url: string };
  let keyDir: string;
  let collectors: CollectorProcess[];
  beforeAll(async () => {
    // Empty: the replicas, not the test, apply the migrations.
    scratch = await openScratchPostgres(process.env.TEST_DATABASE_URL!, { migrate: false });
    // Replicas share one signing key, as a deployment would give them.
    keyDir = await mkdtemp(join(tmpdir(), 'tapheal-scale-out-'));
    const keyFile = join(keyDir, 'signing-key.pem');
    await writeFile(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    const env = { DATABASE_URL: scratch.url, TAPHEAL_SIGNING_KEY_FILE: keyFile, TAPHEAL_ADMIN_TOKEN: ADMIN_TOKEN };
    collectors = await Promise.all(Array.from({ length: REPLICAS }, () => startCollector(env)));
  }, 60_000);
  afterAll(async () => {
    await stopAllCollectors();
    await scratch?.close();
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
  });

  it('applies each migration once when both start at the same time', async () => {
    const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    const applied = await scratch.query<{ hash: string; n: number | string }>('select hash, count(*) as n from drizzle.__drizzle_migrations group by hash');
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.map((row) => Number(row.n))).toEqual(journal.entries.map(() => 1));
  });

  it('stores a batch sent to both at once exactly once: the answers add up to one accept and one duplicate per report', async () => {
    const batch = makeReports(BATCH_REPORTS);
    const answers = await Promise.all(collectors.map((collector) => postReports(collector.url, batch)));
    expect(answers.map((answer) => answer.status)).toEqual(collectors.map(() => 202));
    const counts = answers.map((answer) => answer.body as { accepted: number; duplicates: number });
    expect(counts.reduce((sum, count) => sum + count.accepted, 0)).toBe(BATCH_REPORTS);
    expect(counts.reduce((sum, count) => sum + count.duplicates, 0)).toBe(BATCH_REPORTS * (REPLICAS - 1));
    const ids = batch.map((report) => report.id);
    const stored = await scratch.query<{ id: string }>('select id::text as id from reports where id = any($1::uuid[])', [ids]);
    expect(stored).toHaveLength(BATCH_REPORTS);
    const installs = await scratch.query<{ reports: number }>('select reports from installs where install_id = $1', [batch[0]!.installId]);
    expect(installs).toEqual([{ reports: BATCH_REPORTS }]);
  });

  it('stores one batch sent to each in opposite orders once, without a deadlock', async () => {
    // A retried batch need not keep its order (a client may merge it with new reports). Two
    // transactions that insert the same ids in opposite orders deadlock unless rows are written in one
    // order. To make the overlap certain rather than lucky, the test holds the middle id in a
    // transaction of its own until both replicas wait on it, each holding the ids before it in its own
    // order, and then rolls back.
    const batch = makeReports(BATCH_REPORTS, { installId: 'install-opposite' });
    const held = await holdReportId(scratch.url, batch[BATCH_REPORTS >> 1]!.id);
    try {
      const sent = Promise.all([postReports(collectors[0]!.url, batch), postReports(collectors[1]!.url, [...batch].reverse())]);
      sent.catch(() => {}); // awaited below; this only keeps an early failure from leaving it unhandled
      await waitForLockWaiters(scratch, REPLICAS);
      await held.release();
      const answers = await sent;

      expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
      const accepted = answers.reduce((sum, answer) => sum + (answer.body as { accepted: number }).accepted, 0);
      expect(accepted).toBe(BATCH_REPORTS);
      const installs = await scratch.query<{ reports: number }>('select reports from installs where install_id = $1', ['install-opposite']);
      expect(installs).toEqual([{ reports: BATCH_REPORTS }]);
    } finally {
      await held.release();
    }
  });

  it('serves a pack published through one replica from the other, byte for byte with the same ETag', async () => {
    const [a, b] = collectors.map((collector) => collector.url) as [string, string];
    const before = await call(b, 'GET', '/v1/packs/latest');
    expect(before.status).toBe(200);
    expect((await call(a, 'GET', '/v1/packs/latest')).etag).toBe(before.etag);

    const reports = makeReports(20, { installId: 'install-scale-out', error: { message: 'Quux gateway refused the handshake for tenant 42' } });
    expect((await postReports(b, reports)).status).toBe(202);
    const run = (await call(a, 'POST', '/v1/trainer/runs')).json() as { id: string };
    const deadline = Date.now() + 20_000;
    let status = 'running';
    while (status === 'running' && Date.now() < deadline) {
      status = ((await call(b, 'GET', `/v1/trainer/runs/${run.id}`)).json() as { status: string }).status;
      if (status === 'running') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('done');
    const { clusters } = (await call(b, 'GET', '/v1/clusters')).json() as { clusters: { id: string; template: string }[] };
    const cluster = clusters.find((candidate) => candidate.template.startsWith('Quux gateway'))!;
    expect((await call(b, 'PATCH', `/v1/clusters/${cluster.id}`, { status: 'confirmed', category: 'auth_failed', fix: 'set_env_from_user' })).status).toBe(200);

    const published = await call(a, 'POST', '/v1/packs');
    expect(published.status).toBe(201);
    const version = (published.json() as { version: number }).version;
    const fromA = await call(a, 'GET', '/v1/packs/latest');
    const fromB = await call(b, 'GET', '/v1/packs/latest');
    expect([fromA.version, fromB.version]).toEqual([String(version), String(version)]);
    expect(fromB.etag).toBe(fromA.etag);
    expect(fromB.etag).not.toBe(before.etag);
    expect(fromB.text).toBe(fromA.text);
    expect(fromB.text).toContain(`cluster.${cluster.id}`);
    const conditional = await fetch(new URL('/v1/packs/latest', b), { headers: { 'if-none-match': fromA.etag! } });
    expect(conditional.status).toBe(304);
  });
});
