/** Clusters for the maintainer API: listing with keyset paging, detail, member reports and labels. */
import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { newestFirst } from './order.js';
import { clusterLabels, clusterMemberships, clusters, reports } from '../schema/index.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/** `merged`: a maintainer merged the cluster into another (`mergedInto`); its reports live there now. */
export const CLUSTER_STATUSES = ['pending', 'candidate', 'confirmed', 'rejected', 'merged'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];
/** The statuses a maintainer may set; `pending` belongs to the trainer's gates. */
export const LABEL_STATUSES = ['candidate', 'confirmed', 'rejected'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];
export const CLUSTER_SORTS = ['reports', 'installs', 'growth', 'recent'] as const;
export type ClusterSort = (typeof CLUSTER_SORTS)[number];

export type ClusterRecord = typeof clusters.$inferSelect;
export type ClusterLabelRecord = typeof clusterLabels.$inferSelect;

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface ListClustersParams {
  limit: number;
  /** A cursor as a previous page handed it out. */
  cursor?: string;
  status?: ClusterStatus;
  sort: ClusterSort;
}

export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('cursor is not one this API handed out');
  }
}

const SORT_COLUMNS = {
  reports: clusters.reports,
  installs: clusters.installs,
  growth: clusters.growth,
  recent: clusters.lastSeenAt,
} as const;

/** Clusters, largest (or fastest-growing, or most recent) first, ties by id; throws InvalidCursorError. */
export async function listClusters(db: Db, params: ListClustersParams): Promise<Page<ClusterRecord>> {
  const column = SORT_COLUMNS[params.sort];
  const where: SQL[] = [];
  if (params.status) where.push(eq(clusters.status, params.status));
  if (params.cursor !== undefined) {
    const key = decodeCursor(params.cursor);
    if (!key) throw new InvalidCursorError();
    const value = params.sort === 'recent' ? new Date(String(key[0])) : Number(key[0]);
    if (value instanceof Date ? Number.isNaN(value.getTime()) : !Number.isFinite(value)) throw new InvalidCursorError();
    where.push(or(lt(column, value as never), and(eq(column, value as never), gt(clusters.id, key[1])))!);
  }
  const rows = await db.orm
    .select()
    .from(clusters)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(column), asc(clusters.id))
    .limit(params.limit + 1);
  const items = rows.slice(0, params.limit);
  const last = items.at(-1);
  const next =
    rows.length > params.limit && last
      ? encodeCursor([params.sort === 'recent' ? last.lastSeenAt.toISOString() : Number(last[params.sort as Exclude<ClusterSort, 'recent'>]), last.id])
      : null;
  return { items, next };
}

export async function getCluster(db: Db, id: string): Promise<ClusterRecord | null> {
  const [row] = await db.orm.select().from(clusters).where(eq(clusters.id, id));
  return row ?? null;
}

export async function clusterLabelHistory(db: Db, id: string): Promise<ClusterLabelRecord[]> {
  return db.orm.select().from(clusterLabels).where(eq(clusterLabels.clusterId, id)).orderBy(asc(clusterLabels.id));
}

export interface ClusterReport {
  id: string;
  message: string;
  occurredAt: Date;
  receivedAt: Date;
  installId: string;
  serverName: string | null;
  phase: string;
}

/** A cluster's reports, newest first; throws InvalidCursorError. */
export async function listClusterReports(db: Db, clusterId: string, params: { limit: number; cursor?: string }): Promise<Page<ClusterReport>> {
  const where: SQL[] = [eq(clusterMemberships.clusterId, clusterId)];
  if (params.cursor !== undefined) where.push(afterReportCursor(params.cursor));
  const rows = await db.orm
    .select({
      id: reports.id,
      message: reports.message,
      occurredAt: reports.occurredAt,
      receivedAt: reports.receivedAt,
      installId: reports.installId,
      serverName: reports.serverName,
      phase: reports.phase,
    })
    .from(clusterMemberships)
    .innerJoin(reports, eq(reports.id, clusterMemberships.reportId))
    .where(and(...where))
    .orderBy(newestFirst(reports.receivedAt), newestFirst(reports.id))
    .limit(params.limit + 1);
  return pageOfReports(rows, params.limit);
}

/** The keyset condition "older than the cursor's report" shared by the report listings. */
export function afterReportCursor(cursor: string): SQL {
  const key = decodeCursor(cursor);
  const at = key ? new Date(String(key[0])) : null;
  if (!key || !at || Number.isNaN(at.getTime())) throw new InvalidCursorError();
  return or(lt(reports.receivedAt, at), and(eq(reports.receivedAt, at), lt(reports.id, key[1])))!;
}

export function pageOfReports<T extends { id: string; receivedAt: Date }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null };
}

export interface ClusterLabel {
  status?: LabelStatus;
  category?: string | null;
  fix?: string | null;
  note?: string | null;
}

/** Who labelled a cluster and how: the review UI names its maintainer; the API leaves `actor` null. */
export interface LabelActor {
  actor: string | null;
  action: string;
  detail?: string | null;
}

/**
 * Applies a maintainer's label and records the resulting state in the label history, in one
 * transaction. Returns null when the cluster does not exist.
 */
export async function labelCluster(db: Db, id: string, label: ClusterLabel, at: Date, by: LabelActor = { actor: null, action: 'label' }): Promise<ClusterRecord | null> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(clusters)
      .set({ ...label, updatedAt: at })
      .where(eq(clusters.id, id))
      .returning();
    if (!updated) return null;
    await tx.insert(clusterLabels).values({
      clusterId: id,
      at,
      status: updated.status,
      category: updated.category,
      fix: updated.fix,
      note: updated.note,
      actor: by.actor,
      action: by.action,
      detail: by.detail ?? null,
    });
    return updated;
  });
}

/** Confirmed clusters with a category: what a new pack is built from. */
export async function confirmedClusters(db: Db): Promise<ClusterRecord[]> {
  return db.orm
    .select()
    .from(clusters)
    .where(and(eq(clusters.status, 'confirmed'), sql`${clusters.category} is not null`))
    .orderBy(desc(clusters.reports), asc(clusters.id));
}

/** Up to `limit` messages of one cluster, newest first, for rule synthesis and evaluation. */
export async function clusterMessages(db: Db, clusterId: string, limit: number): Promise<string[]> {
  const rows = await db.orm
    .select({ message: reports.message })
    .from(clusterMemberships)
    .innerJoin(reports, eq(reports.id, clusterMemberships.reportId))
    .where(eq(clusterMemberships.clusterId, clusterId))
    .orderBy(newestFirst(reports.receivedAt), newestFirst(reports.id))
    .limit(limit);
  return rows.map((row) => row.message);
}
