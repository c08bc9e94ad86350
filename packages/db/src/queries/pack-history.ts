/** Stored pack bodies for the review UI's history, newest first: packs are few, and each body is one signed envelope. */
import { desc, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { packs } from '../schema/index.js';

export async function recentPackBodies(db: Db, limit: number): Promise<{ version: number; body: string }[]> {
  return db.orm.select({ version: packs.version, body: packs.body }).from(packs).orderBy(desc(packs.version)).limit(limit);
}

/** The newest servable pack's version and ETag, without its body: enough to tell whether a cached copy is current. */
export async function latestPackRef(db: Db): Promise<{ version: number; etag: string } | null> {
  const [row] = await db.orm.select({ version: packs.version, etag: packs.etag }).from(packs).where(isNull(packs.yankedAt)).orderBy(desc(packs.version)).limit(1);
  return row ?? null;
}
