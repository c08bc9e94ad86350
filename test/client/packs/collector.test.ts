/**
 * `tapheal pack update` against the real collector, started in-process on loopback on a real (PGlite)
 * database: its version 1 is the built-in pack, a later check is a 304, a pack maintainers publish is
 * taken, and after a yank the older pack it serves again is refused as a rollback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createDb, type Db } from '@tapheal/db';
import { buildTestApp } from '../../helpers/build-app.js';
import { runTaphealAsync } from '../../helpers/cli.js';
import { HOOK_TIMEOUT_MS, NO_RATE_LIMITS, clusterWith, patchCluster, postReports, runTrainer, type Api } from '../../helpers/maintainer.js';
import { makeTempDir, writeFile } from '../../helpers/packs.js';
import { makeReport } from '../../helpers/reports.js';

const JAMMED = [
  'Frobnicator spindle jammed after 3 turns in /Users/alice/proj/a.js',
  'Frobnicator spindle jammed after 17 turns in /home/bob/work/b.js',
  'Frobnicator spindle jammed after 250 turns in C:\\Users\\carol\\c.js',
];

describe('tapheal pack update against the real collector', () => {
  let db: Db;
  let app: FastifyInstance;
  let api: Api;
  let endpoint: string;
  let keyFile: string;
  let keyid: string;
  const home = join(makeTempDir(), 'home');
  const update = (...args: string[]) => runTaphealAsync(['pack', 'update', '--endpoint', endpoint, '--trust-key', keyFile, ...args], { home });

  beforeAll(async () => {
    db = await createDb();
    const built = await buildTestApp(db, { env: { ...NO_RATE_LIMITS, TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' } });
    app = built.app;
    api = { app, auth: built.auth };
    keyid = built.signingKey.keyid;
    keyFile = writeFile(makeTempDir(), 'collector.pem', built.publicPem);
    endpoint = await app.listen({ host: '127.0.0.1', port: 0 });
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  }, HOOK_TIMEOUT_MS);

  it('finds the collector\'s version 1 to be the built-in pack, then gets a 304 for it', async () => {
    const first = await update();
    expect([first.status, first.stderr, first.stdout]).toEqual([0, '', "up to date: pack 1 is the built-in pack's version; using v1 (built-in)\n"]);
    const again = await update('--force');
    expect([again.status, again.stdout]).toEqual([0, 'up to date: 304 not modified since pack 1; using v1 (built-in)\n']);
  });

  it('takes the pack maintainers publish next, and pack status shows where it came from', async () => {
    await postReports(api, JAMMED.map((message, i) => makeReport({ installId: `install-${i}`, error: { message } })));
    await runTrainer(api);
    const cluster = await clusterWith(api, 'Frobnicator spindle');
    expect((await patchCluster(api, cluster.id, { status: 'confirmed', category: 'spindle_jammed', fix: 'retry' })).statusCode).toBe(200);
    const published = await app.inject({ method: 'POST', url: '/v1/packs', headers: api.auth });
    expect(published.statusCode, published.body).toBe(201);

    const run = await update('--force');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(new RegExp(`^updated: pack v2 \\(was v1\\), signed by ${keyid.slice(0, 16)}; pinned 1 key\\(s\\)`));
    const served = await app.inject({ url: '/v1/packs/latest' });
    expect(readFileSync(join(home, 'packs', 'current.json'), 'utf8')).toBe(served.body);

    const status = (await runTaphealAsync(['pack', 'status', '--json'], { home })).lines[0];
    expect(status).toMatchObject({ source: 'held', version: 2, keyid, from: `${endpoint}/v1/packs/latest` });
    const classified = await runTaphealAsync(['classify'], { home, input: `${JSON.stringify({ message: 'Frobnicator spindle jammed after 9 turns in /opt/x/y.js' })}\n` });
    expect(classified.lines[0]).toMatchObject({ category: 'spindle_jammed', fix: 'retry' });
  });

  it('refuses the older pack the collector serves after a yank, and keeps the one it holds', async () => {
    const held = readFileSync(join(home, 'packs', 'current.json'));
    expect((await app.inject({ method: 'POST', url: '/v1/packs/2/yank', headers: api.auth, payload: { reason: 'test' } })).statusCode).toBe(200);
    const run = await update('--force');
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('tapheal: refused (not newer): pack version 1 is not newer than version 2 already held; keeping v2\n');
    expect(readFileSync(join(home, 'packs', 'current.json')).equals(held)).toBe(true);
  });
});
