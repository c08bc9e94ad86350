/** @tapheal/db: connection factory (and, with the collector issue, schema, migrations and queries). */
export { createDb, type Db, type DbOptions } from './client.js';
