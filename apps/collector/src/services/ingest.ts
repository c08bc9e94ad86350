import type { Report } from '@tapheal/rules';
import { insertReports, type Db, type InsertReportsResult } from '@tapheal/db';
import type { Anonymiser } from './anonymiser-pool.js';

/**
 * Stores a validated batch. Every message passes the anonymiser again before it is written (clients
 * already anonymise; this is defence in depth), and the answer comes only after the commit.
 */
export async function ingestReports(db: Db, anonymiser: Anonymiser, reports: readonly Report[], now: Date): Promise<InsertReportsResult> {
  const messages = await anonymiser.anonymise(reports.map((report) => report.error.message));
  const scrubbed = reports.map((report, i) => ({ ...report, error: { ...report.error, message: messages[i]! } }));
  return insertReports(db, scrubbed, now);
}
