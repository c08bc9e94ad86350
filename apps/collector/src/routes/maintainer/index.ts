/** The maintainer API: every route in this scope needs the bearer token. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '@tapheal/db';
import { requireMaintainer } from '../../plugins/auth.js';
import type { PackSigner } from '@tapheal/trainer';
import type { TrainerRunner } from '../../services/trainer-runner.js';
import { clusterRoutes } from './clusters.js';
import { maintainerPackRoutes } from './packs.js';
import { maintainerReportRoutes } from './reports.js';
import { trainerRoutes } from './trainer.js';

export interface MaintainerOptions {
  db: Db;
  adminToken: string;
  signer: PackSigner;
  trainer: TrainerRunner;
  now: () => Date;
}

export async function maintainerRoutes(app: FastifyInstance, { db, adminToken, signer, trainer, now }: MaintainerOptions): Promise<void> {
  requireMaintainer(app, adminToken);
  await app.register(maintainerReportRoutes, { db });
  await app.register(clusterRoutes, { db, now });
  await app.register(trainerRoutes, { db, trainer });
  await app.register(maintainerPackRoutes, { db, signer });
}
