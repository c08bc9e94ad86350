/**
 * Driving the review UI with inject: sign in through the login form (as a browser would: the form's
 * nonce, its cookie, then the session cookie), then get pages and post forms with the session's CSRF
 * token. Each step asserts the status it expects, so a failing step names itself.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export interface UiSession {
  cookie: string;
  csrf: string;
  name: string;
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The value of `name` in a Set-Cookie header list ('' when set empty), or undefined when not set. */
export function setCookie(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie'];
  const all = header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
  const line = all.find((value) => value.startsWith(`${name}=`));
  return line === undefined ? undefined : line.slice(name.length + 1).split(';')[0];
}

export function setCookieLine(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie'];
  const all = header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
  return all.find((value) => value.startsWith(`${name}=`));
}

export const encodeForm = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** GET /ui/login and the nonce its form and cookie carry. */
export async function openLoginForm(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ url: '/ui/login' });
  expect(response.statusCode, response.body).toBe(200);
  const nonce = setCookie(response, 'tapheal_login');
  expect(nonce).toBeTruthy();
  expect(response.body).toContain(`name="_login" value="${nonce}"`);
  return nonce!;
}

export async function postLogin(app: FastifyInstance, fields: Record<string, string>, nonce?: string) {
  const login = nonce ?? (await openLoginForm(app));
  return app.inject({ method: 'POST', url: '/ui/login', headers: { ...FORM, cookie: `tapheal_login=${login}` }, payload: encodeForm({ _login: login, ...fields }) });
}

/** Signs in as `name` and returns the session cookie and the CSRF token its pages carry. */
export async function signIn(app: FastifyInstance, token: string, name = 'Ada Maintainer'): Promise<UiSession> {
  const response = await postLogin(app, { name, token, next: '/ui' });
  expect(response.statusCode, response.body).toBe(303);
  const cookie = `tapheal_session=${setCookie(response, 'tapheal_session')}`;
  const page = await app.inject({ url: '/ui/runs', headers: { cookie } });
  expect(page.statusCode).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  expect(csrf).toBeTruthy();
  return { cookie, csrf: csrf!, name };
}

export async function getPage(app: FastifyInstance, session: UiSession, url: string, status = 200): Promise<LightMyRequestResponse> {
  const response = await app.inject({ url, headers: { cookie: session.cookie } });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 2000)}`).toBe(status);
  return response;
}

/** Posts a form with the session's CSRF token (unless `_csrf` is given) and extra headers. */
export async function postForm(app: FastifyInstance, session: UiSession, url: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, headers: { ...FORM, cookie: session.cookie, ...headers }, payload: encodeForm({ _csrf: session.csrf, ...fields }) });
}

/** The text of a page without tags, white space collapsed: what a reader sees. */
export function textOf(body: string): string {
  return body
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<\/?(?:a|code|strong|em|b)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
