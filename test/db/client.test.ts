import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@tapheal/db';
import { testDatabases } from '../helpers/db.js';
import { makeTempDir } from '../helpers/packs.js';

describe.each(testDatabases())('createDb on $name', ({ name, open }) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('opens the driver it was asked for', () => {
    expect(db.driver).toBe(name);
  });

  it('answers a parameterised query', async () => {
    const rows = await db.query<{ sum: number }>('select ($1::int + $2::int) as sum', [2, 3]);
    expect(rows).toEqual([{ sum: 5 }]);
  });

  it('answers a ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });
});

describe('createDb with a data directory', () => {
  it('keeps what was written across a close and a reopen', async () => {
    const dataDir = makeTempDir('tapheal-pglite-');
    const first = await createDb({ dataDir });
    await first.query('create table kept (value text)');
    await first.query('insert into kept values ($1)', ['still here']);
    await first.close();
    const second = await createDb({ dataDir });
    const rows = await second.query<{ value: string }>('select value from kept');
    await second.close();
    expect(rows).toEqual([{ value: 'still here' }]);
  });
});

describe('createDb on an unreachable Postgres', () => {
  it('refuses to open when it cannot migrate, with the driver error', async () => {
    await expect(createDb({ url: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it('fails its ping with the driver error instead of hanging', async () => {
    const db = await createDb({ url: 'postgres://nobody@127.0.0.1:1/none', migrate: false });
    await expect(db.ping()).rejects.toThrow(/ECONNREFUSED|connect/);
    await db.close();
  });
});
