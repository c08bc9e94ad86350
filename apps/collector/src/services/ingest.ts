import { anonymiseMessage, type Report } from '@tapheal/rules';
import { insertReports, type Db, type InsertReportsResult } from '@tapheal/db';

/**
 * Stores a validated batch. Every message passes the anonymiser again before it is written (clients
 * already anonymise; this is defence in depth), and the answer comes only after the commit.
 */
export function ingestReports(db: Db, reports: readonly Report[], now: Date): Promise<InsertReportsResult> {
  const scrubbed = reports.map((report) => ({ ...report, error: { ...report.error, message: anonymiseMessage(report.error.message) } }));
  return insertReports(db, scrubbed, now);
}
