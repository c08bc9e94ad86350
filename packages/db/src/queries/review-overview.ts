/**
 * The review UI's overview figures: reports per day with how many the clients' pack classified and
 * healed, which pack versions clients run, and installs. Each is one aggregate over the reports received
 * in a window (a range scan of reports_received_idx), never a row-by-row read.
 */
import type { Db } from '../client.js';

export interface DailyReports {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  reports: number;
  /** Reports whose client diagnosed a category other than `unknown`. */
  classified: number;
  /** Reports whose client tried to heal, and those it healed. */
  healTried: number;
  healed: number;
}

export async function reportsPerDay(db: Db, since: Date): Promise<DailyReports[]> {
  const rows = await db.query<{ day: number; reports: number; classified: number; heal_tried: number; healed: number }>(
    // Days as whole numbers since the epoch (UTC): cheaper per row than formatting a date.
    `select floor(extract(epoch from received_at) / 86400)::int as day,
            count(*)::int as reports,
            (count(*) filter (where diagnosis->>'category' is not null and diagnosis->>'category' <> 'unknown'))::int as classified,
            (count(*) filter (where healing is not null))::int as heal_tried,
            (count(*) filter (where healing->>'healed' = 'true'))::int as healed
     from reports where received_at >= $1::timestamptz
     group by 1 order by 1`,
    [since.toISOString()],
  );
  return rows.map((row) => ({ day: new Date(Number(row.day) * 86_400_000).toISOString().slice(0, 10), reports: Number(row.reports), classified: Number(row.classified), healTried: Number(row.heal_tried), healed: Number(row.healed) }));
}

export interface PackUsage {
  /** The pack version clients diagnosed with; null for reports without a diagnosis. */
  version: number | null;
  reports: number;
  installs: number;
  classified: number;
  healed: number;
}

/** Which pack versions clients used in their reports since `since`, newest version first. */
export async function packUsage(db: Db, since: Date): Promise<PackUsage[]> {
  const rows = await db.query<{ version: number | null; reports: number; installs: number; classified: number; healed: number }>(
    `select (diagnosis->>'packVersion')::int as version,
            count(*)::int as reports,
            count(distinct install_id)::int as installs,
            (count(*) filter (where diagnosis->>'category' <> 'unknown'))::int as classified,
            (count(*) filter (where healing->>'healed' = 'true'))::int as healed
     from reports where received_at >= $1::timestamptz
     group by 1 order by 1 desc nulls last`,
    [since.toISOString()],
  );
  return rows.map((row) => ({
    version: row.version === null ? null : Number(row.version),
    reports: Number(row.reports),
    installs: Number(row.installs),
    classified: Number(row.classified),
    healed: Number(row.healed),
  }));
}

export async function installCounts(db: Db, activeSince: Date): Promise<{ total: number; active: number }> {
  const [row] = await db.query<{ total: number; active: number }>(
    'select count(*)::int as total, (count(*) filter (where last_seen_at >= $1::timestamptz))::int as active from installs',
    [activeSince.toISOString()],
  );
  return { total: Number(row?.total ?? 0), active: Number(row?.active ?? 0) };
}

/** The newest `limit` report messages (anonymised at ingest), for re-classifying with a pack. */
export async function recentMessages(db: Db, limit: number): Promise<string[]> {
  // NULLS LAST as reports_received_idx is declared, or the planner sorts the whole table instead of reading the index.
  const rows = await db.query<{ message: string }>('select message from reports order by received_at desc nulls last, id desc nulls last limit $1', [limit]);
  return rows.map((row) => row.message);
}

/**
 * What identifies the reports table's content for a cache: the newest receive time and how many reports
 * share it. Reports are only appended, each batch at the server's time, so any new batch changes it. Two
 * index reads.
 */
export async function newestReportsKey(db: Db): Promise<string> {
  const [row] = await db.query<{ at: string | null; n: number }>(
    `with newest as (select received_at from reports order by received_at desc nulls last, id desc nulls last limit 1)
     select (select received_at::text from newest) as at, (select count(*)::int from reports where received_at = (select received_at from newest)) as n`,
  );
  return `${row?.at ?? 'none'}|${row?.n ?? 0}`;
}
