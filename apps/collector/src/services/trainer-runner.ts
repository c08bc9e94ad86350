/**
 * Runs the trainer inside the collector process: on demand (POST /v1/trainer/runs) and, when an
 * interval is set, on a schedule. With embedded PGlite this is the only way it runs; on Postgres the
 * `tapheal-trainer run` job may run too, and the database lets only one run go at a time. Closing
 * aborts a run between batches and waits for it to record how it ended. Around each run it measures
 * what changed in the clusters (trainer_run_changes) and keeps the run's progress for the review UI.
 */
import type { FastifyBaseLogger } from 'fastify';
import { clusterSizes, recordRunChanges, type Db } from '@tapheal/db';
import { startTrainerRun, TrainerError, type TrainerGates } from '@tapheal/trainer';
import { diffClusterSizes } from './cluster-diff.js';

export type TrainerTrigger = 'api' | 'schedule' | 'ui';

export interface TrainerRunner {
  /** Starts a run; resolves to its id once recorded. Throws TrainerError TRAINER_BUSY. */
  start(trigger: TrainerTrigger): Promise<{ id: string }>;
  /** How far a run this process started has got: reports assigned so far; null when not running here. */
  progress(id: string): { assigned: number } | null;
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
  const progress = new Map<string, { assigned: number }>();
  const start = async (trigger: TrainerTrigger) => {
    // Cluster sizes before and after the run give what it changed (new, grown, shrunk, gone).
    const before = await clusterSizes(db);
    const counter = { assigned: 0 };
    const handle = await startTrainerRun(db, { ...gates, trigger, now, signal: aborter.signal, onProgress: ({ assigned }) => (counter.assigned = assigned) });
    progress.set(handle.id, counter);
    log.info({ runId: handle.id, trigger }, 'trainer run started');
    const done = handle.done.then(async (stats) => {
      if (stats) {
        try {
          await recordRunChanges(db, handle.id, diffClusterSizes(before, await clusterSizes(db)), now());
        } catch (error) {
          log.warn({ runId: handle.id, err: { message: (error as Error).message } }, 'could not record what the run changed');
        }
        log.info({ runId: handle.id, ...stats }, 'trainer run done');
      } else log.warn({ runId: handle.id }, 'trainer run failed');
      progress.delete(handle.id);
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
    progress: (id) => progress.get(id) ?? null,
    async close() {
      if (timer) clearInterval(timer);
      aborter.abort(new Error('the collector is shutting down'));
      await Promise.allSettled([...running]);
    },
  };
}
