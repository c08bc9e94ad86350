import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { parseCookies, serializeCookie } from '../../../apps/collector/src/ui/cookies.js';
import { isCrossSite, safeNext } from '../../../apps/collector/src/ui/guard.js';
import { SESSION_TTL_MS, cleanName, createSessionCodec, isSameSecret } from '../../../apps/collector/src/ui/session.js';

const TOKEN = 'a-maintainer-token-for-these-tests';
const NOW = new Date('2026-11-25T12:00:00.000Z');

describe('the session codec', () => {
  const codec = createSessionCodec(TOKEN);

  it('opens what it issued: the name, a CSRF token and the expiry', () => {
    const { session, cookie } = codec.issue('Ada', NOW);
    expect(session).toMatchObject({ name: 'Ada', expiresAt: NOW.getTime() + SESSION_TTL_MS });
    expect(session.csrf.length).toBeGreaterThanOrEqual(32);
    expect(codec.open(cookie, NOW)).toEqual(session);
  });

  it('gives every session its own CSRF token', () => {
    expect(codec.issue('Ada', NOW).session.csrf).not.toBe(codec.issue('Ada', NOW).session.csrf);
  });

  it('does not carry the token itself', () => {
    const { cookie } = codec.issue('Ada', NOW);
    expect(cookie).not.toContain(TOKEN);
    expect(Buffer.from(cookie.split('.')[0]!, 'base64url').toString()).not.toContain(TOKEN);
  });

  it('refuses a session once it has expired', () => {
    const { cookie } = codec.issue('Ada', NOW);
    expect(codec.open(cookie, new Date(NOW.getTime() + SESSION_TTL_MS - 1))).not.toBeNull();
    expect(codec.open(cookie, new Date(NOW.getTime() + SESSION_TTL_MS))).toBeNull();
  });

  it('refuses a session made with another maintainer token', () => {
    const { cookie } = createSessionCodec('another-token-entirely-000').issue('Ada', NOW);
    expect(codec.open(cookie, NOW)).toBeNull();
  });

  it('refuses a payload changed after signing (a new name, a later expiry)', () => {
    const { cookie } = codec.issue('Ada', NOW);
    const [payload, mac] = cookie.split('.') as [string, string];
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const forged of [{ ...session, name: 'Mallory' }, { ...session, expiresAt: session.expiresAt + 1e9 }]) {
      expect(codec.open(`${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`, NOW)).toBeNull();
    }
  });

  it.each([
    ['no cookie', undefined],
    ['an empty cookie', ''],
    ['no signature', 'eyJ9'],
    ['three parts', 'a.b.c'],
    ['a signature of the wrong length', 'eyJ9.AAAA'],
    ['the raw token', TOKEN],
  ])('refuses %s', (_what, value) => {
    expect(codec.open(value, NOW)).toBeNull();
  });
});

describe('isSameSecret', () => {
  it.each([
    ['the same value', 'abcdefghijklmnop', true],
    ['another value of the same length', 'abcdefghijklmnoq', false],
    ['a prefix', 'abcdefghijklmno', false],
    ['an empty string', '', false],
    ['a non-string', 42, false],
    ['nothing', undefined, false],
  ])('answers %s with %s', (_what, presented, expected) => {
    expect(isSameSecret('abcdefghijklmnop', presented)).toBe(expected);
  });
});

describe('cleanName', () => {
  it.each([
    ['  Ada Lovelace ', 'Ada Lovelace'],
    ['李雷', '李雷'],
    ['', null],
    ['   ', null],
    ['x'.repeat(65), null],
    ['Ada\nAdmin', null],
    [42, null],
  ])('takes %j as %j', (input, expected) => {
    expect(cleanName(input)).toBe(expected);
  });
});

describe('cookies', () => {
  it('reads each cookie once, the first value winning', () => {
    expect(parseCookies('a=1; b=x=y;a=2; junk; =v')).toEqual(new Map([['a', '1'], ['b', 'x=y']]));
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('writes HttpOnly, SameSite=Strict cookies on /ui, Secure only when asked', () => {
    expect(serializeCookie('s', 'v', { maxAge: 60, secure: false })).toBe('s=v; Path=/ui; Max-Age=60; HttpOnly; SameSite=Strict');
    expect(serializeCookie('s', '', { maxAge: 0, secure: true })).toBe('s=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict; Secure');
  });
});

describe('isCrossSite', () => {
  const request = (headers: Record<string, string>, protocol = 'http') => ({ headers: { host: '127.0.0.1:8787', ...headers }, protocol }) as unknown as FastifyRequest;

  it.each([
    ['no Origin and no Sec-Fetch-Site (a non-browser client)', {}, false],
    ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, false],
    ['Sec-Fetch-Site none (typed by the user)', { 'sec-fetch-site': 'none' }, false],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, true],
    ['Sec-Fetch-Site same-site (another origin of the site)', { 'sec-fetch-site': 'same-site' }, true],
    ['the same Origin', { origin: 'http://127.0.0.1:8787' }, false],
    ['another host', { origin: 'http://evil.example' }, true],
    ['another port', { origin: 'http://127.0.0.1:9999' }, true],
    ['another scheme', { origin: 'https://127.0.0.1:8787' }, true],
    ['Origin null', { origin: 'null' }, true],
    ['a same Origin but a cross-site fetch', { origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'cross-site' }, true],
  ])('%s: %s', (_what, headers, expected) => {
    expect(isCrossSite(request(headers))).toBe(expected);
  });

  it('takes a default port written out on one side only as the same origin', () => {
    const onPort80 = { headers: { host: 'localhost:80', origin: 'http://localhost' }, protocol: 'http' } as unknown as FastifyRequest;
    expect(isCrossSite(onPort80)).toBe(false);
  });
});

describe('safeNext', () => {
  it.each([
    ['/ui/clusters?status=candidate', '/ui/clusters?status=candidate'],
    ['/ui', '/ui'],
    ['/ui/', '/ui/'],
    ['https://evil.example/ui', '/ui'],
    ['//evil.example', '/ui'],
    ['/uix', '/ui'],
    ['/v1/clusters', '/ui'],
    ['/ui/\\evil', '/ui'],
    [undefined, '/ui'],
  ])('sends %j to %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
