/**
 * The 202 contract under process death: what the collector answered 202 to is in the database,
 * exactly once, whether the process is SIGKILLed the moment it answers or stopped with SIGTERM while
 * requests are in flight. Runs the real process (server.ts under tsx) on PGlite in a data directory,
 * and on a scratch Postgres database when TEST_DATABASE_URL is set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@tapheal/db';
import type { Report } from '@tapheal/rules';
import { startCollector, stopAllCollectors, type LogLine } from '../helpers/collector-process.js';
import { openScratchPostgres } from '../helpers/db.js';
import { postBody, postReports, settle, type PostAnswer } from '../helpers/post-reports.js';
import { makeReports } from '../helpers/reports.js';
import { checkStoredOnce } from '../helpers/stored-reports.js';

const BATCH_REPORTS = 100;
const WAVES = 4;
const BATCH_PER_WAVE = 5;
const IN_FLIGHT_BATCHES = 8;
/** From SIGTERM to exit, the slow request's deliberate pause included (the collector gives up after 10 s). */
const MAX_SHUTDOWN_MS = 5_000;
/** PGlite's first start in an empty data directory (initdb, migrations) takes a few seconds. */
const TEST_TIMEOUT_MS = 30_000;

/** The database a collector process writes to, and a way to read it once the process is gone. */
interface Store {
  env: Record<string, string>;
  /** PGlite is single-process: open it only after the collector has exited. */
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

async function pgliteStore(): Promise<Store> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tapheal-durability-'));
  let db: Db | undefined;
  return {
    env: { DATA_DIR: dataDir },
    open: async () => (db = await createDb({ dataDir })),
    cleanup: async () => {
      await db?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresStore(): Promise<Store> {
  const scratch = await openScratchPostgres(process.env.TEST_DATABASE_URL!);
  return { env: { DATABASE_URL: scratch.url }, open: async () => scratch, cleanup: () => scratch.close() };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

const ids = (batches: readonly Report[][]) => batches.flat().map((report) => report.id);
const isReportRequest = (line: LogLine) =>
  line.msg === 'incoming request' && (line.req as { url?: string } | undefined)?.url === '/v1/reports';

/** Resolves true once a TCP connect to `url` is refused, false if it is still accepted after `timeoutMs`. */
async function becomesRefused(url: string, timeoutMs: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await sleep(10);
  }
  return false;
}

function durabilitySuite(createStore: () => Promise<Store>) {
  let store: Store;
  beforeEach(async () => {
    store = await createStore();
  });
  afterEach(async () => {
    await stopAllCollectors();
    await store.cleanup();
  });

  it('keeps every batch it answered 202 to when it is SIGKILLed the moment the last 202 arrives', { timeout: TEST_TIMEOUT_MS }, async () => {
    const collector = await startCollector(store.env);
    const batches = Array.from({ length: WAVES * BATCH_PER_WAVE }, () => makeReports(BATCH_REPORTS));
    const answers: PostAnswer[] = [];
    for (let wave = 0; wave < WAVES; wave++) {
      const inWave = batches.slice(wave * BATCH_PER_WAVE, (wave + 1) * BATCH_PER_WAVE);
      let outstanding = inWave.length;
      const isLastWave = wave === WAVES - 1;
      // In the last wave the kill goes out in the same tick as the last answer, before anything else runs.
      const waveAnswers = await Promise.all(
        inWave.map((batch) =>
          postReports(collector.url, batch).then((answer) => {
            if (isLastWave && --outstanding === 0) collector.kill('SIGKILL');
            return answer;
          }),
        ),
      );
      answers.push(...waveAnswers);
    }

    // tsx's wrapper exits 128 + 9 when the server it runs was killed by SIGKILL.
    expect(await collector.exited).toEqual({ code: 137, signal: null });
    expect(answers.map((answer) => answer.status)).toEqual(batches.map(() => 202));
    expect(answers.map((answer) => answer.body)).toEqual(batches.map(() => ({ accepted: BATCH_REPORTS, duplicates: 0 })));
    const db = await store.open();
    expect(await checkStoredOnce(db, ids(batches))).toEqual({ notOnce: [], unexpected: [] });
  });

  it('finishes the requests in flight on SIGTERM, refuses new connections, exits 0 and loses nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    // Decision: a request the server has begun (Fastify logged "incoming request") before SIGTERM must
    // be answered 202 and stored. A connection opened after close began is refused at the TCP level
    // (ECONNREFUSED): the client keeps those reports queued and resends them, so refusing is safe, while
    // a 5xx or a reset for a request already begun would not be. One request is held half sent across
    // the signal, so a request is in flight during the shutdown by construction, not by timing.
    const collector = await startCollector(store.env);
    const slowBatch = makeReports(BATCH_REPORTS);
    const slowBytes = new TextEncoder().encode(JSON.stringify({ reports: slowBatch }));
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const slowBody = new ReadableStream<Uint8Array>({ start: (controller) => void (feed = controller) });
    feed.enqueue(slowBytes.subarray(0, slowBytes.length >> 1));
    let slowSettled = false;
    const slow = settle(postBody(collector.url, slowBody)).finally(() => (slowSettled = true));
    const batches = Array.from({ length: IN_FLIGHT_BATCHES }, () => makeReports(BATCH_REPORTS));
    const fast = batches.map((batch) => settle(postReports(collector.url, batch)));
    await collector.waitForLine(() => collector.stdoutLines.filter(isReportRequest).length >= IN_FLIGHT_BATCHES + 1, 10_000);

    const signalledAt = Date.now();
    collector.kill('SIGTERM');
    const refusedWhileInFlight = await becomesRefused(collector.url, MAX_SHUTDOWN_MS);
    const slowSettledBeforeItsBody = slowSettled;
    feed.enqueue(slowBytes.subarray(slowBytes.length >> 1));
    feed.close();
    const answers = await Promise.all([slow, ...fast]);
    const exit = await Promise.race([collector.exited, sleep(MAX_SHUTDOWN_MS - (Date.now() - signalledAt)).then(() => `still running ${MAX_SHUTDOWN_MS} ms after SIGTERM`)]);

    expect(refusedWhileInFlight).toBe(true);
    expect(slowSettledBeforeItsBody).toBe(false);
    expect(answers).toEqual([slowBatch, ...batches].map(() => ({ status: 202, retryAfter: null, body: { accepted: BATCH_REPORTS, duplicates: 0 } })));
    expect(exit).toEqual({ code: 0, signal: null });
    const db = await store.open();
    expect(await checkStoredOnce(db, ids([slowBatch, ...batches]))).toEqual({ notOnce: [], unexpected: [] });
  });
}

describe('collector durability on PGlite (DATA_DIR)', () => durabilitySuite(pgliteStore));
describe.skipIf(!process.env.TEST_DATABASE_URL)('collector durability on Postgres', () => durabilitySuite(postgresStore));
