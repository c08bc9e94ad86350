/**
 * Row locks that make a race certain instead of lucky: hold one report id in an open transaction on a
 * connection of the test's own, and the collector's insert of that id waits, in the middle of its
 * statement (and transaction), until the test lets go. Then the test acts (cuts the database, sends the
 * same ids elsewhere) at a moment it knows, and rolls back, leaving no row behind.
 */
import pg from 'pg';
import type { Db } from '@tapheal/db';

/** A reports row with only the required columns. */
const HOLD_ID_SQL = `insert into reports (id, occurred_at, install_id, schema, client_name, client_version, platform_os,
  platform_arch, platform_runtime, platform_runtime_version, phase, message)
  values ($1, now(), 'install-lock-holder', 1, 'test', '0', 'linux', 'x64', 'node', '20', 'other', 'held')`;
const POLL_MS = 10;
const WAIT_TIMEOUT_MS = 10_000;

export interface HeldReportId {
  /** Resolves once `count` sessions wait for this transaction; fails after 10 s. */
  waitUntilBlocking(count: number): Promise<void>;
  /** Rolls back and closes the connection; safe to call twice. */
  release(): Promise<void>;
}

export async function holdReportId(url: string, id: string): Promise<HeldReportId> {
  const held = new pg.Client({ connectionString: url });
  const watcher = new pg.Client({ connectionString: url });
  for (const client of [held, watcher]) client.on('error', () => {});
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    try {
      await held.query('rollback');
    } finally {
      await held.end().catch(() => {});
      await watcher.end().catch(() => {});
    }
  };
  try {
    await held.connect();
    await watcher.connect();
    await held.query('begin');
    const { rows } = await held.query<{ pid: number }>('select pg_backend_pid() as pid');
    await held.query(HOLD_ID_SQL, [id]);
    const holderPid = rows[0]!.pid;
    return {
      release,
      waitUntilBlocking: (count) =>
        pollUntil(`${count} sessions blocked by the test's lock`, async () => {
          const { rows: blocked } = await watcher.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))',
            [holderPid],
          );
          return blocked[0]!.n >= count;
        }),
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Resolves once `count` sessions on `db`'s database wait for any lock; fails after 10 s. */
export function waitForLockWaiters(db: Db, count: number): Promise<void> {
  return pollUntil(`${count} sessions waiting for a lock`, async () => {
    const [row] = await db.query<{ n: number | string }>(
      "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    return Number(row?.n) >= count;
  });
}

async function pollUntil(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_TIMEOUT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
