/**
 * The anonymiser pool on real worker threads: the same output as anonymising in place, in order, and no
 * batch lost or left waiting when a thread fails a batch, dies, never starts, or is stopped mid-batch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anonymiseMessage } from '@tapheal/rules';
import { createAnonymiser, type Anonymiser } from '../../../apps/collector/src/services/anonymiser-pool.js';
import { readMcpErrors } from '../../helpers/shared-data.js';

const MESSAGES = readMcpErrors().map(({ message }) => message);
const workerUrl = (name: string) => new URL(`./workers/${name}.mjs`, import.meta.url);

function recordingLog() {
  const entries: { level: 'warn' | 'error'; message: string; details: object }[] = [];
  return {
    entries,
    warn: (details: object, message: string) => void entries.push({ level: 'warn', message, details }),
    error: (details: object, message: string) => void entries.push({ level: 'error', message, details }),
  };
}

const batchesOf = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

describe('createAnonymiser', () => {
  let pool: Anonymiser | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it.each([0, 1, 2])('with %i threads gives what anonymiseMessage gives, batch by batch and in order', async (threads) => {
    pool = createAnonymiser({ threads, log: recordingLog() });
    await pool.ready;
    expect(pool.threads).toBe(threads);
    const batches = batchesOf([...MESSAGES, ...MESSAGES], 7);
    const answers = await Promise.all(batches.map((batch) => pool!.anonymise(batch)));
    expect(answers).toEqual(batches.map((batch) => batch.map(anonymiseMessage)));
    expect(answers.flat().some((message, i) => message !== [...MESSAGES, ...MESSAGES][i])).toBe(true);
  });

  it('anonymises on the calling thread a batch its thread failed, and says so', async () => {
    const log = recordingLog();
    const handBacks: [string, number][] = [];
    pool = createAnonymiser({ threads: 1, log, workerUrl: workerUrl('failing'), onHandBack: (reason, batches) => void handBacks.push([reason, batches]) });
    await pool.ready;
    expect(await pool.anonymise(MESSAGES.slice(0, 5))).toEqual(MESSAGES.slice(0, 5).map(anonymiseMessage));
    expect(handBacks).toEqual([['failed', 1]]);
    expect(log.entries.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'warn', message: 'an anonymiser thread failed a batch; anonymised on the request thread' },
    ]);
  });

  it('answers the batches of a thread that dies, and replaces the thread', async () => {
    const log = recordingLog();
    const handedBack: number[] = [];
    pool = createAnonymiser({ threads: 2, log, workerUrl: workerUrl('crashing'), onHandBack: (reason, batches) => void (reason === 'died' && handedBack.push(batches)) });
    await pool.ready;
    const batches = batchesOf(MESSAGES, 10);
    expect(await Promise.all(batches.map((batch) => pool!.anonymise(batch)))).toEqual(batches.map((batch) => batch.map(anonymiseMessage)));
    // Every batch went to a thread that died with it pending: all of them were handed back, and counted.
    expect(handedBack.reduce((sum, n) => sum + n, 0)).toBe(batches.length);
    expect(log.entries.some(({ level, message }) => level === 'error' && message === 'an anonymiser thread died; its batches were anonymised on the request thread')).toBe(true);
    await expect.poll(() => pool!.threads, { timeout: 5_000 }).toBe(2);
  });

  it('goes on without a thread that cannot start, and says why', async () => {
    const log = recordingLog();
    pool = createAnonymiser({ threads: 2, log, workerUrl: workerUrl('broken') });
    await pool.ready;
    expect(pool.threads).toBe(0);
    expect(await pool.anonymise(MESSAGES.slice(0, 3))).toEqual(MESSAGES.slice(0, 3).map(anonymiseMessage));
    const startFailures = log.entries.filter(({ message }) => message === 'an anonymiser thread could not start');
    expect(startFailures.map(({ details }) => details)).toEqual([
      { error: 'cannot load on purpose', started: false },
      { error: 'cannot load on purpose', started: false },
    ]);
  });

  it('ends a thread that never becomes ready, answers what was sent to it, and goes on without it', async () => {
    const log = recordingLog();
    pool = createAnonymiser({ threads: 1, log, workerUrl: workerUrl('never-ready'), startTimeoutMs: 300 });
    const sent = pool.anonymise(MESSAGES.slice(0, 3));
    await pool.ready;
    expect(await sent).toEqual(MESSAGES.slice(0, 3).map(anonymiseMessage));
    expect(pool.threads).toBe(0);
    expect(log.entries.map(({ message, details }) => ({ message, details }))).toEqual([
      { message: 'an anonymiser thread could not start', details: { error: 'not ready within 300 ms', started: false } },
    ]);
  });

  it('on close answers the batches still pending, and afterwards works on the calling thread', async () => {
    pool = createAnonymiser({ threads: 1, log: recordingLog(), workerUrl: workerUrl('silent') });
    await pool.ready;
    const pending = pool.anonymise(MESSAGES.slice(0, 4));
    await pool.close();
    expect(await pending).toEqual(MESSAGES.slice(0, 4).map(anonymiseMessage));
    expect(pool.threads).toBe(0);
    expect(await pool.anonymise(MESSAGES.slice(4, 6))).toEqual(MESSAGES.slice(4, 6).map(anonymiseMessage));
  });
});
