/**
 * The connection factory: postgres.js when a URL is given, else an embedded PGlite database in a data
 * directory (or in memory), so the collector needs nothing installed. Settings come in as parameters;
 * this package never reads the environment.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export interface DbOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite's data directory; when absent too, PGlite runs in memory. */
  dataDir?: string;
}

export interface Db {
  driver: 'pglite' | 'postgres';
  /** Runs a parameterised query and returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function createDb(options: DbOptions = {}): Promise<Db> {
  if (options.url) return createPostgresDb(options.url);
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pg = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await pg.waitReady;
  return {
    driver: 'pglite',
    query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pg.query<Row>(sql, params)).rows,
    ping: async () => void (await pg.query('select 1')),
    close: () => pg.close(),
  };
}

function createPostgresDb(url: string): Db {
  const sql = postgres(url, { max: 10, onnotice: () => {}, connect_timeout: 5 });
  return {
    driver: 'postgres',
    query: async <Row extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as never[])) as unknown as Row[],
    ping: async () => void (await sql`select 1`),
    close: () => sql.end({ timeout: 5 }),
  };
}
