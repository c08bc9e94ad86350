/**
 * Who gets into the review UI, through inject: the login form, wrong tokens, the session cookie's flags,
 * CSRF tokens and cross-site requests on every form, logout, the CSP, and escaping of stored text.
 */
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/build-app.js';
import { testDatabases } from '../../helpers/db.js';
import { NO_RATE_LIMITS, clusterWith, createClock, postReports, reportsOf, runTrainer, useMaintainerApp } from '../../helpers/maintainer.js';
import { FORM, encodeForm, getPage, openLoginForm, postForm, postLogin, setCookie, setCookieLine, signIn, textOf } from '../../helpers/ui.js';

const NOW = '2026-11-25T12:00:00.000Z';

describe.each(testDatabases())('review UI sign-in and request checks on $name', ({ open }) => {
  const clock = createClock(NOW);
  const suite = useMaintainerApp(open, { clock, start: NOW, env: { TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' } });

  /** A candidate cluster to aim forms at. */
  async function seedCluster() {
    await postReports(suite.api, reportsOf('Flux capacitor overheated at 88 mph', 2, 2));
    await runTrainer(suite.api);
    return clusterWith(suite.api, 'Flux capacitor');
  }

  describe('signing in', () => {
    it('sends a browser without a session to the login form, keeping where it was going', async () => {
      for (const url of ['/ui', '/ui/clusters?status=candidate', '/ui/packs']) {
        const response = await suite.app.inject({ url });
        expect(response.statusCode).toBe(303);
        expect(response.headers.location).toBe(`/ui/login?next=${encodeURIComponent(url)}`);
      }
    });

    it('shows a login form with labelled name and password fields', async () => {
      const response = await suite.app.inject({ url: '/ui/login' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/<label for="name">[^<]+<\/label>\s*<input type="text" id="name" name="name"/);
      expect(response.body).toMatch(/<label for="token">[^<]+<\/label>\s*<input type="password" id="token" name="token"/);
      expect(setCookieLine(response, 'tapheal_login')).toMatch(/; Path=\/ui; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    });

    it('starts a session with the right token: a signed, HttpOnly, SameSite=Strict cookie on /ui, not the token', async () => {
      const response = await postLogin(suite.app, { name: 'Ada', token: suite.adminToken, next: '/ui/clusters' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/ui/clusters');
      const line = setCookieLine(response, 'tapheal_session')!;
      expect(line).toMatch(/^tapheal_session=[\w-]+\.[\w-]+; Path=\/ui; Max-Age=43200; HttpOnly; SameSite=Strict$/);
      expect(line).not.toContain(suite.adminToken);
      const page = await suite.app.inject({ url: '/ui/clusters', headers: { cookie: `tapheal_session=${setCookie(response, 'tapheal_session')}` } });
      expect(page.statusCode).toBe(200);
      expect(textOf(page.body)).toContain('Signed in as Ada');
    });

    it('marks the cookie Secure when the request came over https', async () => {
      const https = await buildTestApp(suite.db, { env: { ...NO_RATE_LIMITS, TAPHEAL_TRUST_PROXY: 'true' } });
      try {
        const nonce = await openLoginForm(https.app);
        const response = await https.app.inject({
          method: 'POST',
          url: '/ui/login',
          headers: { ...FORM, cookie: `tapheal_login=${nonce}`, 'x-forwarded-proto': 'https' },
          payload: encodeForm({ _login: nonce, name: 'Ada', token: https.adminToken }),
        });
        expect(response.statusCode).toBe(303);
        expect(setCookieLine(response, 'tapheal_session')).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
      } finally {
        await https.app.close();
      }
    });

    it.each([
      ['a wrong token', `${'x'.repeat(20)}`],
      ['the token with one more character', 'EXTRA'],
      ['an empty token', ''],
    ])('refuses %s with 401, says so, and sets no cookie', async (_what, token) => {
      const presented = token === 'EXTRA' ? `${suite.adminToken}x` : token;
      const response = await postLogin(suite.app, { name: 'Ada', token: presented });
      expect(response.statusCode).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(textOf(response.body)).toContain('That is not the maintainer token. No session was started.');
      expect(response.body).toContain('value="Ada"');
      expect(response.body).not.toContain(presented || 'never-there');
    });

    it('asks for a name, keeps what was typed, and starts no session without one', async () => {
      const response = await postLogin(suite.app, { name: '  ', token: suite.adminToken });
      expect(response.statusCode).toBe(400);
      expect(textOf(response.body)).toContain('Give your name (1 to 64 characters)');
      expect(setCookie(response, 'tapheal_session')).toBeUndefined();
    });

    it('refuses a login post without the form’s nonce cookie (a form from elsewhere), starting no session', async () => {
      const response = await suite.app.inject({ method: 'POST', url: '/ui/login', headers: FORM, payload: encodeForm({ _login: 'made-up', name: 'Ada', token: suite.adminToken }) });
      expect(response.statusCode).toBe(403);
      expect(setCookie(response, 'tapheal_session')).toBeUndefined();
      expect(textOf(response.body)).toContain('This sign-in form has expired or did not come from this page');
    });

    it.each(['https://evil.example/ui', '//evil.example/ui', '/v1/reports'])('never sends a signed-in browser outside the UI (next=%s)', async (next) => {
      const response = await postLogin(suite.app, { name: 'Ada', token: suite.adminToken, next });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/ui');
    });

    it('treats a tampered or foreign session cookie as no session', async () => {
      const session = await signIn(suite.app, suite.adminToken);
      const [payload, mac] = session.cookie.slice('tapheal_session='.length).split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), name: 'Mallory' })).toString('base64url');
      for (const cookie of [`tapheal_session=${forged}.${mac}`, `tapheal_session=${suite.adminToken}`, 'tapheal_session=']) {
        const response = await suite.app.inject({ url: '/ui/clusters', headers: { cookie } });
        expect(response.statusCode).toBe(303);
      }
    });

    it('ends the session on sign-out', async () => {
      const session = await signIn(suite.app, suite.adminToken);
      const response = await postForm(suite.app, session, '/ui/logout');
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/ui/login?signed_out=1');
      expect(setCookieLine(response, 'tapheal_session')).toMatch(/^tapheal_session=; Path=\/ui; Max-Age=0;/);
    });
  });

  describe('every state-changing request', () => {
    it.each([
      ['no CSRF token', { _csrf: '' }, {}],
      ['another session’s CSRF token', { _csrf: 'A'.repeat(32) }, {}],
      ['an Origin of another site', {}, { origin: 'http://evil.example' }],
      ['Sec-Fetch-Site cross-site', {}, { 'sec-fetch-site': 'cross-site' }],
      ['Origin null', {}, { origin: 'null' }],
    ])('is refused with 403 for %s, and changes nothing', async (_what, fields, headers) => {
      const cluster = await seedCluster();
      const session = await signIn(suite.app, suite.adminToken);
      const response = await postForm(suite.app, session, `/ui/clusters/${cluster.id}/actions`, { action: 'reject', ...fields }, headers);
      expect(response.statusCode).toBe(403);
      expect(textOf(response.body)).toMatch(/nothing was changed/i);
      expect((await clusterWith(suite.api, 'Flux capacitor')).status).toBe('candidate');
      const history = await suite.app.inject({ url: `/v1/clusters/${cluster.id}`, headers: suite.api.auth });
      expect(history.json().labels).toEqual([]);
    });

    it('is refused with 401 without a session, and changes nothing', async () => {
      const cluster = await seedCluster();
      const response = await suite.app.inject({ method: 'POST', url: `/ui/clusters/${cluster.id}/actions`, headers: FORM, payload: encodeForm({ action: 'reject', _csrf: 'x' }) });
      expect(response.statusCode).toBe(401);
      expect((await clusterWith(suite.api, 'Flux capacitor')).status).toBe('candidate');
    });

    it('goes through from the same origin with the session’s token', async () => {
      const cluster = await seedCluster();
      const session = await signIn(suite.app, suite.adminToken);
      const response = await postForm(suite.app, session, `/ui/clusters/${cluster.id}/actions`, { action: 'reject' }, { origin: 'http://localhost', host: 'localhost:80', 'sec-fetch-site': 'same-origin' });
      expect(response.statusCode, response.body).toBe(303);
      expect((await clusterWith(suite.api, 'Flux capacitor')).status).toBe('rejected');
    });

    it('refuses a form body over the limit with 413 and a page, changing nothing', async () => {
      const cluster = await seedCluster();
      const session = await signIn(suite.app, suite.adminToken);
      const response = await postForm(suite.app, session, `/ui/clusters/${cluster.id}/actions`, { action: 'note', note: 'n'.repeat(70_000) });
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect((await clusterWith(suite.api, 'Flux capacitor')).note).toBeNull();
    });
  });

  describe('every page', () => {
    it('carries a strict CSP, nosniff and no-store, and a skip link to the main content', async () => {
      const session = await signIn(suite.app, suite.adminToken);
      for (const url of ['/ui', '/ui/clusters', '/ui/packs', '/ui/runs', '/ui/login']) {
        const response = await suite.app.inject({ url, headers: url === '/ui/login' ? {} : { cookie: session.cookie } });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-security-policy']).toBe(
          "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        );
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.body).toContain('<a class="skip" href="#main">Skip to content</a>');
        expect(response.body).toContain('<main id="main"');
        expect(response.body).not.toMatch(/\sstyle=|<script>|\son[a-z]+=/);
      }
    });

    it('escapes what reports and maintainers wrote', async () => {
      const evil = 'Boom <script>alert(1)</script> "><img src=x onerror=alert(2)>';
      await postReports(suite.api, reportsOf(evil, 2, 2));
      await runTrainer(suite.api);
      const cluster = await clusterWith(suite.api, 'Boom');
      const session = await signIn(suite.app, suite.adminToken, '<b>Eve</b>');
      expect((await postForm(suite.app, session, `/ui/clusters/${cluster.id}/actions`, { action: 'note', note: '<iframe src=javascript:alert(3)>' })).statusCode).toBe(303);
      for (const url of ['/ui', '/ui/clusters', `/ui/clusters/${cluster.id}`]) {
        const { body } = await getPage(suite.app, session, url);
        expect(body, url).not.toMatch(/<script>alert|<img src=x|<iframe|<b>Eve/);
        expect(body, url).toContain('Boom &lt;script&gt;alert(');
      }
      const detail = (await getPage(suite.app, session, `/ui/clusters/${cluster.id}`)).body;
      expect(detail).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(detail).toContain('&lt;iframe src=javascript:alert(3)&gt;');
      expect(detail).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    });

    it('answers an unknown page with a 404 page, and a bad parameter with a 400 page naming it', async () => {
      const session = await signIn(suite.app, suite.adminToken);
      expect(textOf((await getPage(suite.app, session, '/ui/nowhere', 404)).body)).toContain('There is no such page');
      expect(textOf((await getPage(suite.app, session, '/ui/clusters/c-unknown', 404)).body)).toContain('There is no such page');
      expect(textOf((await getPage(suite.app, session, '/ui/clusters?sort=size', 400)).body)).toMatch(/querystring\/sort/);
      expect(textOf((await getPage(suite.app, session, '/ui/clusters?cursor=not-one', 400)).body)).toContain('That page link is no longer valid');
    });

    it('serves the stylesheet under its hash with a long cache, without a session', async () => {
      const login = await suite.app.inject({ url: '/ui/login' });
      const href = /<link rel="stylesheet" href="([^"]+)">/.exec(login.body)![1]!;
      expect(href).toMatch(/^\/ui\/assets\/ui\.[\w-]{12}\.css$/);
      const css = await suite.app.inject({ url: href });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(css.body).toContain(':focus-visible');
    });
  });

  it('leaves the bearer-token API as it was', async () => {
    const session = await signIn(suite.app, suite.adminToken);
    expect((await suite.app.inject({ url: '/v1/clusters', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect((await suite.app.inject({ url: '/v1/clusters', headers: suite.api.auth })).statusCode).toBe(200);
  });
});

describe('review UI sign-in attempts per address', () => {
  it('answers 429 with Retry-After past TAPHEAL_RATE_LIMIT_LOGIN_PER_MINUTE, whatever the token, and starts no session', async () => {
    const db = await testDatabases()[0]!.open();
    const built = await buildTestApp(db, { env: { TAPHEAL_RATE_LIMIT_LOGIN_PER_MINUTE: '3' } });
    try {
      const attempt = () => built.app.inject({ method: 'POST', url: '/ui/login', headers: FORM, payload: encodeForm({ name: 'Mallory', token: 'guess' }) });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).not.toBe(429);
      const refused = await attempt();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(textOf(refused.body)).toContain('Too many sign-in attempts');
      expect(refused.headers['set-cookie'] ?? '').not.toContain('tapheal_session');
    } finally {
      await built.app.close();
      await db.close();
    }
  });
});
