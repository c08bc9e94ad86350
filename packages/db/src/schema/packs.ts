import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Published rule packs. `body` is the signed envelope exactly as served, so every replica answers the
 * same bytes with the same `etag`. A yanked pack is no longer `latest`, and its version is never reused.
 */
export const packs = pgTable(
  'packs',
  {
    version: integer('version').primaryKey(),
    body: text('body').notNull(),
    etag: text('etag').notNull(),
    keyid: text('keyid').notNull(),
    source: text('source').notNull(),
    rules: integer('rules').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    yankedAt: timestamp('yanked_at', { withTimezone: true, mode: 'date' }),
    yankReason: text('yank_reason'),
    /** The evaluation that let the pack through, as the trainer measured it. */
    evaluation: jsonb('evaluation'),
    /** Who published it from the review UI; null for the built-in pack and the API. */
    publishedBy: text('published_by'),
    yankedBy: text('yanked_by'),
  },
  (table) => [index('packs_servable_idx').on(table.yankedAt, table.version.desc())],
);

/**
 * The public keys packs are signed with. Each collector registers its key on start, so every replica
 * lists every key a served pack may carry; clients pin these, they never trust a key because a server sent it.
 */
export const signingKeys = pgTable('signing_keys', {
  keyid: text('keyid').primaryKey(),
  pem: text('pem').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
});
