/** The collector process: configuration, secrets, database, listening socket, graceful shutdown. */
import { resolve } from 'node:path';
import { createDb } from '@tapheal/db';
import { buildApp } from './app.js';
import { loadConfig } from './env.js';
import { loadSecrets } from './services/secrets.js';

/** How long shutdown waits for in-flight requests and a trainer run before giving up. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function start(): Promise<void> {
  const config = loadConfig(process.env);
  const secrets = await loadSecrets(config);
  const db = await createDb(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: resolve(config.dataDir) });
  const app = await buildApp({ config, db, secrets }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  if (secrets.generated.adminTokenFile) app.log.info({ file: secrets.generated.adminTokenFile }, 'generated the maintainer token (TAPHEAL_ADMIN_TOKEN unset)');
  if (secrets.generated.signingKeyFile) app.log.info({ file: secrets.generated.signingKeyFile }, 'generated the pack signing key (TAPHEAL_SIGNING_KEY_FILE unset)');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await app.close();
    await db.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info({ address, database: db.driver, dataDir: config.databaseUrl ? undefined : resolve(config.dataDir) }, 'collector ready');
}

/** One line for a start-up failure: driver errors such as AggregateError carry their cause in `code`. */
function describe(error: unknown): string {
  const { message, code, errors } = error as { message?: string; code?: string; errors?: unknown[] };
  if (message) return code ? `${message} (${code})` : message;
  if (errors?.[0]) return describe(errors[0]);
  return code ?? String(error);
}

start().catch((error: unknown) => {
  process.stderr.write(`tapheal-collector: cannot start: ${describe(error)}\n`);
  process.exit(1);
});
