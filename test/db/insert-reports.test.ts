/**
 * insertReports sends each report as a positional JSON array that SQL casts back to columns: what it stores
 * must be exactly the typed row (toReportRow, what drizzle would write), column by column, for a report with
 * every optional field and for one with none.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTableColumns } from 'drizzle-orm';
import { BATCH_COLUMN_KEYS, insertReports, schema, toReportRow, type Db, type ReportRow } from '@tapheal/db';
import type { Report } from '@tapheal/rules';
import { testDatabases } from '../helpers/db.js';
import { makeReport } from '../helpers/reports.js';

const RECEIVED_AT = new Date('2026-11-25T12:00:00.000Z');
const COLUMNS = Object.entries(getTableColumns(schema.reports));

const FULL = makeReport({
  occurredAt: '2026-11-25T11:59:58.123+02:00',
  server: { name: 'mcp-remote', version: '0.1.9', transport: 'http' },
  error: { message: 'Error: "quoted" \\ back\\slash\nnew line ünïcödé 🙂', code: 'ECONNREFUSED', exitCode: -2, signal: 'SIGKILL' },
  diagnosis: { packVersion: 3, category: 'connection_refused', ruleId: null, confidence: 0.5 },
  healing: { healed: false, attempts: [{ category: 'connection_refused', ruleId: 'r1', fix: 'report_only', outcome: 'failed' }] },
});
const MINIMAL: Report = (({ server: _server, ...rest }) => ({ ...rest, error: { message: 'x' } }))(makeReport());

/** A stored row keyed as ReportRow, dates as epoch milliseconds so that both sides compare alike. */
function comparable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.getTime() : (value ?? null)]));
}

describe('the batch row', () => {
  it('fills every reports column but received_at, each once', () => {
    const expected = COLUMNS.map(([key]) => key).filter((key) => key !== 'receivedAt');
    expect([...BATCH_COLUMN_KEYS].sort()).toEqual(expected.sort());
  });
});

describe.each(testDatabases())('insertReports on $name', ({ open }) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.query('truncate reports, installs cascade');
  });

  it.each([
    ['every optional field', FULL],
    ['no optional field', MINIMAL],
  ])('stores a report with %s exactly as its typed row', async (_name, report) => {
    expect(await insertReports(db, [report], RECEIVED_AT)).toEqual({ accepted: 1, duplicates: 0 });
    const [stored] = await db.query<Record<string, unknown>>('select * from reports');
    const byKey = Object.fromEntries(COLUMNS.map(([key, column]) => [key, stored![column.name]]));
    for (const key of ['receivedAt', 'occurredAt'] as const) byKey[key] = new Date(byKey[key] as string | Date);
    // Raw SQL through node-postgres gives bigint as text (drizzle's column reads it as a number).
    if (byKey.exitCode !== null) byKey.exitCode = Number(byKey.exitCode);
    expect(comparable(byKey)).toEqual(comparable(toReportRow(report, RECEIVED_AT) as ReportRow));
    // An absent diagnosis is SQL NULL, not the JSON value null (both read back as null in JavaScript).
    const [nulls] = await db.query<{ diagnosis: boolean; healing: boolean }>('select diagnosis is null as diagnosis, healing is null as healing from reports');
    expect(nulls).toEqual({ diagnosis: report.diagnosis === undefined, healing: report.healing === undefined });
  });

  it('keeps text that only spells an escape (a backslash, then u0000 or ud800) exactly as sent', async () => {
    const message = String.raw`JSON.parse: bad escape \u0000 and \ud800 at 12`;
    const report = makeReport({ error: { message } });
    await insertReports(db, [report], RECEIVED_AT);
    expect(await db.query('select message from reports')).toEqual([{ message }]);
  });

  it('counts each install once per batch and adds up across batches', async () => {
    const batch = [makeReport({ installId: 'a' }), makeReport({ installId: 'b' }), makeReport({ installId: 'a' })];
    await insertReports(db, batch, RECEIVED_AT);
    await insertReports(db, [makeReport({ installId: 'a' }), batch[1]!], new Date(RECEIVED_AT.getTime() + 60_000));
    const installs = await db.query<{ install_id: string; reports: number }>('select install_id, reports from installs order by install_id');
    expect(installs).toEqual([
      { install_id: 'a', reports: 3 },
      { install_id: 'b', reports: 1 },
    ]);
  });
});
