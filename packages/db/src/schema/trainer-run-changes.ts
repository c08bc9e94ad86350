import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { trainerRuns } from './trainer-runs.js';

/**
 * What a trainer run changed in the clusters (new, grown, shrunk, gone), measured by the collector around
 * the runs it starts. Runs started elsewhere have no row; the trainer's own stats stay as it wrote them.
 */
export const trainerRunChanges = pgTable('trainer_run_changes', {
  runId: uuid('run_id')
    .primaryKey()
    .references(() => trainerRuns.id, { onDelete: 'cascade' }),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  diff: jsonb('diff').notNull(),
});
