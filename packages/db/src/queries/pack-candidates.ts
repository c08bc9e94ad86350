/** Candidate packs the review UI built, waiting to be published or discarded. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { packCandidates } from '../schema/index.js';

export const CANDIDATE_STATUSES = ['open', 'published', 'discarded'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export type PackCandidateRecord = typeof packCandidates.$inferSelect;
export type NewPackCandidate = Omit<typeof packCandidates.$inferInsert, 'status' | 'decidedAt' | 'decidedBy' | 'publishedVersion'>;

export async function insertPackCandidate(db: Db, candidate: NewPackCandidate): Promise<PackCandidateRecord> {
  const [row] = await db.orm.insert(packCandidates).values({ ...candidate, status: 'open' }).returning();
  return row!;
}

export async function getPackCandidate(db: Db, id: string): Promise<PackCandidateRecord | null> {
  const [row] = await db.orm.select().from(packCandidates).where(eq(packCandidates.id, id));
  return row ?? null;
}

/** The newest candidates, without their packs. */
export async function listPackCandidates(db: Db, limit: number): Promise<Omit<PackCandidateRecord, 'pack' | 'comparison' | 'evaluation'>[]> {
  return db.orm
    .select({
      id: packCandidates.id,
      createdAt: packCandidates.createdAt,
      createdBy: packCandidates.createdBy,
      baseVersion: packCandidates.baseVersion,
      status: packCandidates.status,
      passed: packCandidates.passed,
      reasons: packCandidates.reasons,
      decidedAt: packCandidates.decidedAt,
      decidedBy: packCandidates.decidedBy,
      publishedVersion: packCandidates.publishedVersion,
    })
    .from(packCandidates)
    .orderBy(desc(packCandidates.createdAt), desc(packCandidates.id))
    .limit(limit);
}

/** Records a decision on an open candidate; null when it is not open (any more). */
export async function decidePackCandidate(
  db: Db,
  id: string,
  decision: { status: Exclude<CandidateStatus, 'open'>; by: string; at: Date; publishedVersion?: number },
): Promise<PackCandidateRecord | null> {
  const [row] = await db.orm
    .update(packCandidates)
    .set({ status: decision.status, decidedBy: decision.by, decidedAt: decision.at, publishedVersion: decision.publishedVersion ?? null })
    .where(and(eq(packCandidates.id, id), eq(packCandidates.status, 'open')))
    .returning();
  return row ?? null;
}
