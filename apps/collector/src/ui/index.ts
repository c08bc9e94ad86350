/**
 * The maintainers' review UI at /ui: server-rendered pages and plain forms (POST, then redirect), no
 * front-end build. Same origin and the same maintainer token as the API, through a login that sets a
 * signed, HttpOnly, SameSite=Strict session cookie. Register with `{ prefix: '/ui' }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '@tapheal/db';
import { safeError } from '../plugins/errors.js';
import { loadAssets, registerAssetRoutes } from './assets.js';
import { createSend, type UiContext, type UiOptions } from './context.js';
import { registerGuard } from './guard.js';
import { html } from './html.js';
import { createPackMatchers } from './pack-matchers.js';
import { clusterActionRoutes } from './routes/cluster-actions.js';
import { clusterRoutes } from './routes/clusters.js';
import { loginRoutes } from './routes/login.js';
import { overviewRoutes } from './routes/overview.js';
import { packRoutes } from './routes/packs.js';
import { runRoutes } from './routes/runs.js';
import { createSessionCodec } from './session.js';

/** A form post is a few fields; nothing the UI takes is near this. */
export const MAX_FORM_BYTES = 64 * 1024;

export async function uiRoutes(app: FastifyInstance, options: UiOptions): Promise<void> {
  const { adminToken, ...rest } = options;
  const assets = loadAssets();
  const ctx: UiContext = { ...rest, assets, sessions: createSessionCodec(adminToken), matchers: createPackMatchers(), send: createSend(assets) };
  app.decorateRequest('uiSession', null);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MAX_FORM_BYTES }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('cache-control', 'no-store');
    return payload;
  });
  registerGuard(app, ctx);
  registerErrorPages(app, ctx);
  registerAssetRoutes(app, assets);
  loginRoutes(app, ctx, adminToken);
  overviewRoutes(app, ctx);
  clusterRoutes(app, ctx);
  clusterActionRoutes(app, ctx);
  packRoutes(app, ctx);
  runRoutes(app, ctx);
}

function registerErrorPages(app: FastifyInstance, ctx: UiContext): void {
  const page = (message: string) => html`<p>${message}</p><p><a href="/ui">Back to the overview</a></p>`;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const issues = error.validation.slice(0, 3).map((issue) => `${error.validationContext ?? 'request'}${issue.instancePath ?? ''}: ${issue.message ?? 'invalid'}`);
      return ctx.send(request, reply, { title: 'Bad request', body: page(`This address has a parameter the page does not take (${issues.join('; ')}).`) }, 400);
    }
    if (error.code === 'INVALID_CURSOR') {
      return ctx.send(request, reply, { title: 'Bad request', body: page('That page link is no longer valid: start again from the first page.') }, 400);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return ctx.send(request, reply, { title: 'Too large', body: page('That form was too large, so nothing was changed.') }, 413);
    }
    if (error.statusCode === 415) {
      return ctx.send(request, reply, { title: 'Refused', body: page('The review UI takes forms only, so nothing was changed.') }, 415);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: safeError(error) }, 'database unavailable');
      reply.header('retry-after', '5');
      return ctx.send(request, reply, { title: 'Database unavailable', body: page('The database cannot be reached right now. Nothing was changed; try again in a few seconds.') }, 503);
    }
    request.log.error({ err: safeError(error) }, 'review UI request failed');
    return ctx.send(request, reply, { title: 'Something went wrong', body: page('The collector could not show this page. The error is in its log, with this request’s id.') }, 500);
  });
  app.setNotFoundHandler((request, reply) => ctx.send(request, reply, { title: 'Not found', body: page('There is no such page in the review UI.') }, 404));
}
