import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Candidate packs built from the review UI: the unsigned pack, its evaluation gate and its comparison
 * with the pack published when it was built, kept until a maintainer publishes or discards it. Publishing
 * signs exactly this content under the next version, and only while `base_version` is still the latest.
 */
export const packCandidates = pgTable(
  'pack_candidates',
  {
    id: uuid('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by').notNull(),
    /** The servable pack it was built on and compared with. */
    baseVersion: integer('base_version').notNull(),
    /** open, published or discarded. */
    status: text('status').notNull(),
    pack: jsonb('pack').notNull(),
    passed: boolean('passed').notNull(),
    reasons: jsonb('reasons').notNull(),
    evaluation: jsonb('evaluation'),
    comparison: jsonb('comparison').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedBy: text('decided_by'),
    publishedVersion: integer('published_version'),
  },
  (table) => [index('pack_candidates_created_idx').on(table.createdAt.desc(), table.id)],
);
