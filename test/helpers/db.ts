/**
 * The databases a suite runs on: embedded PGlite always, and the real Postgres at TEST_DATABASE_URL
 * when it is set (CI sets it). Use with describe.each(testDatabases()).
 */
import { createDb, type Db } from '@tapheal/db';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Db>;
}

export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: 'pglite', open: () => createDb() }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) databases.push({ name: 'postgres', open: () => createDb({ url }) });
  return databases;
}
