/**
 * What a trainer run writes: reports assigned to clusters by template, then every cluster's counts
 * recomputed from its members, then the gates that turn `pending` clusters into `candidate` ones.
 * Each step is idempotent, so a run that dies half-way is finished by the next one.
 */
import { and, asc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { clusterMemberships, clusters, reports } from '../schema/index.js';

export interface UnassignedReport {
  id: string;
  message: string;
}

/** Reports that no cluster holds yet, in id order after `afterId`. */
export async function unassignedReports(db: Db, afterId: string | null, limit: number): Promise<UnassignedReport[]> {
  return db.orm
    .select({ id: reports.id, message: reports.message })
    .from(reports)
    .leftJoin(clusterMemberships, eq(clusterMemberships.reportId, reports.id))
    .where(and(isNull(clusterMemberships.reportId), afterId ? gt(reports.id, afterId) : undefined))
    .orderBy(asc(reports.id))
    .limit(limit);
}

export interface Assignment {
  reportId: string;
  clusterId: string;
  template: string;
}

/** Creates the clusters new templates need and records each report's cluster, in one transaction. */
export async function assignReports(db: Db, assignments: readonly Assignment[], at: Date): Promise<void> {
  if (assignments.length === 0) return;
  const templates = new Map(assignments.map((a) => [a.clusterId, a.template]));
  await db.transaction(async (tx) => {
    await tx
      .insert(clusters)
      .values([...templates].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, template]) => ({ id, template, firstSeenAt: at, lastSeenAt: at, createdAt: at, updatedAt: at })))
      .onConflictDoNothing({ target: clusters.id });
    await tx
      .insert(clusterMemberships)
      .values(assignments.map(({ reportId, clusterId }) => ({ reportId, clusterId })))
      .onConflictDoNothing({ target: clusterMemberships.reportId });
  });
}

/** Recomputes reports, distinct installs, growth (reports since `growthSince`) and first/last seen. */
export async function refreshClusterCounts(db: Db, runId: string, growthSince: Date, at: Date): Promise<void> {
  await db.orm.execute(sql`
    update ${clusters} as c set
      reports = s.reports, installs = s.installs, growth = s.growth,
      first_seen_at = s.first_seen, last_seen_at = s.last_seen, last_run_id = ${runId}, updated_at = ${at.toISOString()}::timestamptz
    from (
      select m.cluster_id,
             count(*)::int as reports,
             count(distinct r.install_id)::int as installs,
             (count(*) filter (where r.received_at >= ${growthSince.toISOString()}::timestamptz))::int as growth,
             min(r.received_at) as first_seen,
             max(r.received_at) as last_seen
      from ${clusterMemberships} m join ${reports} r on r.id = m.report_id
      group by m.cluster_id
    ) as s
    where s.cluster_id = c.id`);
}

/** Turns pending clusters seen from at least `minInstalls` installs into candidates; returns how many. */
export async function promoteCandidates(db: Db, minInstalls: number, at: Date): Promise<number> {
  const rows = await db.orm
    .update(clusters)
    .set({ status: 'candidate', updatedAt: at })
    .where(and(eq(clusters.status, 'pending'), gte(clusters.installs, minInstalls)))
    .returning({ id: clusters.id });
  return rows.length;
}

export async function countClusters(db: Db): Promise<Record<string, number>> {
  const rows = await db.orm.select({ status: clusters.status, n: sql<number>`count(*)::int` }).from(clusters).groupBy(clusters.status);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}
