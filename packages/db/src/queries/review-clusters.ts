/**
 * Clusters as the review UI lists and shows them: filtered by status, category and template text, sorted
 * either way with keyset paging, and one cluster's breakdowns and trend. Every query reads clusters or one
 * cluster's members, never the whole reports table.
 */
import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { clusters } from '../schema/index.js';
import { InvalidCursorError, type ClusterRecord, type ClusterSort, type ClusterStatus, type Page } from './clusters.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface ReviewClusterFilter {
  /** A status; without one, every cluster but the merged ones. */
  status?: ClusterStatus;
  /** A category id, or null for clusters without one; undefined for any. */
  category?: string | null;
  /** Text the template contains (case-insensitive). */
  search?: string;
  /** Only these ids (the caller filtered on something computed, such as the suggested category). */
  ids?: readonly string[];
}

export interface ListReviewClustersParams extends ReviewClusterFilter {
  limit: number;
  cursor?: string;
  sort: ClusterSort;
  direction: 'asc' | 'desc';
}

const SORT_COLUMNS = { reports: clusters.reports, installs: clusters.installs, growth: clusters.growth, recent: clusters.lastSeenAt } as const;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterWhere(filter: ReviewClusterFilter): SQL[] {
  const where: SQL[] = [filter.status ? eq(clusters.status, filter.status) : ne(clusters.status, 'merged')];
  if (filter.category === null) where.push(isNull(clusters.category));
  else if (filter.category !== undefined) where.push(eq(clusters.category, filter.category));
  if (filter.search) where.push(ilike(clusters.template, `%${escapeLike(filter.search)}%`));
  if (filter.ids) where.push(filter.ids.length > 0 ? inArray(clusters.id, [...filter.ids]) : sql`false`);
  return where;
}

/** One page of clusters; ties are broken by id ascending in either direction. Throws InvalidCursorError. */
export async function listReviewClusters(db: Db, params: ListReviewClustersParams): Promise<Page<ClusterRecord>> {
  const column = SORT_COLUMNS[params.sort];
  const where = filterWhere(params);
  if (params.cursor !== undefined) {
    const key = decodeCursor(params.cursor);
    if (!key) throw new InvalidCursorError();
    const value = params.sort === 'recent' ? new Date(String(key[0])) : Number(key[0]);
    if (value instanceof Date ? Number.isNaN(value.getTime()) : !Number.isFinite(value)) throw new InvalidCursorError();
    const beyond = params.direction === 'desc' ? lt(column, value as never) : gt(column, value as never);
    where.push(or(beyond, and(eq(column, value as never), gt(clusters.id, key[1])))!);
  }
  const rows = await db.orm
    .select()
    .from(clusters)
    .where(and(...where))
    .orderBy(params.direction === 'desc' ? desc(column) : asc(column), asc(clusters.id))
    .limit(params.limit + 1);
  const items = rows.slice(0, params.limit);
  const last = items.at(-1);
  const sortValue = (row: ClusterRecord) => (params.sort === 'recent' ? row.lastSeenAt.toISOString() : Number(row[params.sort as Exclude<ClusterSort, 'recent'>]));
  return { items, next: rows.length > params.limit && last ? encodeCursor([sortValue(last), last.id]) : null };
}

export async function countReviewClusters(db: Db, filter: ReviewClusterFilter): Promise<number> {
  const [row] = await db.orm.select({ n: sql<number>`count(*)::int` }).from(clusters).where(and(...filterWhere(filter)));
  return Number(row?.n ?? 0);
}

/** Id and template of every cluster the filter keeps, for filters computed outside the database. */
export async function reviewClusterTemplates(db: Db, filter: ReviewClusterFilter): Promise<{ id: string; template: string }[]> {
  return db.orm.select({ id: clusters.id, template: clusters.template }).from(clusters).where(and(...filterWhere(filter)));
}

/** The categories clusters carry, with how many clusters carry each. */
export async function clusterCategoryCounts(db: Db): Promise<{ category: string; clusters: number }[]> {
  const rows = await db.orm
    .select({ category: clusters.category, n: sql<number>`count(*)::int` })
    .from(clusters)
    .where(sql`${clusters.category} is not null`)
    .groupBy(clusters.category)
    .orderBy(clusters.category);
  return rows.map((row) => ({ category: row.category!, clusters: Number(row.n) }));
}

export interface Breakdown {
  key: string;
  reports: number;
}

export interface ClusterBreakdowns {
  platforms: Breakdown[];
  runtimes: Breakdown[];
  servers: Breakdown[];
  phases: Breakdown[];
  /** The category each report's client diagnosed, with the pack it used. */
  diagnoses: Breakdown[];
}

const BREAKDOWN_SQL = `
  with members as materialized (
    select r.platform_os, r.platform_arch, r.platform_runtime, r.platform_runtime_version, r.server_name, r.phase, r.diagnosis
    from cluster_memberships m join reports r on r.id = m.report_id
    where m.cluster_id = $1)
  (select 'platforms' as kind, platform_os || ' ' || platform_arch as key, count(*)::int as n from members group by 2 order by 3 desc, 2 limit $2)
  union all
  (select 'runtimes', platform_runtime || ' ' || split_part(platform_runtime_version, '.', 1), count(*)::int from members group by 2 order by 3 desc, 2 limit $2)
  union all
  (select 'servers', coalesce(server_name, '(no server named)'), count(*)::int from members group by 2 order by 3 desc, 2 limit $2)
  union all
  (select 'phases', phase, count(*)::int from members group by 2 order by 3 desc, 2 limit $2)
  union all
  (select 'diagnoses', coalesce((diagnosis->>'category') || ' (pack v' || (diagnosis->>'packVersion') || ')', '(no diagnosis)'), count(*)::int
     from members group by 2 order by 3 desc, 2 limit $2)`;

/** How one cluster's reports split by platform, runtime, server, phase and client diagnosis (top `limit` each). */
export async function clusterBreakdowns(db: Db, clusterId: string, limit: number): Promise<ClusterBreakdowns> {
  const rows = await db.query<{ kind: keyof ClusterBreakdowns; key: string; n: number }>(BREAKDOWN_SQL, [clusterId, limit]);
  const out: ClusterBreakdowns = { platforms: [], runtimes: [], servers: [], phases: [], diagnoses: [] };
  for (const row of rows) out[row.kind].push({ key: row.key, reports: Number(row.n) });
  return out;
}

/** Reports per UTC day received by one cluster since `since` (days without reports are absent). */
export async function clusterTrend(db: Db, clusterId: string, since: Date): Promise<{ day: string; reports: number }[]> {
  const rows = await db.query<{ day: string; n: number }>(
    `select to_char(date_trunc('day', r.received_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*)::int as n
     from cluster_memberships m join reports r on r.id = m.report_id
     where m.cluster_id = $1 and r.received_at >= $2::timestamptz
     group by 1 order by 1`,
    [clusterId, since.toISOString()],
  );
  return rows.map((row) => ({ day: row.day, reports: Number(row.n) }));
}

/** Clusters by id, for naming the clusters a page refers to. */
export async function clustersByIds(db: Db, ids: readonly string[]): Promise<ClusterRecord[]> {
  if (ids.length === 0) return [];
  return db.orm.select().from(clusters).where(inArray(clusters.id, [...ids]));
}
