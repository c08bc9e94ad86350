/**
 * The one place where failures become answers (DESIGN.md contracts): 400 naming the field (or, for a
 * report batch, the database's data exception: a value validation let through that it cannot store), 413 too
 * large, 415 unknown encoding, 409 for a busy trainer, 503 with Retry-After when the database is
 * unavailable, 500 otherwise. Nothing of a request body is echoed back or logged: a database error is
 * logged by its code and innermost message only, because drivers put query parameters (report
 * messages) into their error objects and messages.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '@tapheal/db';
import type { Metrics, RejectionReason } from './metrics.js';

export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

/** Domain errors (a stable `code`) and the status each maps to. */
const DOMAIN_STATUS: Record<string, number> = { INVALID_CURSOR: 400, TRAINER_BUSY: 409 };

export function registerErrorHandlers(app: FastifyInstance, metrics: Metrics): void {
  const rejected = (request: FastifyRequest, reason: RejectionReason) => {
    if (isReportRoute(request)) metrics.rejectedBatches.inc({ reason });
  };
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      rejected(request, 'invalid');
      return reply.code(400).send({ error: 'invalid_request', message: describeValidation(error) });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      rejected(request, 'too_large');
      return reply.code(413).send({ error: 'too_large', message: 'request body is over the size limit' });
    }
    if (error.statusCode === 415) {
      rejected(request, 'unsupported_encoding');
      return reply.code(415).send({ error: 'unsupported_media_type', message: error.message });
    }
    const domainStatus = DOMAIN_STATUS[error.code];
    if (domainStatus) {
      const details = (error as { details?: Record<string, unknown> }).details ?? {};
      return reply.code(domainStatus).send({ error: error.code.toLowerCase(), message: error.message, ...details });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.statusCode === 400) {
      rejected(request, 'invalid');
      return reply.code(400).send({ error: 'invalid_request', message: 'body is not valid JSON' });
    }
    if (isDatabaseUnavailable(error)) {
      rejected(request, 'unavailable');
      metrics.databaseErrors.inc({ kind: 'unavailable' });
      request.log.warn({ err: safeError(error) }, 'database unavailable');
      return reply.code(503).header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)).send({ error: 'unavailable', message: 'database unavailable, retry later' });
    }
    if (isReportRoute(request) && isDataException(error)) {
      // Validation let through a value the database refuses: a retry would fail the same way, forever,
      // and hold up the client's queue behind it. 400 lets the client drop the batch.
      rejected(request, 'invalid');
      const code = (innermost(error) as { code: string }).code;
      request.log.warn({ err: { code } }, 'report batch the database cannot store');
      return reply.code(400).send({ error: 'unstorable', message: `a report holds a value the database cannot store (SQLSTATE ${code}); nothing of this batch is stored` });
    }
    if (isDatabaseError(error)) metrics.databaseErrors.inc({ kind: 'other' });
    request.log.error({ err: safeError(error) }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));
}

function describeValidation(error: FastifyError): string {
  const issues = (error.validation ?? []) as ValidationIssue[];
  const where = error.validationContext ?? 'body';
  const parts = issues.slice(0, 5).map((issue) => `${where}${issue.instancePath ?? ''}: ${issue.message ?? 'invalid'}`);
  return parts.length > 0 ? parts.join('; ') : error.message;
}

/** Drizzle wraps driver errors in one whose message holds the query and its parameters. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && (current as { cause?: unknown })?.cause; depth++) current = (current as { cause: unknown }).cause;
  return current;
}

const isReportRoute = (request: FastifyRequest): boolean => request.method === 'POST' && request.routeOptions.url === '/v1/reports';

/** SQLSTATE class 22, data exception: a value out of range, too long, or not valid for its type. */
function isDataException(error: unknown): boolean {
  const code = (innermost(error) as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

function isDatabaseError(error: unknown): boolean {
  return error !== innermost(error) || typeof (error as { severity?: unknown }).severity === 'string';
}

/** What may be logged of an error: its type, code and innermost message, and the stack of the outer one. */
export function safeError(error: unknown): Record<string, unknown> {
  const inner = innermost(error) as { name?: string; code?: unknown; message?: string };
  const outer = error as { name?: string; stack?: string };
  if (inner === error) return { type: outer.name, code: inner.code, message: inner.message, stack: outer.stack };
  return { type: outer.name, code: inner.code, message: inner.message, cause: inner.name };
}
