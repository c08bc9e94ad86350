/**
 * The maintainer API's door and its report listing: every maintainer route needs the bearer token and
 * answers 401 with WWW-Authenticate without it; the public routes need none; GET /v1/reports pages
 * newest first. Clusters, trainer runs and packs have files of their own (maintainer-*.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@tapheal/db';
import type { Report } from '@tapheal/rules';
import { testDatabases } from '../helpers/db.js';
import { createClock, useMaintainerApp, waitForRun } from '../helpers/maintainer.js';
import { makeReport } from '../helpers/reports.js';

const UNKNOWN_CLUSTER = 'c0000000000000000';
const UNKNOWN_RUN = '00000000-0000-4000-8000-000000000000';

/** Each maintainer route, and what it answers with the right token on an empty database. */
const MAINTAINER_ROUTES: [method: 'GET' | 'POST' | 'PATCH', url: string, okStatus: number, payload?: object][] = [
  ['GET', '/v1/reports', 200],
  ['GET', '/v1/clusters', 200],
  ['GET', `/v1/clusters/${UNKNOWN_CLUSTER}`, 404],
  ['GET', `/v1/clusters/${UNKNOWN_CLUSTER}/reports`, 404],
  ['PATCH', `/v1/clusters/${UNKNOWN_CLUSTER}`, 404, { note: 'x' }],
  ['POST', '/v1/trainer/runs', 202],
  ['GET', '/v1/trainer/runs', 200],
  ['GET', `/v1/trainer/runs/${UNKNOWN_RUN}`, 404],
  ['POST', '/v1/packs', 409],
  ['GET', '/v1/packs', 200],
  ['POST', '/v1/packs/1/yank', 409, { reason: 'test' }],
];

