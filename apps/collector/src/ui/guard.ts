/**
 * Who may reach the review UI, checked on every request: a state-changing request from another site is
 * refused (Origin or Sec-Fetch-Site), a page without a session sends the browser to the login form, and
 * a form posted without the session's CSRF token is refused. The session cookie is HttpOnly and
 * SameSite=Strict besides, so a cross-site form carries no session in the first place.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseCookies } from './cookies.js';
import type { UiContext } from './context.js';
import { html } from './html.js';
import { SESSION_COOKIE, isSameSecret } from './session.js';

const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD';

/** Whether the browser says the request comes from another site (or another origin). */
export function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    // Both through URL, so that a default port written out on one side only (":80") still compares equal.
    const own = new URL(`${request.protocol}://${request.headers.host ?? ''}`);
    return new URL(origin).origin !== own.origin;
  } catch {
    return true; // "null" (sandboxed frames, file:) and anything else that is not an origin
  }
}

/** Only paths inside the UI may be a `next` after login, so the login form cannot send anyone elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/ui(?:[/?][^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/ui';
}

export function registerGuard(app: FastifyInstance, ctx: UiContext): void {
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string) =>
    ctx.send(request, reply, { title, body: html`<p>${message}</p><p><a href="/ui">Back to the overview</a></p>` }, status);

  app.addHook('onRequest', async (request, reply) => {
    reply
      .header('content-security-policy', "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY');
    request.uiSession = ctx.sessions.open(parseCookies(request.headers.cookie).get(SESSION_COOKIE), ctx.now());
    if (!isSafeMethod(request.method) && isCrossSite(request)) {
      request.log.warn({ origin: request.headers.origin, fetchSite: request.headers['sec-fetch-site'] }, 'cross-site form refused');
      return refuse(request, reply, 403, 'Refused', 'This form was sent from another site. Nothing was changed. Use the review UI itself.');
    }
    if (request.routeOptions.config?.public) return;
    if (request.uiSession) return;
    if (isSafeMethod(request.method)) return reply.redirect(`/ui/login?next=${encodeURIComponent(request.url)}`, 303);
    return refuse(request, reply, 401, 'Signed out', 'Your session has ended, so nothing was changed. Sign in again and repeat the action.');
  });

  app.addHook('preHandler', async (request, reply) => {
    if (isSafeMethod(request.method) || request.routeOptions.config?.public) return;
    const presented = (request.body as Record<string, unknown> | null)?._csrf;
    if (!isSameSecret(request.uiSession!.csrf, presented)) {
      request.log.warn('form without a valid CSRF token refused');
      return refuse(request, reply, 403, 'Refused', 'This form did not carry this session’s CSRF token, so nothing was changed. Reload the page and try again.');
    }
  });
}
