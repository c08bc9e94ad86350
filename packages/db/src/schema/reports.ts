import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Failure reports: append-only, one row per client-chosen id. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    installId: text('install_id').notNull(),
    schema: smallint('schema').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    platformOs: text('platform_os').notNull(),
    platformArch: text('platform_arch').notNull(),
    platformRuntime: text('platform_runtime').notNull(),
    platformRuntimeVersion: text('platform_runtime_version').notNull(),
    serverName: text('server_name'),
    serverVersion: text('server_version'),
    serverTransport: text('server_transport'),
    phase: text('phase').notNull(),
    message: text('message').notNull(),
    errorCode: text('error_code'),
    // bigint: Windows reports a crash as an unsigned 32-bit NTSTATUS (3221225477 is 0xC0000005), past integer's range.
    exitCode: bigint('exit_code', { mode: 'number' }),
    signal: text('signal'),
    diagnosis: jsonb('diagnosis'),
    healing: jsonb('healing'),
  },
  (table) => [
    index('reports_received_idx').on(table.receivedAt.desc(), table.id.desc()),
    index('reports_install_idx').on(table.installId),
  ],
);

/** Install pseudonyms: random ids chosen by clients, never derived from a machine. */
export const installs = pgTable('installs', {
  installId: text('install_id').primaryKey(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  reports: integer('reports').notNull().default(0),
});
