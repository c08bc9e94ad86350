/** Published packs and the signing keys behind them, in the `(db, params)` style both apps share. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { packs, signingKeys } from '../schema/index.js';

/** Serialises pack publication across processes, so versions stay strictly increasing and unique. */
const PUBLISH_LOCK = 727_002;

export type PackRecord = typeof packs.$inferSelect;
export type NewPack = Omit<typeof packs.$inferInsert, 'version' | 'yankedAt' | 'yankReason' | 'yankedBy'>;
export type PackSummary = Omit<PackRecord, 'body'>;

/**
 * Publishes the pack `build` makes for the next free version, in one transaction under an advisory
 * lock. `build` may return null to publish nothing (a gate refused, or `onlyIfEmpty` found packs); it
 * also learns the newest servable version as of the lock, so it can refuse to publish over a pack it
 * did not see.
 */
export async function publishPack<T extends NewPack>(
  db: Db,
  build: (version: number, state: { latestServable: number | null }) => T | null | Promise<T | null>,
  options: { onlyIfEmpty?: boolean } = {},
): Promise<PackRecord | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
    const [row] = await tx.select({ max: sql<number | null>`max(${packs.version})` }).from(packs);
    const latest = row?.max === null || row?.max === undefined ? 0 : Number(row.max);
    if (options.onlyIfEmpty && latest > 0) return null;
    const [servable] = await tx.select({ max: sql<number | null>`max(${packs.version})` }).from(packs).where(isNull(packs.yankedAt));
    const latestServable = servable?.max === null || servable?.max === undefined ? null : Number(servable.max);
    const made = await build(latest + 1, { latestServable });
    if (!made) return null;
    const [inserted] = await tx.insert(packs).values({ ...made, version: latest + 1 }).returning();
    return inserted ?? null;
  });
}

/** The newest pack that is not yanked, or null when none is servable. */
export async function latestPack(db: Db): Promise<PackRecord | null> {
  const [row] = await db.orm.select().from(packs).where(isNull(packs.yankedAt)).orderBy(desc(packs.version)).limit(1);
  return row ?? null;
}

export async function packByVersion(db: Db, version: number): Promise<PackRecord | null> {
  const [row] = await db.orm.select().from(packs).where(eq(packs.version, version));
  return row ?? null;
}

/** Every published pack, newest first, without the bodies. */
export async function listPacks(db: Db): Promise<PackSummary[]> {
  return db.orm
    .select({
      version: packs.version,
      etag: packs.etag,
      keyid: packs.keyid,
      source: packs.source,
      rules: packs.rules,
      createdAt: packs.createdAt,
      expiresAt: packs.expiresAt,
      yankedAt: packs.yankedAt,
      yankReason: packs.yankReason,
      evaluation: packs.evaluation,
      publishedBy: packs.publishedBy,
      yankedBy: packs.yankedBy,
    })
    .from(packs)
    .orderBy(desc(packs.version));
}

export type YankResult =
  | { ok: true; pack: PackSummary }
  | { ok: false; reason: 'not_found' | 'already_yanked' | 'last_servable' };

/**
 * Withdraws a pack from `latest`. The last servable pack cannot be yanked: a fresh client would then
 * have nothing to fetch; publish a better one first.
 */
export async function yankPack(db: Db, version: number, reason: string | null, at: Date, actor: string | null = null): Promise<YankResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
    const [pack] = await tx.select().from(packs).where(eq(packs.version, version));
    if (!pack) return { ok: false, reason: 'not_found' };
    if (pack.yankedAt) return { ok: false, reason: 'already_yanked' };
    const [others] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(packs)
      .where(and(isNull(packs.yankedAt), sql`${packs.version} <> ${version}`));
    if (Number(others?.n ?? 0) === 0) return { ok: false, reason: 'last_servable' };
    const [updated] = await tx.update(packs).set({ yankedAt: at, yankReason: reason, yankedBy: actor }).where(eq(packs.version, version)).returning();
    const { body: _body, ...summary } = updated!;
    return { ok: true, pack: summary };
  });
}

export async function registerSigningKey(db: Db, key: { keyid: string; pem: string }, at: Date): Promise<void> {
  await db.orm.insert(signingKeys).values({ ...key, addedAt: at }).onConflictDoNothing({ target: signingKeys.keyid });
}

export async function listSigningKeys(db: Db): Promise<{ keyid: string; pem: string }[]> {
  return db.orm.select({ keyid: signingKeys.keyid, pem: signingKeys.pem }).from(signingKeys).orderBy(signingKeys.addedAt, signingKeys.keyid);
}
