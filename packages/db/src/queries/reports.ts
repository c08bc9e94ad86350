/** Queries on reports and installs, in the `(db, params)` style both apps share. */
import { desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Report } from '@tapheal/rules';
import type { Db } from '../client.js';
import { clusterMemberships, installs, reports } from '../schema/index.js';
import { afterReportCursor, pageOfReports, type Page } from './clusters.js';

export interface InsertReportsResult {
  accepted: number;
  duplicates: number;
}

export type ReportRow = typeof reports.$inferInsert;

export function toReportRow(report: Report, receivedAt: Date): ReportRow {
  return {
    id: report.id,
    receivedAt,
    occurredAt: new Date(report.occurredAt),
    installId: report.installId,
    schema: report.schema,
    clientName: report.client.name,
    clientVersion: report.client.version,
    platformOs: report.platform.os,
    platformArch: report.platform.arch,
    platformRuntime: report.platform.runtime,
    platformRuntimeVersion: report.platform.runtimeVersion,
    serverName: report.server?.name ?? null,
    serverVersion: report.server?.version ?? null,
    serverTransport: report.server?.transport ?? null,
    phase: report.phase,
    message: report.error.message,
    errorCode: report.error.code ?? null,
    exitCode: report.error.exitCode ?? null,
    signal: report.error.signal ?? null,
    diagnosis: report.diagnosis ?? null,
    healing: report.healing ?? null,
  };
}

/**
 * Stores a batch in one transaction: each id once (a retried batch counts its duplicates), and the
 * installs it came from. It resolves only after the commit.
 */
export async function insertReports(db: Db, batch: readonly Report[], receivedAt: Date): Promise<InsertReportsResult> {
  return db.orm.transaction(async (tx) => {
    const inserted = await tx
      .insert(reports)
      .values(batch.map((report) => toReportRow(report, receivedAt)))
      .onConflictDoNothing({ target: reports.id })
      .returning({ installId: reports.installId });
    const perInstall = new Map<string, number>();
    for (const { installId } of inserted) perInstall.set(installId, (perInstall.get(installId) ?? 0) + 1);
    if (perInstall.size > 0) {
      // Sorted, so that concurrent batches lock install rows in the same order and cannot deadlock.
      const rows = [...perInstall].sort(([a], [b]) => (a < b ? -1 : 1));
      await tx
        .insert(installs)
        .values(rows.map(([installId, count]) => ({ installId, firstSeenAt: receivedAt, lastSeenAt: receivedAt, reports: count })))
        .onConflictDoUpdate({
          target: installs.installId,
          set: {
            lastSeenAt: sql`greatest(${installs.lastSeenAt}, excluded.last_seen_at)`,
            reports: sql`${installs.reports} + excluded.reports`,
          },
        });
    }
    return { accepted: inserted.length, duplicates: batch.length - inserted.length };
  });
}

export async function countReports(db: Db): Promise<number> {
  const [row] = await db.query<{ n: string | number }>('select count(*) as n from reports');
  return Number(row?.n ?? 0);
}

export type StoredReport = typeof reports.$inferSelect & { clusterId: string | null };

/** Reports, newest received first, with the cluster each belongs to; throws InvalidCursorError. */
export async function listReports(db: Db, params: { limit: number; cursor?: string }): Promise<Page<StoredReport>> {
  const rows = await db.orm
    .select({ ...getTableColumns(reports), clusterId: clusterMemberships.clusterId })
    .from(reports)
    .leftJoin(clusterMemberships, eq(clusterMemberships.reportId, reports.id))
    .where(params.cursor === undefined ? undefined : afterReportCursor(params.cursor))
    .orderBy(desc(reports.receivedAt), desc(reports.id))
    .limit(params.limit + 1);
  return pageOfReports(rows, params.limit);
}
