/**
 * Merging clusters: a maintainer says two templates are one failure. The source's reports move to the
 * target, the source becomes `merged` (it keeps its template and the counts it had, for the record), and
 * a trigger sends reports the trainer assigns to the source later to the target too. Both clusters get a
 * row in the label history.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { clusterLabels, clusterMemberships, clusters } from '../schema/index.js';
import type { ClusterRecord } from './clusters.js';

export type MergeRefusal = 'same_cluster' | 'not_found' | 'target_not_found' | 'already_merged' | 'target_merged';

export type MergeResult = { ok: true; target: ClusterRecord; moved: number } | { ok: false; reason: MergeRefusal };

export interface MergeParams {
  sourceId: string;
  targetId: string;
  actor: string | null;
  at: Date;
  /** A cluster's growth counts its reports received since then (the trainer's growth window). */
  growthSince: Date;
}

export async function mergeClusters(db: Db, { sourceId, targetId, actor, at, growthSince }: MergeParams): Promise<MergeResult> {
  if (sourceId === targetId) return { ok: false, reason: 'same_cluster' };
  return db.transaction(async (tx) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const rows = await tx
      .select()
      .from(clusters)
      .where(inArray(clusters.id, [sourceId, targetId]))
      .orderBy(clusters.id)
      .for('update');
    const source = rows.find((row) => row.id === sourceId);
    const target = rows.find((row) => row.id === targetId);
    if (!source) return { ok: false, reason: 'not_found' };
    if (!target) return { ok: false, reason: 'target_not_found' };
    if (source.status === 'merged') return { ok: false, reason: 'already_merged' };
    if (target.status === 'merged') return { ok: false, reason: 'target_merged' };

    const moved = await tx
      .update(clusterMemberships)
      .set({ clusterId: targetId })
      .where(eq(clusterMemberships.clusterId, sourceId))
      .returning({ reportId: clusterMemberships.reportId });
    // Clusters merged into the source earlier now point at the target: one hop for the trigger.
    await tx.update(clusters).set({ mergedInto: targetId }).where(and(eq(clusters.mergedInto, sourceId), isNotNull(clusters.mergedInto)));
    const [merged] = await tx.update(clusters).set({ status: 'merged', mergedInto: targetId, updatedAt: at }).where(eq(clusters.id, sourceId)).returning();
    await tx.execute(sql`
      update ${clusters} as c set
        reports = s.reports, installs = s.installs, growth = s.growth,
        first_seen_at = coalesce(s.first_seen, c.first_seen_at), last_seen_at = coalesce(s.last_seen, c.last_seen_at),
        updated_at = ${at.toISOString()}::timestamptz
      from (
        select count(*)::int as reports,
               count(distinct r.install_id)::int as installs,
               (count(*) filter (where r.received_at >= ${growthSince.toISOString()}::timestamptz))::int as growth,
               min(r.received_at) as first_seen,
               max(r.received_at) as last_seen
        from cluster_memberships m join reports r on r.id = m.report_id
        where m.cluster_id = ${targetId}
      ) as s
      where c.id = ${targetId}`);
    const [updated] = await tx.select().from(clusters).where(eq(clusters.id, targetId));
    const snapshot = (row: ClusterRecord) => ({ clusterId: row.id, at, status: row.status, category: row.category, fix: row.fix, note: row.note, actor });
    await tx.insert(clusterLabels).values([
      { ...snapshot(merged!), action: 'merged', detail: `merged into ${targetId} with ${moved.length} reports` },
      { ...snapshot(updated!), action: 'merge', detail: `took ${moved.length} reports of ${sourceId}` },
    ]);
    return { ok: true, target: updated!, moved: moved.length };
  });
}

/** The clusters merged into `targetId`, largest first. */
export async function clustersMergedInto(db: Db, targetId: string): Promise<ClusterRecord[]> {
  return db.orm.select().from(clusters).where(eq(clusters.mergedInto, targetId)).orderBy(desc(clusters.reports), asc(clusters.id));
}

/**
 * Clusters merged into a confirmed one, labelled as their target: each keeps a rule of its own in the next
 * pack, so the failure is recognised in both wordings.
 */
export async function mergedIntoConfirmed(db: Db): Promise<(ClusterRecord & { category: string })[]> {
  const target = alias(clusters, 'target');
  const rows = await db.orm
    .select({ source: clusters, category: target.category, fix: target.fix, note: target.note })
    .from(clusters)
    .innerJoin(target, eq(target.id, clusters.mergedInto))
    .where(and(eq(clusters.status, 'merged'), eq(target.status, 'confirmed'), isNotNull(target.category)))
    .orderBy(desc(clusters.reports), asc(clusters.id));
  return rows.map((row) => ({ ...row.source, category: row.category!, fix: row.fix, note: row.note }));
}
