import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What the trainer carries from one run to the next, by name: the template miner's state and the map
 * from its clusters to the stable cluster ids maintainers label. Written only by the one running run.
 */
export const trainerState = pgTable('trainer_state', {
  name: text('name').primaryKey(),
  /** The shape of `state`; a trainer that does not know it starts afresh. */
  version: integer('version').notNull(),
  state: jsonb('state').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
