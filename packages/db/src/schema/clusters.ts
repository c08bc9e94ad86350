import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigserial, boolean, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from './reports.js';
import { trainerRuns } from './trainer-runs.js';

/**
 * Clusters of reports that share a message template. The trainer owns `template` and the counts; the
 * maintainers own `status`, `category`, `fix` and `note`, and the ids stay the same across trainer runs,
 * so labels survive. `pending` clusters have not yet passed the trainer's gates (enough reports overall,
 * enough distinct installs); `candidate` ones wait for a maintainer.
 */
export const clusters = pgTable(
  'clusters',
  {
    id: text('id').primaryKey(),
    template: text('template').notNull(),
    status: text('status').notNull().default('pending'),
    category: text('category'),
    fix: text('fix'),
    note: text('note'),
    reports: integer('reports').notNull().default(0),
    installs: integer('installs').notNull().default(0),
    /** Reports received in the trainer's growth window (the last 7 days) when it last ran. */
    growth: integer('growth').notNull().default(0),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    lastRunId: uuid('last_run_id').references(() => trainerRuns.id, { onDelete: 'set null' }),
    /**
     * Set when a maintainer merged this cluster into another (status `merged`): its reports moved there,
     * and a trigger (migration 0002) sends reports assigned to it later to that cluster too.
     */
    mergedInto: text('merged_into').references((): AnyPgColumn => clusters.id, { onDelete: 'set null' }),
    /**
     * What the trainer's last run said of an unlabelled cluster: its statistical model's category and how
     * sure it is, whether the cluster looks like a new category, and the served pack's verdict on an example.
     */
    suggestedCategory: text('suggested_category'),
    suggestedConfidence: doublePrecision('suggested_confidence'),
    looksNew: boolean('looks_new'),
    packCategory: text('pack_category'),
    packConfidence: doublePrecision('pack_confidence'),
  },
  (table) => [
    index('clusters_status_reports_idx').on(table.status, table.reports.desc(), table.id),
    index('clusters_reports_idx').on(table.reports.desc(), table.id),
  ],
);

/** Which cluster each report belongs to, as of the last trainer run that saw it. */
export const clusterMemberships = pgTable(
  'cluster_memberships',
  {
    reportId: uuid('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    clusterId: text('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
  },
  (table) => [index('cluster_memberships_cluster_idx').on(table.clusterId, table.reportId)],
);

/**
 * Every label change a maintainer made, newest last: what the cluster became, who did it (`actor`, the
 * name given at the review UI's login; null through the bearer-token API) and what they did (`action`).
 */
export const clusterLabels = pgTable(
  'cluster_labels',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clusterId: text('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status').notNull(),
    category: text('category'),
    fix: text('fix'),
    note: text('note'),
    actor: text('actor'),
    /** confirm, relabel, new_category, reject, note, merge (this one took another's reports), merged (into another); label through the API. */
    action: text('action'),
    /** What the action did beyond the resulting state, e.g. which cluster was merged. */
    detail: text('detail'),
  },
  (table) => [index('cluster_labels_cluster_idx').on(table.clusterId, table.id)],
);
