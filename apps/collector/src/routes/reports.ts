/**
 * `POST /v1/reports`: a batch of 1..100 reports; 202 with counts once committed. Rate limits come first:
 * per client address before the body is read, per install once it is validated. Every other refusal
 * is plugins/errors.ts's.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ReportBatchSchema } from '@tapheal/rules';
import type { Db } from '@tapheal/db';
import type { RateLimits } from '../env.js';
import type { Anonymiser } from '../services/anonymiser-pool.js';
import { ingestReports } from '../services/ingest.js';
import { createRateLimiter } from '../services/rate-limiter.js';
import { ErrorReply } from './error-reply.js';

const RATE_WINDOW_MS = 60_000;

export const reportRoutes: FastifyPluginAsyncZod<{ db: Db; anonymiser: Anonymiser; now: () => Date; rateLimits: RateLimits }> = async (app, { db, anonymiser, now, rateLimits }) => {
  const byAddress = rateLimits.addressPerMinute > 0 ? createRateLimiter({ limit: rateLimits.addressPerMinute, windowMs: RATE_WINDOW_MS }) : null;
  const byInstall = rateLimits.installPerMinute > 0 ? createRateLimiter({ limit: rateLimits.installPerMinute, windowMs: RATE_WINDOW_MS }) : null;
  const refuse = (reply: FastifyReply, retryAfterSeconds: number, what: string) => {
    app.metrics.rejectedBatches.inc({ reason: 'rate_limited' });
    return reply
      .code(429)
      .header('Retry-After', String(retryAfterSeconds))
      .send({ error: 'rate_limited', message: `too many reports from this ${what}; retry after ${retryAfterSeconds} s` });
  };

  app.post(
    '/v1/reports',
    {
      schema: {
        body: ReportBatchSchema,
        response: { 202: z.object({ accepted: z.number(), duplicates: z.number() }), 400: ErrorReply, 413: ErrorReply, 429: ErrorReply, 503: ErrorReply },
      },
      onRequest: async (request, reply) => {
        const verdict = byAddress?.take(request.ip, 1, now().getTime());
        if (verdict && !verdict.allowed) return refuse(reply, verdict.retryAfterSeconds, 'address');
      },
      preHandler: async (request, reply) => {
        if (!byInstall) return;
        const perInstall = new Map<string, number>();
        for (const { installId } of request.body.reports) perInstall.set(installId, (perInstall.get(installId) ?? 0) + 1);
        for (const [installId, count] of perInstall) {
          const verdict = byInstall.take(installId, Math.min(count, rateLimits.installPerMinute), now().getTime());
          if (!verdict.allowed) return refuse(reply, verdict.retryAfterSeconds, 'install');
        }
      },
    },
    async (request, reply) => {
      const stopTimer = app.metrics.ingestSeconds.startTimer();
      const result = await ingestReports(db, anonymiser, request.body.reports, now());
      stopTimer();
      app.metrics.reports.inc({ outcome: 'accepted' }, result.accepted);
      app.metrics.reports.inc({ outcome: 'duplicate' }, result.duplicates);
      request.log.info({ accepted: result.accepted, duplicates: result.duplicates }, 'reports ingested');
      return reply.code(202).send(result);
    },
  );
};
