import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ReportBatchSchema } from '@tapheal/rules';
import type { Db } from '@tapheal/db';
import { ingestReports } from '../services/ingest.js';

const ErrorReply = z.object({ error: z.string(), message: z.string() });

/** `POST /v1/reports`: a batch of 1..100 reports; 202 with counts once committed. */
export const reportRoutes: FastifyPluginAsyncZod<{ db: Db; now: () => Date }> = async (app, { db, now }) => {
  app.post(
    '/v1/reports',
    {
      schema: {
        body: ReportBatchSchema,
        response: { 202: z.object({ accepted: z.number(), duplicates: z.number() }), 400: ErrorReply, 413: ErrorReply, 503: ErrorReply },
      },
    },
    async (request, reply) => {
      const result = await ingestReports(db, request.body.reports, now());
      request.log.info({ accepted: result.accepted, duplicates: result.duplicates }, 'reports ingested');
      return reply.code(202).send(result);
    },
  );
};
