/** Trainer runs: a row per run, so the API can answer "how is run X doing" from any replica. */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { trainerRuns } from '../schema/index.js';

export const TRAINER_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type TrainerRunStatus = (typeof TRAINER_RUN_STATUSES)[number];
export type TrainerRunRecord = typeof trainerRuns.$inferSelect;

/** Starts a run; null when another run is already running (the partial unique index decides). */
export async function createTrainerRun(db: Db, run: { id: string; trigger: string; startedAt: Date }): Promise<TrainerRunRecord | null> {
  const [row] = await db.orm.insert(trainerRuns).values({ ...run, status: 'running' }).onConflictDoNothing().returning();
  return row ?? null;
}

export async function runningTrainerRun(db: Db): Promise<TrainerRunRecord | null> {
  const [row] = await db.orm.select().from(trainerRuns).where(eq(trainerRuns.status, 'running'));
  return row ?? null;
}

/**
 * Marks runs still `running` that started before `startedBefore` as failed: their process died. The
 * collector calls it on start in embedded mode (nothing else can be running then) and before each run.
 */
export async function abandonTrainerRuns(db: Db, startedBefore: Date, at: Date): Promise<number> {
  const rows = await db.orm
    .update(trainerRuns)
    .set({ status: 'failed', finishedAt: at, error: 'abandoned: the process running it stopped' })
    .where(and(eq(trainerRuns.status, 'running'), lt(trainerRuns.startedAt, startedBefore)))
    .returning({ id: trainerRuns.id });
  return rows.length;
}

export async function finishTrainerRun(
  db: Db,
  id: string,
  outcome: { status: Exclude<TrainerRunStatus, 'running'>; finishedAt: Date; error?: string | null; stats?: unknown },
): Promise<void> {
  await db.orm
    .update(trainerRuns)
    .set({ status: outcome.status, finishedAt: outcome.finishedAt, error: outcome.error ?? null, stats: outcome.stats ?? null })
    .where(eq(trainerRuns.id, id));
}

export async function getTrainerRun(db: Db, id: string): Promise<TrainerRunRecord | null> {
  const [row] = await db.orm.select().from(trainerRuns).where(eq(trainerRuns.id, id));
  return row ?? null;
}

export async function listTrainerRuns(db: Db, limit: number): Promise<TrainerRunRecord[]> {
  return db.orm.select().from(trainerRuns).orderBy(desc(trainerRuns.startedAt)).limit(limit);
}
