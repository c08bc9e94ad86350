/** The trainer's state between runs (see schema/trainer-state.ts). */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { clusters, trainerState } from '../schema/index.js';

export async function loadTrainerState(db: Db, name: string): Promise<{ version: number; state: unknown } | null> {
  const [row] = await db.orm.select({ version: trainerState.version, state: trainerState.state }).from(trainerState).where(eq(trainerState.name, name));
  return row ?? null;
}

export async function saveTrainerState(db: Db, name: string, version: number, state: unknown, at: Date): Promise<void> {
  await db.orm
    .insert(trainerState)
    .values({ name, version, state, updatedAt: at })
    .onConflictDoUpdate({ target: trainerState.name, set: { version, state, updatedAt: at } });
}

export interface ClusterLabelState {
  id: string;
  status: string;
  category: string | null;
  reports: number;
}

/** The label state of some clusters: the trainer keeps a labelled one when the miner joins clusters. */
export async function clusterLabelStates(db: Db, ids: readonly string[]): Promise<ClusterLabelState[]> {
  if (ids.length === 0) return [];
  return db.orm
    .select({ id: clusters.id, status: clusters.status, category: clusters.category, reports: clusters.reports })
    .from(clusters)
    .where(inArray(clusters.id, [...ids]));
}

/** Gives clusters the template the miner has generalised them to, in one statement (unchanged rows are skipped). */
export async function setClusterTemplates(db: Db, templates: ReadonlyArray<{ id: string; template: string }>, at: Date): Promise<void> {
  if (templates.length === 0) return;
  await db.query(
    `update clusters c set template = v.template, updated_at = $2
       from jsonb_to_recordset($1::jsonb) as v(id text, template text)
      where c.id = v.id and c.template <> v.template`,
    [JSON.stringify(templates), at.toISOString()],
  );
}
