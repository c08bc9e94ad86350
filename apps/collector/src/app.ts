/** The whole collector as one Fastify instance; server.ts is the process around it. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Db } from '@tapheal/db';
import type { Config } from './env.js';
import { healthRoutes } from './routes/health.js';

export interface BuildAppOptions {
  config: Config;
  db: Db;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, db, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: logger ?? { level: config.logLevel } });
  await app.register(healthRoutes, { db });
  return app;
}
