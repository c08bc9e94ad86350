/** The whole collector as one Fastify instance; server.ts is the process around it. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '@tapheal/db';
import type { Config } from './env.js';
import { registerContentEncoding } from './plugins/content-encoding.js';
import { registerErrorHandlers } from './plugins/errors.js';
import { healthRoutes } from './routes/health.js';
import { reportRoutes } from './routes/reports.js';

/** The largest request body, after gzip decoding: 100 reports of 8 KiB messages and their fields. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface BuildAppOptions {
  config: Config;
  db: Db;
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
}

export async function buildApp({ config, db, logger, now = () => new Date() }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: ['req.headers.authorization', '*.token', '*.secret'] },
    bodyLimit: MAX_BODY_BYTES,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);
  registerContentEncoding(app);
  await app.register(healthRoutes, { db });
  await app.register(reportRoutes, { db, now });
  return app;
}
