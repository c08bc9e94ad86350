/** Trainer runs on demand: `POST /v1/trainer/runs` answers 202 with the run's id; GET tells its status. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getTrainerRun, listTrainerRuns, type Db, type TrainerRunRecord } from '@tapheal/db';
import type { TrainerRunner } from '../../services/trainer-runner.js';
import { ErrorReply, iso } from '../error-reply.js';

const RunView = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  trigger: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  stats: z.unknown(),
});

const toRunView = (run: TrainerRunRecord): z.infer<typeof RunView> => ({
  id: run.id,
  status: run.status as z.infer<typeof RunView>['status'],
  trigger: run.trigger,
  startedAt: iso(run.startedAt)!,
  finishedAt: iso(run.finishedAt),
  error: run.error,
  stats: run.stats ?? null,
});

export const trainerRoutes: FastifyPluginAsyncZod<{ db: Db; trainer: TrainerRunner }> = async (app, { db, trainer }) => {
  app.post('/v1/trainer/runs', { schema: { response: { 202: z.object({ id: z.string() }), 409: ErrorReply } } }, async (_request, reply) => {
    return reply.code(202).send(await trainer.start('api'));
  });

  app.get(
    '/v1/trainer/runs',
    { schema: { querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.object({ runs: z.array(RunView) }) } } },
    async (request) => ({ runs: (await listTrainerRuns(db, request.query.limit)).map(toRunView) }),
  );

  app.get(
    '/v1/trainer/runs/:id',
    { schema: { params: z.object({ id: z.uuid() }), response: { 200: RunView, 404: ErrorReply } } },
    async (request, reply) => {
      const run = await getTrainerRun(db, request.params.id);
      return run ? toRunView(run) : reply.code(404).send({ error: 'not_found', message: `no trainer run ${request.params.id}` });
    },
  );
};
