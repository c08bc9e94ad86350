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

/** One example message of each unlabelled cluster (pending or candidate), for the trainer's suggestions. */
export async function unlabelledClusterExamples(db: Db): Promise<Array<{ id: string; template: string; message: string }>> {
  return db.query<{ id: string; template: string; message: string }>(
    `select distinct on (c.id) c.id, c.template, r.message
       from clusters c
       join cluster_memberships m on m.cluster_id = c.id
       join reports r on r.id = m.report_id
      where c.status in ('pending', 'candidate')
      order by c.id, m.report_id`,
  );
}

/** Up to `perCluster` messages of every confirmed cluster, with its category: what the suggester learns from. */
export async function labelledExamples(db: Db, perCluster: number): Promise<Array<{ category: string; message: string }>> {
  return db.query<{ category: string; message: string }>(
    `select category, message from (
       select c.category, r.message, row_number() over (partition by c.id order by m.report_id) as n
         from clusters c
         join cluster_memberships m on m.cluster_id = c.id
         join reports r on r.id = m.report_id
        where c.status = 'confirmed' and c.category is not null
     ) ranked
     where n <= $1`,
    [perCluster],
  );
}

export interface ClusterSuggestion {
  id: string;
  suggestedCategory: string | null;
  suggestedConfidence: number | null;
  looksNew: boolean | null;
  packCategory: string;
  packConfidence: number;
}

/** Stores the trainer's suggestions, in one statement. */
export async function setClusterSuggestions(db: Db, rows: readonly ClusterSuggestion[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `update clusters c
        set suggested_category = v."suggestedCategory", suggested_confidence = v."suggestedConfidence", looks_new = v."looksNew",
            pack_category = v."packCategory", pack_confidence = v."packConfidence"
       from jsonb_to_recordset($1::jsonb) as v(id text, "suggestedCategory" text, "suggestedConfidence" double precision, "looksNew" boolean, "packCategory" text, "packConfidence" double precision)
      where c.id = v.id`,
    [JSON.stringify(rows)],
  );
}
