import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration to ./drizzle from the schema; migrations are committed
// and applied by createDb at start-up, on PGlite and on Postgres alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
