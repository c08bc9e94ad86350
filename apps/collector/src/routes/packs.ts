/**
 * Pack distribution, open to everyone: `GET /v1/packs/latest` (ETag, 304 on a matching If-None-Match),
 * `GET /v1/packs/{version}` (immutable; 410 once yanked) and `GET /v1/keys`. Bodies and ETags come from
 * the database, so every replica answers the same bytes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { latestPack, listSigningKeys, packByVersion, type Db, type PackRecord } from '@tapheal/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorReply } from './error-reply.js';

/** How long caches may keep a versioned pack without asking again: a yank reaches them within this. */
export const VERSIONED_PACK_MAX_AGE_SECONDS = 86_400;

export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function sendPack(request: FastifyRequest, reply: FastifyReply, pack: PackRecord, cacheControl: string) {
  reply.header('ETag', pack.etag).header('Cache-Control', cacheControl).header('Tapheal-Pack-Version', String(pack.version));
  if (etagMatches(request.headers['if-none-match'], pack.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(pack.body);
}

export const packRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/v1/packs/latest', { schema: { response: { 404: ErrorReply } } }, async (request, reply) => {
    const pack = await latestPack(db);
    if (!pack) return reply.code(404).send({ error: 'no_pack', message: 'no pack has been published' });
    return sendPack(request, reply, pack, 'no-cache');
  });

  app.get(
    '/v1/packs/:version',
    { schema: { params: z.object({ version: z.coerce.number().int().positive().max(2_147_483_647) }), response: { 404: ErrorReply, 410: ErrorReply } } },
    async (request, reply) => {
      const pack = await packByVersion(db, request.params.version);
      if (!pack) return reply.code(404).send({ error: 'not_found', message: `no pack version ${request.params.version}` });
      if (pack.yankedAt) {
        return reply.code(410).send({ error: 'yanked', message: `pack version ${pack.version} was yanked${pack.yankReason ? `: ${pack.yankReason}` : ''}` });
      }
      return sendPack(request, reply, pack, `public, max-age=${VERSIONED_PACK_MAX_AGE_SECONDS}, immutable`);
    },
  );

  app.get(
    '/v1/keys',
    { schema: { response: { 200: z.object({ keys: z.array(z.object({ keyid: z.string(), pem: z.string() })) }) } } },
    async () => ({ keys: await listSigningKeys(db) }),
  );
};
