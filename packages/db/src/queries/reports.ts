/** Queries on reports and installs, in the `(db, params)` style both apps share. */
import { eq, getTableColumns } from 'drizzle-orm';
import { toStorableText, type Report } from '@tapheal/rules';
import type { Db } from '../client.js';
import { newestFirst } from './order.js';
import { clusterMemberships, reports } from '../schema/index.js';
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
 * How a batch row is read from a report: every reports column but received_at, in the order of the JSON
 * array each row travels as. Positional arrays of strings stringify three times as fast as row objects
 * (no keys, no Date.toJSON) and are a third smaller to send and for Postgres to parse.
 */
const BATCH_FIELDS = [
  ['id', (report) => report.id],
  ['occurredAt', (report) => report.occurredAt],
  ['installId', (report) => report.installId],
  ['schema', (report) => report.schema],
  ['clientName', (report) => report.client.name],
  ['clientVersion', (report) => report.client.version],
  ['platformOs', (report) => report.platform.os],
  ['platformArch', (report) => report.platform.arch],
  ['platformRuntime', (report) => report.platform.runtime],
  ['platformRuntimeVersion', (report) => report.platform.runtimeVersion],
  ['serverName', (report) => report.server?.name ?? null],
  ['serverVersion', (report) => report.server?.version ?? null],
  ['serverTransport', (report) => report.server?.transport ?? null],
  ['phase', (report) => report.phase],
  ['message', (report) => report.error.message],
  ['errorCode', (report) => report.error.code ?? null],
  ['exitCode', (report) => report.error.exitCode ?? null],
  ['signal', (report) => report.error.signal ?? null],
  ['diagnosis', (report) => report.diagnosis ?? null],
  ['healing', (report) => report.healing ?? null],
] as const satisfies readonly (readonly [Exclude<keyof ReportRow, 'receivedAt'>, (report: Report) => unknown])[];

/** The reports columns a batch row fills, in BATCH_FIELDS' order (tested to be all but received_at). */
export const BATCH_COLUMN_KEYS: readonly string[] = BATCH_FIELDS.map(([key]) => key);

const COLUMNS = getTableColumns(reports);
/** Element i of a row's array as its column's type: `->>` gives text (JSON null is NULL), jsonb stays jsonb. */
const BATCH_SELECT = BATCH_FIELDS.map(([key], i) => {
  const column = COLUMNS[key];
  const type = column.getSQLType();
  return type === 'jsonb' ? `nullif(element->${i}, 'null') as ${column.name}` : `(element->>${i})::${type} as ${column.name}`;
}).join(', ');
const COLUMN_NAMES = BATCH_FIELDS.map(([key]) => COLUMNS[key].name).join(', ');

const INSERT_BATCH_SQL = `
  with batch as (select ${BATCH_SELECT} from jsonb_array_elements($1::jsonb) as element),
  inserted as (
    insert into reports (received_at, ${COLUMN_NAMES})
    select $2::timestamptz, ${COLUMN_NAMES} from batch order by id
    on conflict (id) do nothing
    returning install_id),
  per_install as (select install_id, count(*)::int as n from inserted group by install_id),
  upserted as (
    insert into installs (install_id, first_seen_at, last_seen_at, reports)
    select install_id, $2::timestamptz, $2::timestamptz, n from per_install order by install_id
    on conflict (install_id) do update set
      last_seen_at = greatest(installs.last_seen_at, excluded.last_seen_at),
      reports = installs.reports + excluded.reports
    returning 1)
  select count(*)::int as accepted from inserted`;

/**
 * JSON.stringify writes NUL as `\u0000` and a lone surrogate as `\udXXX`; Postgres refuses both. Seeing
 * either escape (or a text that merely looks like one) the batch is written again with every string made
 * storable, so one odd byte in a message cannot fail the whole batch.
 */
const UNSTORABLE_ESCAPE = /\\u0000|\\ud[89a-f]/i;
const storableStrings = (_key: string, value: unknown): unknown => (typeof value === 'string' ? toStorableText(value) : value);

function batchJson(batch: readonly Report[]): string {
  const rows = batch.map(toBatchRow);
  const json = JSON.stringify(rows);
  return UNSTORABLE_ESCAPE.test(json) ? JSON.stringify(rows, storableStrings) : json;
}

/** A report as one batch row: its values in BATCH_FIELDS' order. */
const toBatchRow = (report: Report): unknown[] => BATCH_FIELDS.map(([, read]) => read(report));

/**
 * Stores a batch in one statement, atomic without BEGIN/COMMIT: each id once (a retried batch counts its
 * duplicates), and the installs it came from. NUL and lone surrogates, which Postgres cannot store, are kept
 * as U+FFFD (toStorableText). The batch travels as one jsonb parameter rather than 2,000
 * bound values, rows go in id order and installs in install-id order, so overlapping batches lock in one
 * order and cannot deadlock. It resolves only after the commit.
 */
export async function insertReports(db: Db, batch: readonly Report[], receivedAt: Date): Promise<InsertReportsResult> {
  const [result] = await db.query<{ accepted: number }>(INSERT_BATCH_SQL, [batchJson(batch), receivedAt.toISOString()]);
  const accepted = Number(result?.accepted ?? 0);
  return { accepted, duplicates: batch.length - accepted };
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
    .orderBy(newestFirst(reports.receivedAt), newestFirst(reports.id))
    .limit(params.limit + 1);
  return pageOfReports(rows, params.limit);
}

/**
 * Each rule's measured healing outcomes, from the heal attempts clients reported: how often its fix was
 * tried and how often that healed the failure. What every rule of a published pack carries as `outcomes`.
 */
export async function ruleOutcomes(db: Db): Promise<Map<string, { attempts: number; healed: number }>> {
  const rows = await db.query<{ rule_id: string; attempts: number; healed: number }>(`
    select attempt->>'ruleId' as rule_id,
           count(*)::int as attempts,
           (count(*) filter (where attempt->>'outcome' = 'healed'))::int as healed
    from reports, jsonb_array_elements(healing->'attempts') as attempt
    where healing is not null and jsonb_typeof(healing->'attempts') = 'array' and attempt->>'ruleId' is not null
    group by 1`);
  return new Map(rows.map((row) => [row.rule_id, { attempts: Number(row.attempts), healed: Number(row.healed) }]));
}
