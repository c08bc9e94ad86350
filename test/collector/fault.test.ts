/**
 * The database goes away under a running collector and comes back. The shared Postgres server keeps
 * running (other test files use it): the collector reaches its scratch database through a TCP proxy,
 * and the test cuts the proxy, at a moment when one batch is certainly inside its insert (the test holds
 * a lock that insert waits for). While it is cut the collector answers 503 with Retry-After and stays up;
 * once restored it answers 202 again, and nothing it answered 202 to is missing or doubled. A 503'd
 * batch may or may not have been committed (the cut can fall between COMMIT and its answer), so it is
 * resent, as a client would, and then stored exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@tapheal/db';
import type { Report } from '@tapheal/rules';
import { startCollector, stopAllCollectors, type CollectorProcess } from '../helpers/collector-process.js';
import { openScratchPostgres } from '../helpers/db.js';
import { postReports, settle, type PostAnswer, type SettledAnswer } from '../helpers/post-reports.js';
import { makeReports } from '../helpers/reports.js';
import { checkStoredOnce } from '../helpers/stored-reports.js';
import { holdReportId, type HeldReportId } from '../helpers/row-lock.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const BATCH_REPORTS = 20;
const SENDERS = 2;
const ANSWERS_PER_PHASE = 5;
/** Refusals to see while the database is cut: more than one, so reconnect attempts that fail are covered too. */
const REFUSALS_WHILE_CUT = 3;
const PHASE_TIMEOUT_MS = 10_000;
const START_BACKOFF_MS = 25;
const MAX_BACKOFF_MS = 400;

interface Outcome {
  batch: Report[];
  answer: SettledAnswer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const statusOf = (outcome: Outcome) => ('status' in outcome.answer ? outcome.answer.status : outcome.answer.error);

/** Polls `condition` until it holds; fails with `describe()` after `timeoutMs`, or at once if the collector died. */
async function waitFor(collector: CollectorProcess, what: string, condition: () => boolean, describe: () => string, timeoutMs = PHASE_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (!isAlive(collector)) throw new Error(`the collector exited (code ${collector.child.exitCode}) while waiting for ${what}: ${describe()}\n--- stderr ---\n${collector.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${describe()}`);
    await sleep(10);
  }
}

const isAlive = (collector: CollectorProcess) => collector.child.exitCode === null && collector.child.signalCode === null;

/** GET /health; a failed connection becomes an error that says whether the collector died, and why. */
async function getHealth(collector: CollectorProcess): Promise<Response> {
  try {
    return await fetch(new URL('/health', collector.url));
  } catch (error) {
    await Promise.race([collector.exited, sleep(1_000)]);
    throw new Error(`GET /health failed; collector alive: ${isAlive(collector)}\n--- stderr ---\n${collector.stderr()}`, { cause: error });
  }
}

