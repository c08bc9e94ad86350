import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One trainer run: who asked for it, how it went, and what it found (`stats`). The partial unique index
 * lets at most one run be `running` at a time, across every process on the database: a second start
 * fails on the index instead of racing the first.
 */
export const trainerRuns = pgTable(
  'trainer_runs',
  {
    id: uuid('id').primaryKey(),
    status: text('status').notNull(),
    trigger: text('trigger').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    error: text('error'),
    stats: jsonb('stats'),
    /** Who started it from the review UI; null for the API, the schedule and the trainer CLI. */
    startedBy: text('started_by'),
  },
  (table) => [uniqueIndex('trainer_runs_one_running').on(table.status).where(sql`status = 'running'`)],
);
