/** The whole collector as one Fastify instance; server.ts is the process around it. */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { abandonTrainerRuns, type Db } from '@tapheal/db';
import type { Config } from './env.js';
import { registerContentEncoding } from './plugins/content-encoding.js';
import { registerErrorHandlers } from './plugins/errors.js';
import { createMetrics, registerMetrics } from './plugins/metrics.js';
import { healthRoutes } from './routes/health.js';
import { maintainerRoutes } from './routes/maintainer/index.js';
import { packRoutes } from './routes/packs.js';
import { reportRoutes } from './routes/reports.js';
import { publishInitialPack, type PackSigner } from '@tapheal/trainer';
import { createAnonymiser } from './services/anonymiser-pool.js';
import type { Secrets } from './services/secrets.js';
import { createTrainerRunner } from './services/trainer-runner.js';
import { uiRoutes } from './ui/index.js';

/** The largest request body, after gzip decoding: 100 reports of 8 KiB messages and their fields. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Log paths that may carry a secret or a report's content; pino replaces them. */
export const REDACTED_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.secret', '*.password', 'err.params', 'err.parameters', 'err.query'];

export interface BuildAppOptions {
  config: Config;
  db: Db;
  secrets: Pick<Secrets, 'adminToken' | 'signingKey' | 'nextKey'>;
  /** Where logs go (default stdout, at config.logLevel); false for none. Redaction always applies. */
  log?: false | { stream?: NodeJS.WritableStream; level?: Config['logLevel'] };
  now?: () => Date;
}

/**
 * Builds the app on an open database: registers the signing key and, on a fresh database, publishes
 * the built-in pack as version 1, so a new install serves a pack at once.
 */
export async function buildApp({ config, db, secrets, log, now = () => new Date() }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: log === false ? false : { level: log?.level ?? config.logLevel, redact: REDACTED_LOG_PATHS, ...(log?.stream ? { stream: log.stream } : {}) },
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: config.trustProxy,
  });
  // Once close begins, in-flight requests are answered with Connection: close. server.close() reaps only
  // the keep-alive connections idle at that moment; one that finishes its request later would otherwise
  // hold the process open for Fastify's keepAliveTimeout (72 s).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const metrics = createMetrics();
  registerErrorHandlers(app, metrics);
  registerMetrics(app, metrics);
  registerContentEncoding(app);

  const signer: PackSigner = { signingKey: secrets.signingKey, ttlDays: config.packTtlDays, now, ...(secrets.nextKey ? { announceKeys: [secrets.nextKey] } : {}) };
  const initial = await publishInitialPack(db, signer);
  if (initial) app.log.info({ version: initial.version, rules: initial.rules, keyid: initial.keyid }, 'published the built-in pack');
  // Embedded PGlite has one process: a run still marked running was cut off by the last stop.
  if (db.driver === 'pglite') await abandonTrainerRuns(db, now(), now());
  const anonymiser = createAnonymiser({
    threads: config.anonymiserThreads,
    log: app.log.child({ component: 'anonymiser' }),
    onHandBack: (reason, batches) => metrics.anonymiserHandBacks.inc({ reason }, batches),
  });
  metrics.watchAnonymiserThreads(() => anonymiser.threads);
  app.addHook('onClose', () => anonymiser.close());
  await anonymiser.ready;
  const trainer = createTrainerRunner({ db, gates: config.trainer, intervalMinutes: config.trainer.intervalMinutes, log: app.log.child({ component: 'trainer' }), now });
  app.addHook('onClose', () => trainer.close());

  await app.register(healthRoutes, { db });
  await app.register(reportRoutes, { db, anonymiser, now, rateLimits: config.rateLimits });
  await app.register(packRoutes, { db });
  await app.register(maintainerRoutes, { db, adminToken: secrets.adminToken, signer, trainer, now });
  await app.register(uiRoutes, { prefix: '/ui', db, adminToken: secrets.adminToken, signer, trainer, gates: config.trainer, loginPerMinute: config.rateLimits.loginPerMinute, now });
  return app;
}
