/**
 * Db.transaction: commits, rolls back on an error, and on Postgres survives the connection dying in the
 * middle (postgres.js's own `begin` would send ROLLBACK on the dead socket and crash the process from a
 * timer; vitest fails a file on such an uncaught error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, isDatabaseUnavailable, type Db } from '@tapheal/db';
import { openScratchPostgres, testDatabases } from '../helpers/db.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

describe.each(testDatabases())('Db.transaction on $name', ({ open }) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await db.query('create table t (n int primary key)');
  });
  afterAll(async () => {
    await db.close();
  });

  it('commits what fn wrote and returns its value', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.execute('insert into t values (1)');
      return 'done';
    });
    expect(value).toBe('done');
    expect(await db.query('select n from t where n = 1')).toEqual([{ n: 1 }]);
  });

  it('rolls back everything when fn throws, and rethrows', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.execute('insert into t values (2)');
      await tx.execute('insert into t values (1)');
    });
    await expect(attempt).rejects.toThrow();
    expect(await db.query('select n from t where n = 2')).toEqual([]);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('Db.transaction when Postgres goes away mid-transaction', () => {
  let scratch: Db & { url: string };
  let proxy: TcpProxy;
  beforeAll(async () => {
    scratch = await openScratchPostgres(process.env.TEST_DATABASE_URL!);
    await scratch.query('create table t (n int primary key)');
    const { hostname, port } = new URL(scratch.url);
    proxy = await startTcpProxy({ host: hostname, port: Number(port) });
  });
  afterAll(async () => {
    await proxy?.close();
    await scratch?.close();
  });

  it.each([
    ['the moment the next query is sent', 0],
    ['while the transaction waits between two queries', 300],
  ])('rejects as "database unavailable" when the connection drops %s, writes nothing, and works once it is back', async (_, pauseMs) => {
    const db = await createDb({ url: throughProxy(scratch.url, proxy), migrate: false, maxConnections: 2 });
    try {
      const attempt = db.transaction(async (tx) => {
        await tx.execute('insert into t values (10)');
        proxy.cut();
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        await tx.execute('insert into t values (11)');
      });
      const error = await attempt.then(() => null, (reason: unknown) => reason);
      expect(isDatabaseUnavailable(error)).toBe(true);
      // Give a stray timer or event in the driver the chance to fire (and fail the file) before going on.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await scratch.query('select n from t')).toEqual([]);
      proxy.restore();
      await db.transaction(async (tx) => void (await tx.execute('insert into t values (12)')));
      expect(await scratch.query('select n from t')).toEqual([{ n: 12 }]);
      await scratch.query('delete from t');
    } finally {
      proxy.restore();
      await db.close();
    }
  });
});
