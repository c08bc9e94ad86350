/** @tapheal/db: schema, migrations, the connection factory and the queries both apps share. */
export { createDb, MIGRATIONS_FOLDER, type Db, type DbOptions, type Orm } from './client.js';
export { isDatabaseUnavailable } from './errors.js';
export * as schema from './schema/index.js';
export * from './queries/index.js';
