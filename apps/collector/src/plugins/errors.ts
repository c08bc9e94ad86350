/**
 * The one place where failures become answers (DESIGN.md contracts): 400 naming the field, 413 too
 * large, 415 unknown encoding, 503 with Retry-After when the database is unavailable, 500 otherwise.
 * Nothing of a request body is echoed back.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '@tapheal/db';

export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; message?: string } };
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return reply.code(400).send({ error: 'invalid_request', message: describeValidation(error) });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return reply.code(413).send({ error: 'too_large', message: 'request body is over the size limit' });
    }
    if (error.statusCode === 415) return reply.code(415).send({ error: 'unsupported_media_type', message: error.message });
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.statusCode === 400) {
      return reply.code(400).send({ error: 'invalid_request', message: 'body is not valid JSON' });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)).send({ error: 'unavailable', message: 'database unavailable, retry later' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));
}

function describeValidation(error: FastifyError): string {
  const issues = (error.validation ?? []) as ValidationIssue[];
  const parts = issues.slice(0, 5).map((issue) => {
    const path = issue.instancePath ?? '';
    const where = `body${path.replace(/\//g, '/')}`;
    return `${where}: ${issue.message ?? 'invalid'}`;
  });
  return parts.length > 0 ? parts.join('; ') : error.message;
}
