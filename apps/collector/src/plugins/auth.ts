/**
 * Bearer-token auth for the maintainer API. Both sides are hashed before a constant-time comparison, so
 * neither the token's content nor its length leaks through timing. 401 carries `WWW-Authenticate`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function isMaintainerToken(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(expected), digest(presented));
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Adds the check to every route of `app` (an encapsulated plugin scope). */
export function requireMaintainer(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (isMaintainerToken(token, bearerOf(request))) return;
    return reply
      .code(401)
      .header('WWW-Authenticate', 'Bearer realm="tapheal maintainers"')
      .send({ error: 'unauthorized', message: 'a maintainer token is needed: Authorization: Bearer <token>' });
  });
}
