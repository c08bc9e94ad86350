/**
 * Telemetry end to end against the real collector, in this process on loopback: the whole send path,
 * consent, DO_NOT_TRACK and CI, a collector that is down for a while, 429 with Retry-After, 400, a full
 * queue. The collector's own database is checked: every report arrives once.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTelemetry, type Failure, type TelemetryOptions } from '@tapheal/client';
import { createDb, type Db } from '@tapheal/db';
import { buildTestApp } from '../../helpers/build-app.js';
import { closedPort } from '../../helpers/pack-server.js';
import { makeTempDir } from '../../helpers/packs.js';

const NO_LIMITS = { TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0' };

interface Collector {
  url: string;
  db: Db;
  app: FastifyInstance;
  stored(): Promise<{ id: string; message: string; n: number }[]>;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function startCollector(env: Record<string, string> = NO_LIMITS, port = 0): Promise<Collector> {
  const db = await createDb();
  const { app } = await buildTestApp(db, { env });
  const url = await app.listen({ host: '127.0.0.1', port });
  open.push({ close: async () => (await app.close(), await db.close()) });
  return {
    url,
    db,
    app,
    stored: () => db.query<{ id: string; message: string; n: number }>('select id::text as id, message, count(*) over (partition by id)::int as n from reports order by occurred_at, id'),
  };
}


function telemetryFor(home: string, options: Partial<TelemetryOptions> = {}) {
  const telemetry = createTelemetry({ home, env: {}, flushDelayMs: 60_000, ...options });
  open.push({ close: async () => telemetry.close() });
  return telemetry;
}

const failure = (message: string, extra: Partial<Failure> = {}): Failure => ({ message, phase: 'connect', code: 'ENOENT', ...extra });

describe('telemetry against the real collector', () => {
  it('queues anonymised reports, previews them as they will be sent, and delivers each once', async () => {
    const collector = await startCollector();
    const home = makeTempDir();
    const telemetry = telemetryFor(home, { endpoint: collector.url });
    await telemetry.enable();
    expect(await telemetry.report(failure('spawn npx ENOENT in /Users/alice/project'))).toBe('queued');
    expect(await telemetry.report(failure('Cannot reach bob@example.org from /home/bob/app/index.js'))).toBe('queued');
    const known = failure('Error: spawn npx ENOENT at /Users/alice/.nvm/versions/node/v20.1.0/bin', {
      diagnosis: { packVersion: 1, category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', confidence: 0.95 },
      healing: { healed: true, attempts: [{ category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', fix: 'resolve_command_path', outcome: 'healed' }] },
    });
    expect(await telemetry.report(known)).toBe('queued');

    const preview = await telemetry.preview();
    expect(preview.map((report) => report.error.message)).toEqual([
      'spawn npx ENOENT in /Users/<user>/project',
      'Cannot reach <email> from /home/<user>/app/index.js',
      'Error: spawn npx ENOENT at <path>',
    ]);
    expect(await telemetry.flush(5_000)).toBe(true);

    const stored = await collector.stored();
    expect(stored.map((row) => row.id).sort()).toEqual(preview.map((report) => report.id).sort());
    expect(stored.every((row) => row.n === 1)).toBe(true);
    expect(stored.map((row) => row.message).sort()).toEqual(preview.map((report) => report.error.message).sort());
    const healing = await collector.db.query<{ healing: unknown }>('select healing from reports where healing is not null');
    expect(healing).toEqual([{ healing: known.healing }]);
    expect(await telemetry.status()).toMatchObject({ enabled: true, queued: 0, sent: 3, dropped: {} });
  });

  it.each([
    ['never enabled', {}, false, 'not_enabled'],
    ['DO_NOT_TRACK=1', { DO_NOT_TRACK: '1' }, true, 'do_not_track'],
    ['CI=true', { CI: 'true' }, true, 'ci'],
  ])('with consent off (%s) writes nothing and sends nothing', async (_, env, enable, reason) => {
    const collector = await startCollector();
    const home = makeTempDir();
    if (enable) await createTelemetry({ home, env: {} }).enable();
    const existedBefore = existsSync(join(home, 'telemetry', 'queue'));
    const telemetry = telemetryFor(home, { endpoint: collector.url, env });
    expect(await telemetry.report(failure('spawn npx ENOENT'))).toBe('dropped:consent_off');
    expect(await telemetry.flush(2_000)).toBe(false);
    expect(existsSync(join(home, 'telemetry', 'queue'))).toBe(existedBefore);
    expect(await collector.stored()).toEqual([]);
    expect(await telemetry.status()).toMatchObject({ enabled: false, reason, queued: 0, sent: 0 });
  });

  it('keeps reports while the collector is down, backs off, then delivers each exactly once', async () => {
    const port = await closedPort();
    const home = makeTempDir();
    let clock = 1_800_000_000_000;
    const telemetry = telemetryFor(home, { endpoint: `http://127.0.0.1:${port}`, now: () => clock, random: () => 0.5 });
    await telemetry.enable();
    for (let i = 0; i < 3; i++) await telemetry.report(failure(`MCP error -32000: Connection closed (${i})`));

    expect(await telemetry.flush(2_000)).toBe(false);
    const waiting = await telemetry.status();
    expect(waiting.queued).toBe(3);
    expect(waiting.nextAttemptAt).toBe(clock + 750); // first backoff: 1 s with jitter 0.5 → 750 ms

    const collector = await startCollector(NO_LIMITS, port);
    expect(await telemetry.flush(2_000)).toBe(false); // still inside the backoff: no attempt
    expect(await collector.stored()).toEqual([]);
    clock += 1_000;
    expect(await telemetry.flush(2_000)).toBe(true);
    const stored = await collector.stored();
    expect(stored).toHaveLength(3);
    expect(stored.every((row) => row.n === 1)).toBe(true);
    expect(await telemetry.status()).toMatchObject({ queued: 0, sent: 3, nextAttemptAt: null });
  });

  it('obeys Retry-After on 429 and keeps the batch', async () => {
    const collector = await startCollector({ TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '1', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0' });
    const home = makeTempDir();
    let clock = Date.now();
    const telemetry = telemetryFor(home, { endpoint: collector.url, now: () => clock });
    await telemetry.enable();
    await telemetry.report(failure('first'));
    expect(await telemetry.flush(2_000)).toBe(true);
    await telemetry.report(failure('second'));
    expect(await telemetry.flush(2_000)).toBe(false);
    const status = await telemetry.status();
    expect(status.queued).toBe(1);
    const waitMs = status.nextAttemptAt! - clock;
    expect(waitMs).toBeGreaterThanOrEqual(1_000);
    expect(waitMs).toBeLessThanOrEqual(60_000);
    clock += waitMs - 1;
    expect(await telemetry.flush(2_000)).toBe(false);
    expect((await collector.stored()).map((row) => row.message)).toEqual(['first']);
  });

  it('refuses alone a report the collector would refuse, so it cannot take a whole batch with it', async () => {
    const collector = await startCollector();
    const home = makeTempDir();
    const telemetry = telemetryFor(home, { endpoint: collector.url });
    await telemetry.enable();
    await telemetry.report(failure('before'));
    // A category id the collector's schema refuses.
    expect(await telemetry.report(failure('odd', { diagnosis: { packVersion: 1, category: 'Not A Category', ruleId: null, confidence: 0.1 } }))).toBe('dropped:invalid');
    await telemetry.report(failure('after'));
    expect(await telemetry.flush(2_000)).toBe(true);
    expect(await telemetry.status()).toMatchObject({ queued: 0, sent: 2, dropped: { invalid: 1 } });
    expect((await collector.stored()).map((row) => row.message)).toEqual(['before', 'after']);
  });

  it('drops alone a queued report that is no longer valid (an older client wrote it), and sends the rest', async () => {
    const collector = await startCollector();
    const home = makeTempDir();
    const telemetry = telemetryFor(home, { endpoint: collector.url });
    await telemetry.enable();
    for (const message of ['first', 'second', 'third']) await telemetry.report(failure(message));
    const dir = join(home, 'telemetry', 'queue');
    const second = readdirSync(dir).sort()[1]!;
    const report = JSON.parse(readFileSync(join(dir, second), 'utf8')) as { occurredAt: string };
    writeFileSync(join(dir, second), JSON.stringify({ ...report, occurredAt: '0000-01-01T00:00:00Z' }));
    expect(await telemetry.flush(2_000)).toBe(true);
    expect(await telemetry.status()).toMatchObject({ queued: 0, sent: 2, dropped: { invalid: 1 } });
    expect((await collector.stored()).map((row) => row.message)).toEqual(['first', 'third']);
  });

  it('drops and counts a batch the collector refuses with 400, instead of retrying it forever', async () => {
    // A collector with a stricter schema than this client's: it refuses every batch.
    const refusing = createHttpServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_request","message":"body/reports/0: no"}'));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => refusing.close(() => resolve())) });
    const home = makeTempDir();
    const telemetry = telemetryFor(home, { endpoint: `http://127.0.0.1:${(refusing.address() as { port: number }).port}` });
    await telemetry.enable();
    await telemetry.report(failure('refused'));
    expect(await telemetry.flush(2_000)).toBe(true);
    expect(await telemetry.status()).toMatchObject({ queued: 0, sent: 0, dropped: { rejected: 1 } });
  });

  it('holds at most the queue bound, dropping the oldest and counting them', async () => {
    const home = makeTempDir();
    const telemetry = telemetryFor(home, { endpoint: 'http://127.0.0.1:9', maxQueuedReports: 3 });
    await telemetry.enable();
    for (let i = 0; i < 5; i++) await telemetry.report(failure(`failure ${i}`));
    expect((await telemetry.preview()).map((report) => report.error.message)).toEqual(['failure 2', 'failure 3', 'failure 4']);
    expect(await telemetry.status()).toMatchObject({ queued: 3, dropped: { queue_full: 2 } });
  });

  it('disable withdraws consent and deletes the queue; enable again starts empty with the same install id', async () => {
    const home = makeTempDir();
    const telemetry = telemetryFor(home, { endpoint: 'http://127.0.0.1:9' });
    await telemetry.enable();
    const { installId } = await telemetry.status();
    await telemetry.report(failure('x'));
    await telemetry.disable();
    expect(await telemetry.status()).toMatchObject({ enabled: false, reason: 'disabled', queued: 0 });
    await telemetry.enable();
    expect(await telemetry.status()).toMatchObject({ enabled: true, queued: 0, installId });
    expect(await telemetry.resetInstallId()).not.toBe(installId);
  });

  it('keeps flush within its time limit when the collector never answers', async () => {
    const hanging = createHttpServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => (hanging.closeAllConnections(), hanging.close(() => resolve()))) });
    const home = makeTempDir();
    const telemetry = telemetryFor(home, { endpoint: `http://127.0.0.1:${(hanging.address() as { port: number }).port}` });
    await telemetry.enable();
    await telemetry.report(failure('x'));
    const started = Date.now();
    expect(await telemetry.flush(500)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await telemetry.status()).queued).toBe(1);
  });

  it('never throws when TAPHEAL_HOME cannot be written: each call says so in its result', async () => {
    const blocker = join(makeTempDir(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const telemetry = telemetryFor(join(blocker, 'home'), { hostEnabled: true });
    expect(await telemetry.enable()).toBe(false);
    expect(await telemetry.report(failure('x'))).toMatch(/^dropped:/);
    expect(await telemetry.resetInstallId()).toBeNull();
    // Nothing could be queued, so there is nothing left to send.
    expect(await telemetry.flush(500)).toBe(true);
    expect(await telemetry.status()).toMatchObject({ queued: 0 });
    expect(await telemetry.disable()).toBe(false);
  });
});
