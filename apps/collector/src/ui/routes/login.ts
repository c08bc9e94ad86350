/**
 * Signing in and out. The login form takes the maintainer token (a password field) and a name, which is
 * kept in the session and recorded with every action. A good token sets the signed session cookie; a
 * wrong one answers 401 and sets nothing. The form itself carries a one-off token that must match a
 * cookie set with it (no one can sign a browser in from another site).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMaintainerToken } from '../../plugins/auth.js';
import { field, type UiContext } from '../context.js';
import { parseCookies, serializeCookie } from '../cookies.js';
import { safeNext } from '../guard.js';
import { html } from '../html.js';
import { SESSION_COOKIE, SESSION_TTL_MS, cleanName, isSameSecret } from '../session.js';
import { createRateLimiter } from '../../services/rate-limiter.js';

export const LOGIN_COOKIE = 'tapheal_login';
const LOGIN_COOKIE_MAX_AGE_S = 3_600;

export function loginRoutes(app: FastifyInstance, ctx: UiContext, adminToken: string): void {
  const attempts = ctx.loginPerMinute > 0 ? createRateLimiter({ limit: ctx.loginPerMinute, windowMs: 60_000 }) : null;
  const secure = (request: FastifyRequest) => request.protocol === 'https';

  /** The form; a new login nonce cookie unless `nonce` keeps the one the browser holds (a refusal sets nothing). */
  const form = (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { status?: number; problem?: string; name?: string; next?: string; notice?: string; nonce?: string },
  ) => {
    const nonce = options.nonce ?? randomBytes(18).toString('base64url');
    if (!options.nonce) reply.header('set-cookie', serializeCookie(LOGIN_COOKIE, nonce, { maxAge: LOGIN_COOKIE_MAX_AGE_S, secure: secure(request) }));
    const body = html`<div class="login">
<p>Sign in with the maintainer token: <code>TAPHEAL_ADMIN_TOKEN</code>, or the file <code>DATA_DIR/admin-token</code> the collector wrote on its first start.</p>
<form method="post" action="/ui/login">
  <input type="hidden" name="_login" value="${nonce}">
  <input type="hidden" name="next" value="${safeNext(options.next)}">
  <label for="name">Your name</label>
  <input type="text" id="name" name="name" autocomplete="username" required maxlength="64" value="${options.name ?? ''}" aria-describedby="name-hint">
  <p class="hint" id="name-hint">Recorded with every label, merge and publication you make.</p>
  <label for="token">Maintainer token</label>
  <input type="password" id="token" name="token" autocomplete="current-password" required${options.problem ? html` aria-invalid="true" aria-describedby="problem"` : ''}>
  <button type="submit">Sign in</button>
</form></div>`;
    return ctx.send(request, reply, { title: 'Sign in', body, problem: options.problem ?? null, notice: options.notice ?? null }, options.status ?? 200);
  };

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (request.uiSession) return reply.redirect(safeNext(query.next), 303);
    return form(request, reply, { ...(query.next ? { next: query.next } : {}), ...(query.signed_out ? { notice: 'You are signed out.' } : {}) });
  });

  app.post('/login', { config: { public: true } }, async (request, reply) => {
    // Guessing the token: every sign-in, right or wrong, counts against the address.
    const verdict = attempts?.take(request.ip, 1, ctx.now().getTime());
    if (verdict && !verdict.allowed) {
      reply.header('Retry-After', String(verdict.retryAfterSeconds));
      return form(request, reply, { status: 429, problem: `Too many sign-in attempts from your address: wait ${verdict.retryAfterSeconds} s and try again.` });
    }
    const body = request.body as Record<string, unknown> | null;
    const next = safeNext(body?.next);
    const nonce = parseCookies(request.headers.cookie).get(LOGIN_COOKIE);
    if (!nonce || !isSameSecret(nonce, body?._login)) {
      return form(request, reply, { status: 403, next, problem: 'This sign-in form has expired or did not come from this page. It is shown again: sign in once more.' });
    }
    const name = cleanName(body?.name);
    if (!name) {
      return form(request, reply, { status: 400, next, name: field(body, 'name').slice(0, 64), problem: 'Give your name (1 to 64 characters): it is recorded with each action you take.' });
    }
    if (!isMaintainerToken(adminToken, typeof body?.token === 'string' ? body.token : undefined)) {
      request.log.warn('review UI sign-in with a wrong token');
      return form(request, reply, { status: 401, next, name, nonce, problem: 'That is not the maintainer token. No session was started.' });
    }
    const { cookie } = ctx.sessions.issue(name, ctx.now());
    request.log.info({ maintainer: name }, 'review UI sign-in');
    reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, cookie, { maxAge: SESSION_TTL_MS / 1000, secure: secure(request) }),
      serializeCookie(LOGIN_COOKIE, '', { maxAge: 0, secure: secure(request) }),
    ]);
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (request, reply) => {
    reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { maxAge: 0, secure: secure(request) }));
    return reply.redirect('/ui/login?signed_out=1', 303);
  });
}
