/**
 * What a trainer run changed, as the collector measures it around the runs it starts: cluster sizes
 * before and after, kept in trainer_run_changes. Runs started elsewhere (the trainer CLI) have no row.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { trainerRunChanges, trainerRuns } from '../schema/index.js';

/** Every cluster's report count, merged ones aside. */
export async function clusterSizes(db: Db): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; reports: number }>("select id, reports from clusters where status <> 'merged'");
  return new Map(rows.map((row) => [row.id, Number(row.reports)]));
}

export async function recordRunChanges(db: Db, runId: string, diff: unknown, at: Date): Promise<void> {
  await db.orm.insert(trainerRunChanges).values({ runId, recordedAt: at, diff }).onConflictDoNothing({ target: trainerRunChanges.runId });
}

export async function getRunChanges(db: Db, runId: string): Promise<{ recordedAt: Date; diff: unknown } | null> {
  const [row] = await db.orm.select({ recordedAt: trainerRunChanges.recordedAt, diff: trainerRunChanges.diff }).from(trainerRunChanges).where(eq(trainerRunChanges.runId, runId));
  return row ?? null;
}

/** Reports no cluster holds yet: what the next trainer run will assign. */
export async function reportsWithoutCluster(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('select ((select count(*) from reports) - (select count(*) from cluster_memberships))::int as n');
  return Math.max(0, Number(row?.n ?? 0));
}

/** Records which maintainer started a run from the review UI. */
export async function recordRunStarter(db: Db, runId: string, actor: string): Promise<void> {
  await db.orm.update(trainerRuns).set({ startedBy: actor }).where(eq(trainerRuns.id, runId));
}
