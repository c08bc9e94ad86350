/**
 * The connection factory: postgres.js when a URL is given, else an embedded PGlite database in a data
 * directory (or in memory), so the collector needs nothing installed. Both run the same committed
 * drizzle migrations on open. Settings come in as parameters; this package never reads the environment.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { isDatabaseUnavailable } from './errors.js';
import * as schema from './schema/index.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));
/** The advisory lock that keeps two processes from migrating one database at once. */
const MIGRATION_LOCK = 727_001;

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite's data directory; when absent too, PGlite runs in memory. */
  dataDir?: string;
  /** Apply the migrations on open (default true). */
  migrate?: boolean;
  /** postgres.js pool size (default 10). */
  maxConnections?: number;
}

export interface Db {
  driver: 'pglite' | 'postgres';
  /** The drizzle handle that queries take. */
  orm: Orm;
  /** Runs a parameterised query and returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Runs `fn` in a transaction. On Postgres it is ours, not postgres.js's `begin`: when the connection
   * dies mid-transaction, `begin` sends ROLLBACK on the dead socket and crashes the process from a timer
   * (porsager/postgres#1154); here no ROLLBACK is sent when the database is gone (the server rolls back).
   */
  transaction<T>(fn: (tx: Orm) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createDb(options: DbOptions = {}): Promise<Db> {
  return options.url ? openPostgres(options) : openPglite(options);
}

async function openPglite(options: DbOptions): Promise<Db> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pg = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await pg.waitReady;
  const orm = drizzlePglite(pg, { schema }) as unknown as Orm;
  if (options.migrate !== false) await migratePglite(orm as never, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    driver: 'pglite',
    orm,
    query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pg.query<Row>(sql, params)).rows,
    transaction: (fn) => orm.transaction((tx) => fn(tx as unknown as Orm)),
    ping: async () => void (await pg.query('select 1')),
    close: () => pg.close(),
  };
}

/** Migrates over one dedicated connection that holds an advisory lock, so concurrent starts take turns. */
async function migratePostgresLocked(url: string): Promise<void> {
  const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_FOLDER });
    await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await single.end({ timeout: 5 });
  }
}

async function openPostgres(options: DbOptions): Promise<Db> {
  const sql = postgres(options.url!, { max: options.maxConnections ?? 10, onnotice: () => {}, connect_timeout: 5 });
  const orm = drizzlePostgres(sql, { schema }) as unknown as Orm;
  if (options.migrate !== false) {
    try {
      await migratePostgresLocked(options.url!);
    } catch (error) {
      await sql.end({ timeout: 1 });
      throw error;
    }
  }
  return {
    driver: 'postgres',
    orm,
    query: async <Row extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as never[])) as unknown as Row[],
    transaction: async <T>(fn: (tx: Orm) => Promise<T>) => {
      const reserved = await sql.reserve();
      try {
        await reserved`begin`;
        try {
          // drizzle reads the client's type parsers from `options`, which a reserved connection lacks.
          const bound = Object.assign(reserved, { options: sql.options });
          const result = await fn(drizzlePostgres(bound, { schema }) as unknown as Orm);
          await reserved`commit`;
          return result;
        } catch (error) {
          if (!isDatabaseUnavailable(error)) await reserved`rollback`;
          throw error;
        }
      } finally {
        reserved.release();
      }
    },
    ping: async () => void (await sql`select 1`),
    close: () => sql.end({ timeout: 5 }),
  };
}