/** Sends batches one after another until stopped, backing off (not by Retry-After: the test is short) after a refusal. */
function startSender(url: string, outcomes: Outcome[], isStopped: () => boolean): Promise<void> {
  return (async () => {
    let backoffMs = START_BACKOFF_MS;
    while (!isStopped()) {
      const batch = makeReports(BATCH_REPORTS);
      const answer = await settle(postReports(url, batch));
      outcomes.push({ batch, answer });
      if ('status' in answer && answer.status === 202) {
        backoffMs = START_BACKOFF_MS;
      } else {
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
  })();
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('collector with its Postgres cut off mid-stream', () => {
  let scratch: Db & { url: string };
  let proxy: TcpProxy;
  let collector: CollectorProcess;
  beforeEach(async () => {
    scratch = await openScratchPostgres(process.env.TEST_DATABASE_URL!);
    const { hostname, port } = new URL(scratch.url);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 5432) });
    // It migrates on start, so it starts while the proxy forwards.
    collector = await startCollector({ DATABASE_URL: throughProxy(scratch.url, proxy) });
  }, 30_000);
  afterEach(async () => {
    await stopAllCollectors();
    await proxy?.close();
    await scratch?.close();
  });

  it('answers 503 with Retry-After while the database is gone, stays up, resumes 202 and loses nothing it accepted', { timeout: 30_000 }, async () => {
    const outcomes: Outcome[] = [];
    let stopped = false;
    const summary = () => JSON.stringify(outcomes.map(statusOf));
    const count = (from: number, status: number) => outcomes.slice(from).filter((outcome) => statusOf(outcome) === status).length;
    const senders = Array.from({ length: SENDERS }, () => startSender(collector.url, outcomes, () => stopped));
    let cutAt = 0;
    let restoredAt = 0;
    let healthWhileCut: Response | undefined;
    let aliveWhileCut = false;
    // One batch is certain to be mid-statement, inside its transaction, when the cut comes: the test
    // holds the lock on its first id, so its insert waits until the test lets go.
    const heldBatch = makeReports(BATCH_REPORTS);
    let heldAnswer: Outcome['answer'] | undefined;
    let held: HeldReportId | undefined;
    try {
      await waitFor(collector, '202s before the cut', () => count(0, 202) >= ANSWERS_PER_PHASE, summary);
      held = await holdReportId(scratch.url, heldBatch[0]!.id);
      void settle(postReports(collector.url, heldBatch)).then((answer) => outcomes.push({ batch: heldBatch, answer: (heldAnswer = answer) }));
      await held.waitUntilBlocking(1);
      proxy.cut();
      cutAt = outcomes.length;
      await waitFor(collector, 'the held batch and 503s after the cut', () => heldAnswer !== undefined && count(cutAt, 503) >= REFUSALS_WHILE_CUT, summary);
      healthWhileCut = await getHealth(collector);
      aliveWhileCut = isAlive(collector);
      await held.release();
      proxy.restore();
      restoredAt = outcomes.length;
      await waitFor(collector, '202s after the restore', () => count(restoredAt, 202) >= ANSWERS_PER_PHASE, summary);
    } finally {
      stopped = true;
      await Promise.all(senders);
      await held?.release();
    }
    const healthAfter = await getHealth(collector);

    // Every answer was a 202 or a 503: no 500 (an unrecognised driver error), no reset connection.
    expect(new Set(outcomes.map(statusOf))).toEqual(new Set([202, 503]));
    expect(heldAnswer).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^[1-9]\d*$/) });
    const refused = outcomes.filter((outcome) => statusOf(outcome) === 503);
    expect(refused.map((outcome) => (outcome.answer as PostAnswer).retryAfter)).toEqual(refused.map(() => expect.stringMatching(/^[1-9]\d*$/)));
    expect(healthWhileCut?.status).toBe(503);
    expect(healthWhileCut?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(aliveWhileCut).toBe(true);
    expect(healthAfter.status).toBe(200);

    const accepted = outcomes.filter((outcome) => statusOf(outcome) === 202);
    const acceptedIds = accepted.flatMap((outcome) => outcome.batch.map((report) => report.id));
    const sentIds = new Set(outcomes.flatMap((outcome) => outcome.batch.map((report) => report.id)));
    const beforeResend = await checkStoredOnce(scratch, acceptedIds);
    expect(beforeResend.notOnce).toEqual([]);
    // Stored ids beyond the accepted ones can only come from 503'd batches whose commit landed.
    expect(beforeResend.unexpected.filter((id) => !sentIds.has(id))).toEqual([]);

    const resent = await Promise.all(refused.map((outcome) => postReports(collector.url, outcome.batch)));
    expect(resent.map((answer) => answer.status)).toEqual(refused.map(() => 202));
    const resentTotals = resent.map((answer) => {
      const { accepted: stored, duplicates } = answer.body as { accepted: number; duplicates: number };
      return stored + duplicates;
    });
    expect(resentTotals).toEqual(refused.map(() => BATCH_REPORTS));
    expect(await checkStoredOnce(scratch, sentIds)).toEqual({ notOnce: [], unexpected: [] });
  });
});
