/**
 * One trainer run against the database: assign new reports to clusters, recount every cluster, and,
 * once enough reports exist, turn clusters seen from enough installs into candidates. Only one run
 * may be running at a time on a database; a second start gets TrainerError TRAINER_BUSY.
 */
import { randomUUID } from 'node:crypto';
import {
  abandonTrainerRuns,
  assignReports,
  clusterLabelStates,
  loadTrainerState,
  mergeClusters,
  saveTrainerState,
  setClusterTemplates,
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
import { NORMALISER_VERSION } from '@tapheal/rules';
import { reconcileIds, type Merge } from './cluster/stable-ids.js';
import { templateOf } from './cluster/template.js';
import { TrainerError } from './errors.js';
import { isMinerState, type MinerState } from './mine/miner-state.js';
import { createMiner } from './mine/miner.js';
import { suggestCategories } from './suggest/suggest-clusters.js';

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
  /** Unlabelled clusters given a suggested category and the served pack's verdict. */
  suggested: number;
  /** Clusters the miner joined into a labelled or larger one, recorded rather than renumbered. */
  merges: Merge[];
  /** The miner never splits a cluster; kept for the shape the review UI reads. */
  splits: never[];
  /** Clusters the miner would join but maintainers labelled differently: left apart for a person. */
  withheld: Array<{ ids: string[]; template: string }>;
}

/** The trainer's memory between runs (table trainer_state, name `miner`). */
export const TRAINER_STATE_NAME = 'miner';
export const TRAINER_STATE_VERSION = 1;

interface TrainerMemory {
  normaliserVersion: number;
  miner: MinerState;
  /** Miner cluster index → the stable cluster id its reports were given. */
  ids: Record<string, string>;
  /** The miner's final cluster id → the stable id new reports of it go to (after the last run's merges). */
  finals: Record<string, string>;
}

async function loadMemory(db: Db): Promise<TrainerMemory | undefined> {
  const stored = await loadTrainerState(db, TRAINER_STATE_NAME);
  const memory = stored?.state as Partial<TrainerMemory> | undefined;
  // Another shape or another normaliser: templates would differ, so the miner starts afresh (ids already
  // given stay on their reports; new reports of the same failure get the new normaliser's ids).
  if (stored?.version !== TRAINER_STATE_VERSION || memory?.normaliserVersion !== NORMALISER_VERSION || !isMinerState(memory.miner) || typeof memory.ids !== 'object' || memory.ids === null || typeof memory.finals !== 'object' || memory.finals === null) return undefined;
  return memory as TrainerMemory;
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
  const memory = await loadMemory(db);
  const miner = createMiner(memory?.miner);
  const ids: Record<string, string> = { ...memory?.ids };
  // The stable id of each final cluster seen in this run, so that one final template gets one id.
  const idOfFinal = new Map<string, string>(Object.entries(memory?.finals ?? {}));
  const stableIdOf = (index: number): { id: string; template: string } => {
    const final = miner.resolve(index);
    let id = idOfFinal.get(final.clusterId) ?? ids[index] ?? final.clusterId;
    idOfFinal.set(final.clusterId, id);
    ids[index] = id;
    return { id, template: final.template };
  };
  let assigned = 0;
  for (let after: string | null = null; ; ) {
    options.signal?.throwIfAborted();
    const batch = await unassignedReports(db, after, ASSIGN_BATCH_REPORTS);
    if (batch.length === 0) break;
    const joined = batch.map(({ id, message }) => ({ reportId: id, index: miner.add(templateOf(message)).cluster }));
    // A new message may have joined a cluster that already has an id under an older template: find it,
    // so the reports go there at once instead of founding a cluster that the end of the run merges away.
    const unseen = new Set(joined.map(({ index }) => miner.resolve(index).clusterId).filter((finalId) => !idOfFinal.has(finalId)));
    if (unseen.size > 0) {
      for (const [index, id] of Object.entries(ids)) {
        const finalId = miner.resolve(Number(index)).clusterId;
        if (unseen.has(finalId) && !idOfFinal.has(finalId)) idOfFinal.set(finalId, id);
      }
    }
    await assignReports(
      db,
      joined.map(({ reportId, index }) => {
        const { id, template } = stableIdOf(index);
        return { reportId, clusterId: id, template };
      }),
      now(),
    );
    assigned += batch.length;
    after = batch.at(-1)!.id;
    options.onProgress?.({ assigned });
  }

  // Clusters the miner has joined since they got their ids: keep one id, record merges for the rest.
  const groups = new Map<string, { template: string; ids: Set<string> }>();
  for (const [index, id] of Object.entries(ids)) {
    const final = miner.resolve(Number(index));
    const group = groups.get(final.clusterId) ?? { template: final.template, ids: new Set<string>() };
    group.ids.add(id);
    groups.set(final.clusterId, group);
  }
  const labels = await clusterLabelStates(db, [...new Set(Object.values(ids))]);
  const { survivorOf, merges, withheld } = reconcileIds(groups, labels);
  const at = now();
  const growthSince = new Date(at.getTime() - GROWTH_WINDOW_MS);
  const applied: Merge[] = [];
  for (const merge of merges) {
    const result = await mergeClusters(db, { sourceId: merge.from, targetId: merge.into, actor: 'trainer', at, growthSince });
    if (result.ok || result.reason === 'already_merged') applied.push(merge);
  }
  const merged = new Set(applied.map((merge) => merge.from));
  for (const [index, id] of Object.entries(ids)) {
    const survivor = survivorOf.get(miner.resolve(Number(index)).clusterId);
    if (survivor !== undefined && merged.has(id)) ids[index] = survivor;
  }
  await setClusterTemplates(db, [...groups].map(([finalId, group]) => ({ id: survivorOf.get(finalId)!, template: group.template })), at);
  await saveTrainerState(db, TRAINER_STATE_NAME, TRAINER_STATE_VERSION, { normaliserVersion: NORMALISER_VERSION, miner: miner.state(), ids, finals: Object.fromEntries(survivorOf) } satisfies TrainerMemory, at);

  await refreshClusterCounts(db, runId, growthSince, at);
  const reports = await countReports(db);
  const gated = reports < options.minReports;
  const promoted = gated ? 0 : await promoteCandidates(db, options.minClusterInstalls, at);
  // Nothing is proposed before the gate opens: no suggestions either.
  const suggested = gated ? 0 : (await suggestCategories(db)).clusters;
  return { reports, assigned, clusters: await countClusters(db), promoted, gated, suggested, merges: applied, splits: [], withheld };
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
