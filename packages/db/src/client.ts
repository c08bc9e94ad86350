/**
 * The connection factory: node-postgres (pg) when a URL is given, else an embedded PGlite database in a data
 * directory (or in memory), so the collector needs nothing installed. Both run the same committed
 * drizzle migrations on open. Settings come in as parameters; this package never reads the environment.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { isDatabaseUnavailable } from './errors.js';
import * as schema from './schema/index.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));
/** The advisory lock that keeps two processes from migrating one database at once. */
const MIGRATION_LOCK = 727_001;
const CONNECT_TIMEOUT_MS = 5_000;

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
   * Runs `fn` in a transaction on one connection: committed when fn resolves, rolled back when it
   * throws. When the database goes away meanwhile it rejects with an error isDatabaseUnavailable knows.
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

/** Connection settings every Postgres client here uses. */
const connectionOptions = (url: string) => ({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });

/** Migrates over one dedicated connection that holds an advisory lock, so concurrent starts take turns. */
async function migratePostgresLocked(url: string): Promise<void> {
  const single = new pg.Client(connectionOptions(url));
  single.on('error', () => {});
  await single.connect();
  try {
    await single.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_FOLDER });
    await single.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } finally {
    await single.end().catch(() => {});
  }
}

async function openPostgres(options: DbOptions): Promise<Db> {
  const pool = new pg.Pool({ ...connectionOptions(options.url!), max: options.maxConnections ?? 10 });
  // An idle connection the server drops is removed by the pool; the next query reconnects. Without a
  // listener the pool's 'error' event would end the process.
  pool.on('error', () => {});
  const orm = drizzlePostgres(pool, { schema }) as unknown as Orm;
  if (options.migrate !== false) {
    try {
      await migratePostgresLocked(options.url!);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  return {
    driver: 'postgres',
    orm,
    query: async <Row extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await pool.query<Row>(text, params)).rows,
    transaction: async <T>(fn: (tx: Orm) => Promise<T>) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client whose connection drops between two queries emits 'error', and an 'error'
      // with no listener ends the process: record it, and the next query is rejected instead.
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        await client.query('begin');
        try {
          const result = await fn(drizzlePostgres(client, { schema }) as unknown as Orm);
          await client.query('commit');
          return result;
        } catch (error) {
          // On a dead connection the server has rolled back already; the client is thrown away.
          if (isDatabaseUnavailable(error)) broken = error as Error;
          else await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
          throw error;
        }
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    ping: async () => void (await pool.query('select 1')),
    close: () => pool.end(),
  };
}
