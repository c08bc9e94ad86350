/**
 * Runs the trainer inside the collector process: on demand (POST /v1/trainer/runs) and, when an
 * interval is set, on a schedule. With embedded PGlite this is the only way it runs; on Postgres the
 * `tapheal-trainer run` job may run too, and the database lets only one run go at a time. Closing
 * aborts a run between batches and waits for it to record how it ended.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '@tapheal/db';
import { startTrainerRun, TrainerError, type TrainerGates } from '@tapheal/trainer';

export interface TrainerRunner {
  /** Starts a run; resolves to its id once recorded. Throws TrainerError TRAINER_BUSY. */
  start(trigger: 'api' | 'schedule'): Promise<{ id: string }>;
  close(): Promise<void>;
}

export function createTrainerRunner(options: {
  db: Db;
  gates: TrainerGates;
  intervalMinutes: number;
  log: FastifyBaseLogger;
  now: () => Date;
}): TrainerRunner {
  const { db, gates, log, now } = options;
  const aborter = new AbortController();
  const running = new Set<Promise<unknown>>();
  const start = async (trigger: 'api' | 'schedule') => {
    const handle = await startTrainerRun(db, { ...gates, trigger, now, signal: aborter.signal });
    log.info({ runId: handle.id, trigger }, 'trainer run started');
    const done = handle.done.then((stats) => {
      if (stats) log.info({ runId: handle.id, ...stats }, 'trainer run done');
      else log.warn({ runId: handle.id }, 'trainer run failed');
    });
    running.add(done);
    void done.finally(() => running.delete(done));
    return { id: handle.id };
  };
  const timer =
    options.intervalMinutes > 0
      ? setInterval(() => {
          start('schedule').catch((error: unknown) => {
            if (error instanceof TrainerError) log.info({ code: error.code }, 'scheduled trainer run skipped');
            else log.warn({ err: { code: (error as { code?: string }).code, message: (error as Error).message } }, 'scheduled trainer run could not start');
          });
        }, options.intervalMinutes * 60_000)
      : null;
  timer?.unref();
  return {
    start,
    async close() {
      if (timer) clearInterval(timer);
      aborter.abort(new Error('the collector is shutting down'));
      await Promise.allSettled([...running]);
    },
  };
}
