/**
 * The databases a suite runs on: embedded PGlite always, and the real Postgres at TEST_DATABASE_URL
 * when it is set (CI sets it). Use with describe.each(testDatabases()). On Postgres each open() gets a
 * database of its own, dropped on close, so test files running in parallel never see each other's rows.
 */
import { createDb, type Db, type DbOptions } from '@tapheal/db';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(options?: Omit<DbOptions, 'url' | 'dataDir'>): Promise<Db>;
}

let counter = 0;

export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: 'pglite', open: (options) => createDb(options) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) databases.push({ name: 'postgres', open: (options) => openScratchPostgres(url, options) });
  return databases;
}

/** Creates an empty database beside the one `adminUrl` names, and drops it when the Db closes. */
export async function openScratchPostgres(adminUrl: string, options: Omit<DbOptions, 'url' | 'dataDir'> = {}): Promise<Db & { url: string }> {
  const name = `tapheal_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = await createDb({ url: adminUrl, migrate: false, maxConnections: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await createDb({ ...options, url: url.toString() });
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      await dropDatabase(admin, name);
      await admin.close();
    },
  };
}

/**
 * Drops a scratch database. `with (force)` cannot end an autovacuum worker that a role without
 * pg_signal_backend does not own, so a failed drop is tried again for a few seconds.
 */
export async function dropDatabase(admin: Db, name: string, attempts = 10): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
