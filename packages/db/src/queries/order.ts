/**
 * Newest-first ordering that matches the `DESC NULLS LAST` indexes drizzle declares. A plain `desc()`
 * means NULLS FIRST in Postgres, which no such index serves: the database would sort the whole table.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

export const newestFirst = (column: AnyColumn): SQL => sql`${column} desc nulls last`;
