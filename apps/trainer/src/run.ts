/**
 * One trainer run against the database: assign new reports to clusters, recount every cluster, and,
 * once enough reports exist, turn clusters seen from enough installs into candidates. Only one run
 * may be running at a time on a database; a second start gets TrainerError TRAINER_BUSY.
 */
import { randomUUID } from 'node:crypto';
import {
  abandonTrainerRuns,
  assignReports,
  countClusters,
  countReports,
  createTrainerRun,
  finishTrainerRun,
  promoteCandidates,
  refreshClusterCounts,
  runningTrainerRun,
  unassignedReports,
  type Db,
} from '@tapheal/db';
import { clusterIdOf, templateOf } from './cluster/template.js';
import { TrainerError } from './errors.js';

/** Reports read and assigned per round trip. */
export const ASSIGN_BATCH_REPORTS = 2_000;
/** A cluster's growth counts the reports it received in this window before the run. */
export const GROWTH_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** A run still `running` after this long belongs to a process that died. */
export const STALE_RUN_MS = 60 * 60 * 1000;

export interface TrainerGates {
  /** No candidates before this many reports exist (TAPHEAL_MIN_REPORTS). */
  minReports: number;
  /** A cluster becomes a candidate once this many distinct installs sent it (TAPHEAL_MIN_CLUSTER_INSTALLS). */
  minClusterInstalls: number;
}

export interface RunStats {
  reports: number;
  assigned: number;
  clusters: Record<string, number>;
  promoted: number;
  gated: boolean;
}

export interface TrainerRunHandle {
  id: string;
  /** Settles when the run has finished; never rejects (a failure is recorded on the run). */
  done: Promise<RunStats | null>;
}

export interface StartTrainerRunOptions extends TrainerGates {
  trigger: string;
  now?: () => Date;
  onProgress?: (progress: { assigned: number }) => void;
  /** Aborting stops the run between batches; it is recorded as failed and the next run carries on. */
  signal?: AbortSignal;
}

/**
 * Records a new run and starts it; resolves once the run is recorded, with a handle whose `done`
 * settles at the end. Throws TrainerError TRAINER_BUSY when another run is going.
 */
export async function startTrainerRun(db: Db, options: StartTrainerRunOptions): Promise<TrainerRunHandle> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  await abandonTrainerRuns(db, new Date(startedAt.getTime() - STALE_RUN_MS), startedAt);
  const id = randomUUID();
  const run = await createTrainerRun(db, { id, trigger: options.trigger, startedAt });
  if (!run) {
    const running = await runningTrainerRun(db);
    throw new TrainerError('TRAINER_BUSY', 'a trainer run is already running', { runningId: running?.id ?? null });
  }
  const done = (async () => {
    try {
      const stats = await trainClusters(db, id, options, now);
      await finishTrainerRun(db, id, { status: 'done', finishedAt: now(), stats });
      return stats;
    } catch (error) {
      const message = options.signal?.aborted ? `aborted: ${String(options.signal.reason?.message ?? options.signal.reason)}` : describeFailure(error);
      await finishTrainerRun(db, id, { status: 'failed', finishedAt: now(), error: message }).catch(() => {});
      return null;
    }
  })();
  return { id, done };
}

async function trainClusters(db: Db, runId: string, options: StartTrainerRunOptions, now: () => Date): Promise<RunStats> {
  let assigned = 0;
  for (let after: string | null = null; ; ) {
    options.signal?.throwIfAborted();
    const batch = await unassignedReports(db, after, ASSIGN_BATCH_REPORTS);
    if (batch.length === 0) break;
    await assignReports(
      db,
      batch.map(({ id, message }) => {
        const template = templateOf(message);
        return { reportId: id, clusterId: clusterIdOf(template), template };
      }),
      now(),
    );
    assigned += batch.length;
    after = batch.at(-1)!.id;
    options.onProgress?.({ assigned });
  }
  const at = now();
  await refreshClusterCounts(db, runId, new Date(at.getTime() - GROWTH_WINDOW_MS), at);
  const reports = await countReports(db);
  const gated = reports < options.minReports;
  const promoted = gated ? 0 : await promoteCandidates(db, options.minClusterInstalls, at);
  return { reports, assigned, clusters: await countClusters(db), promoted, gated };
}

/**
 * What a failed run records (and the API serves): the innermost cause's code and message. Drizzle's
 * wrapper message holds the query's parameters, which can hold report text.
 */
function describeFailure(error: unknown): string {
  let inner = error as { cause?: unknown; message?: string; code?: unknown };
  for (let depth = 0; depth < 5 && inner.cause; depth++) inner = inner.cause as typeof inner;
  const message = inner.message ?? String(inner);
  return typeof inner.code === 'string' ? `${message} (${inner.code})` : message;
}
