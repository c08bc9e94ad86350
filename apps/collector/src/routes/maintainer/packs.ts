/**
 * Publishing for maintainers: `POST /v1/packs` builds, evaluates, signs and publishes a pack from the
 * confirmed clusters (201, or 409/422 with the reasons); `POST /v1/packs/{version}/yank`; `GET /v1/packs`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPacks, yankPack, type Db } from '@tapheal/db';
import { publishFromClusters, type PackSigner } from '@tapheal/trainer';
import { ErrorReply, iso } from '../error-reply.js';

const YANK_ANSWERS = {
  not_found: [404, 'no such pack version'],
  already_yanked: [409, 'that pack was yanked already'],
  last_servable: [409, 'it is the last pack clients can fetch: publish a better one first'],
} as const;

const Published = z.object({ version: z.number(), etag: z.string(), rules: z.number(), evaluation: z.unknown() });

export const maintainerPackRoutes: FastifyPluginAsyncZod<{ db: Db; signer: PackSigner }> = async (app, { db, signer }) => {
  app.post('/v1/packs', { schema: { response: { 201: Published, 409: ErrorReply, 422: ErrorReply } } }, async (request, reply) => {
    const outcome = await publishFromClusters(db, signer);
    if (!outcome.ok) {
      return reply.code(outcome.status).send({ error: outcome.error, message: outcome.reasons.join('; '), reasons: outcome.reasons, evaluation: outcome.evaluation ?? null });
    }
    request.log.info({ version: outcome.pack.version, rules: outcome.pack.rules }, 'pack published');
    return reply.code(201).send({ version: outcome.pack.version, etag: outcome.pack.etag, rules: outcome.pack.rules, evaluation: outcome.evaluation });
  });

  app.get('/v1/packs', async () => ({
    packs: (await listPacks(db)).map((pack) => ({
      ...pack,
      createdAt: iso(pack.createdAt),
      expiresAt: iso(pack.expiresAt),
      yankedAt: iso(pack.yankedAt),
    })),
  }));

  app.post(
    '/v1/packs/:version/yank',
    {
      schema: {
        params: z.object({ version: z.coerce.number().int().positive().max(2_147_483_647) }),
        body: z.strictObject({ reason: z.string().max(500).optional() }).nullish(),
        response: { 200: z.object({ version: z.number(), yankedAt: z.string() }), 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const result = await yankPack(db, request.params.version, request.body?.reason ?? null, signer.now());
      if (!result.ok) {
        const [status, message] = YANK_ANSWERS[result.reason];
        return reply.code(status).send({ error: result.reason, message });
      }
      request.log.info({ version: result.pack.version }, 'pack yanked');
      return { version: result.pack.version, yankedAt: iso(result.pack.yankedAt)! };
    },
  );
};