describe.each(testDatabases())('maintainer API auth and GET /v1/reports on $name', ({ open }) => {
  const clock = createClock('2026-11-25T12:00:00.000Z');
  const suite = useMaintainerApp(open, { clock, start: '2026-11-25T12:00:00.000Z' });

  describe('the bearer token', () => {
    const wrongCredentials: [string, () => Record<string, string>][] = [
      ['no Authorization header', () => ({})],
      ['a wrong token', () => ({ authorization: 'Bearer not-the-maintainer-token' })],
      ['the right token with a suffix', () => ({ authorization: `Bearer ${suite.adminToken}x` })],
      ['the right token under the Basic scheme', () => ({ authorization: `Basic ${suite.adminToken}` })],
      ['the right token without a scheme', () => ({ authorization: suite.adminToken })],
      ['the Bearer scheme without a token', () => ({ authorization: 'Bearer ' })],
    ];
    const cases = MAINTAINER_ROUTES.flatMap(([method, url, , payload]) =>
      wrongCredentials.map(([what, headers]) => [method, url, what, headers, payload] as const),
    );

    it.each(cases)('%s %s with %s answers 401 with WWW-Authenticate', async (method, url, _what, headers, payload) => {
      const response = await suite.app.inject({ method, url, headers: headers(), ...(payload ? { payload } : {}) });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="[^"]+"$/);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
    });

    it.each(MAINTAINER_ROUTES)('%s %s answers %i, not 401, with the right token', async (method, url, okStatus, payload) => {
      const response = await suite.app.inject({ method, url, headers: suite.api.auth, ...(payload ? { payload } : {}) });
      expect(response.statusCode, response.body).toBe(okStatus);
      if (okStatus === 202) expect((await waitForRun(suite.api, response.json().id)).status).toBe('done');
    });

    it('takes the scheme name in any case', async () => {
      const response = await suite.app.inject({ url: '/v1/reports', headers: { authorization: `bearer ${suite.adminToken}` } });
      expect(response.statusCode).toBe(200);
    });

    it('checks the token before validating the request', async () => {
      const response = await suite.app.inject({ method: 'PATCH', url: `/v1/clusters/${UNKNOWN_CLUSTER}`, payload: { status: 'pending', bogus: 1 } });
      expect(response.statusCode).toBe(401);
    });

    it('changes nothing for a request it refuses', async () => {
      await suite.app.inject({ method: 'POST', url: '/v1/trainer/runs' });
      await suite.app.inject({ method: 'POST', url: '/v1/packs/1/yank', headers: { authorization: 'Bearer wrong' } });
      expect(await suite.db.query('select id from trainer_runs')).toEqual([]);
      expect(await suite.db.query('select version, yanked_at from packs')).toEqual([{ version: 1, yanked_at: null }]);
    });

    it.each([
      ['GET', '/health', undefined, 200],
      ['GET', '/v1/packs/latest', undefined, 200],
      ['GET', '/v1/packs/1', undefined, 200],
      ['GET', '/v1/keys', undefined, 200],
      ['POST', '/v1/reports', () => ({ reports: [makeReport()] }), 202],
    ] as const)('%s %s needs no token', async (method, url, payload, status) => {
      const response = await suite.app.inject({ method, url, ...(payload ? { payload: payload() } : {}) });
      expect(response.statusCode, response.body).toBe(status);
    });
  });

  describe('GET /v1/reports', () => {
    interface Listed {
      id: string;
      installId: string;
      receivedAt: string;
      error: { message: string };
      clusterId: string | null;
    }
    const list = (query: string) => suite.app.inject({ url: `/v1/reports${query}`, headers: suite.api.auth });

    /** Posts `sizes[i]` reports at 12:00 + i minutes; returns them with the time each was received. */
    async function postBatches(sizes: number[]): Promise<{ report: Report; receivedAt: string }[]> {
      const posted: { report: Report; receivedAt: string }[] = [];
      for (const [batch, size] of sizes.entries()) {
        clock.set(new Date(Date.parse('2026-11-25T12:00:00.000Z') + batch * 60_000));
        const reports = Array.from({ length: size }, (_, i) => makeReport({ installId: `install-${batch}-${i}`, error: { message: `failure ${batch}.${i}` } }));
        const response = await suite.app.inject({ method: 'POST', url: '/v1/reports', payload: { reports } });
        expect(response.statusCode).toBe(202);
        posted.push(...reports.map((report) => ({ report, receivedAt: clock.now().toISOString() })));
      }
      return posted;
    }

    it('lists reports newest first, with their install, message and cluster', async () => {
      const posted = await postBatches([1, 1, 1]);
      const response = await list('');
      expect(response.statusCode).toBe(200);
      const body = response.json() as { reports: Listed[]; next: string | null };
      expect(body.next).toBeNull();
      expect(body.reports.map((r) => r.id)).toEqual(posted.map((p) => p.report.id).reverse());
      expect(body.reports[0]).toMatchObject({
        installId: 'install-2-0',
        receivedAt: '2026-11-25T12:02:00.000Z',
        error: { message: 'failure 2.0' },
        clusterId: null,
      });
    });

    it('walks every report exactly once with limit and cursor, ties broken by id', async () => {
      const posted = await postBatches([5, 5, 5, 5, 3]);
      const expected = [...posted]
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.report.id.localeCompare(a.report.id))
        .map((p) => p.report.id);
      const pages: Listed[][] = [];
      let cursor: string | null = null;
      do {
        const response = await list(`?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(response.statusCode).toBe(200);
        const body = response.json() as { reports: Listed[]; next: string | null };
        pages.push(body.reports);
        cursor = body.next;
      } while (cursor && pages.length < 10);
      expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
      const listed = pages.flat();
      expect(listed.map((r) => r.id)).toEqual(expected);
      for (const report of listed) {
        const original = posted.find((p) => p.report.id === report.id)!.report;
        expect(report).toMatchObject({ installId: original.installId, error: { message: original.error.message } });
      }
    });

    it('answers next null when the last page is exactly full', async () => {
      await postBatches([4]);
      const body = (await list('?limit=4')).json();
      expect(body.reports).toHaveLength(4);
      expect(body.next).toBeNull();
    });

    it.each([
      ['not base64 JSON', 'zzz'],
      ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
      ['a key whose time is not a date', encodeCursor(['yesterday', UNKNOWN_RUN])],
    ])('answers 400 invalid_cursor to a cursor that is %s', async (_what, cursor) => {
      await postBatches([2]);
      const response = await list(`?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_cursor' });
    });

    it.each(['0', '501', 'abc', '2.5', '-1'])('answers 400 naming querystring/limit to limit=%s', async (limit) => {
      const response = await list(`?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('querystring/limit') });
    });

    it.each(['1', '500'])('accepts limit=%s', async (limit) => {
      await postBatches([2]);
      const response = await list(`?limit=${limit}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().reports).toHaveLength(Math.min(2, Number(limit)));
    });
  });
});
