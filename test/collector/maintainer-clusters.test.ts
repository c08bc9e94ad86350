/**
 * Clusters through the maintainer API: the listing (paging, status filter, the four sort orders),
 * the detail with its label history, a cluster's anonymised reports, and PATCH with every refusal.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/db.js';
import { DAY_MS, clusterWith, createClock, patchCluster, postReports, reportsOf, runTrainer, type ClusterView, useMaintainerApp } from '../helpers/maintainer.js';

const NOW = '2026-11-25T12:00:00.000Z';
const OLD = 'Quantum flange misaligned by 3 degrees';
const WIDE = 'Hyperdrive coolant pressure low in sector 9';
const FRESH = 'Warp coil resonance fault on deck 4';

describe.each(testDatabases())('clusters through the maintainer API on $name', ({ open }) => {
  const clock = createClock(NOW);
  const suite = useMaintainerApp(open, { clock, start: NOW, env: { TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '2' } });

  const get = (url: string) => suite.app.inject({ url, headers: suite.api.auth });

  /**
   * Three clusters whose orders differ under every sort:
   *   OLD    6 reports, 1 install,  growth 0, last seen 30 days ago  (pending: too few installs)
   *   WIDE   4 reports, 4 installs, growth 2, last seen 1 day ago    (candidate)
   *   FRESH  3 reports, 2 installs, growth 3, last seen now          (candidate)
   */
  async function seedThree(): Promise<Record<'old' | 'wide' | 'fresh', ClusterView>> {
    clock.set(clock.offset(-30 * DAY_MS));
    await postReports(suite.api, reportsOf(OLD, 6, 1, 'old'));
    clock.set(new Date(Date.parse(NOW) - 20 * DAY_MS));
    await postReports(suite.api, reportsOf(WIDE, 2, 2, 'wide-early'));
    clock.set(new Date(Date.parse(NOW) - DAY_MS));
    await postReports(suite.api, reportsOf(WIDE, 2, 2, 'wide-late'));
    clock.set(NOW);
    await postReports(suite.api, reportsOf(FRESH, 3, 2, 'fresh'));
    await runTrainer(suite.api);
    return { old: await clusterWith(suite.api, 'Quantum flange'), wide: await clusterWith(suite.api, 'Hyperdrive coolant'), fresh: await clusterWith(suite.api, 'Warp coil') };
  }

  /** Every page of a listing with `limit`, as the ids in order and the page sizes. */
  async function walk(query: string, limit: number): Promise<{ ids: string[]; sizes: number[] }> {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(`/v1/clusters?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { clusters: ClusterView[]; next: string | null };
      ids.push(...page.clusters.map((cluster) => cluster.id));
      sizes.push(page.clusters.length);
      cursor = page.next;
    } while (cursor && sizes.length < 10);
    return { ids, sizes };
  }

  describe('GET /v1/clusters', () => {
    it('lists each cluster with its template, status and counts', async () => {
      const { old, wide, fresh } = await seedThree();
      expect(old).toMatchObject({ status: 'pending', template: 'Quantum flange misaligned by <num> degrees', reports: 6, installs: 1, growth: 0, category: null });
      expect(wide).toMatchObject({ status: 'candidate', reports: 4, installs: 4, growth: 2, lastSeenAt: '2026-11-24T12:00:00.000Z' });
      expect(fresh).toMatchObject({ status: 'candidate', reports: 3, installs: 2, growth: 3, lastSeenAt: NOW });
    });

    it.each([
      ['reports', ['old', 'wide', 'fresh']],
      ['installs', ['wide', 'fresh', 'old']],
      ['growth', ['fresh', 'wide', 'old']],
      ['recent', ['fresh', 'wide', 'old']],
    ] as const)('sorts by %s, and pages through that order one at a time', async (sort, order) => {
      const seeded = await seedThree();
      const expected = order.map((name) => seeded[name].id);
      const whole = (await get(`/v1/clusters?sort=${sort}`)).json();
      expect(whole.clusters.map((cluster: ClusterView) => cluster.id)).toEqual(expected);
      expect(whole.next).toBeNull();
      expect(await walk(`&sort=${sort}`, 1)).toEqual({ ids: expected, sizes: [1, 1, 1] });
    });

    it('sorts by reports when no sort is given, ties by id', async () => {
      await postReports(suite.api, [...reportsOf(OLD, 2), ...reportsOf(WIDE, 2), ...reportsOf(FRESH, 2)]);
      await runTrainer(suite.api);
      const { ids, sizes } = await walk('', 2);
      expect(sizes).toEqual([2, 1]);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(3);
    });

    it('filters by status, and pages within the filter', async () => {
      const { old, wide, fresh } = await seedThree();
      expect((await patchCluster(suite.api, wide.id, { status: 'rejected' })).statusCode).toBe(200);
      expect(await walk('&status=candidate', 1)).toEqual({ ids: [fresh.id], sizes: [1] });
      expect((await walk('&status=pending', 1)).ids).toEqual([old.id]);
      expect((await walk('&status=rejected', 1)).ids).toEqual([wide.id]);
      expect((await walk('&status=confirmed', 1)).ids).toEqual([]);
    });

    it.each([
      ['sort=size', /querystring\/sort/],
      ['status=approved', /querystring\/status/],
      ['limit=0', /querystring\/limit/],
    ])('answers 400 naming the parameter to %s', async (query, field) => {
      const response = await get(`/v1/clusters?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(field);
    });

    it('answers 400 invalid_cursor to a cursor it did not hand out', async () => {
      const response = await get('/v1/clusters?cursor=not-a-cursor');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_cursor' });
    });
  });

  describe('GET /v1/clusters/{id}', () => {
    it('answers the cluster with its label history, oldest first', async () => {
      const { wide } = await seedThree();
      clock.set('2026-11-25T13:00:00.000Z');
      await patchCluster(suite.api, wide.id, { category: 'coolant_low', note: 'first look' });
      clock.set('2026-11-25T14:00:00.000Z');
      await patchCluster(suite.api, wide.id, { status: 'confirmed', fix: 'retry' });
      const response = await get(`/v1/clusters/${wide.id}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: wide.id, status: 'confirmed', category: 'coolant_low', fix: 'retry', note: 'first look', reports: 4 });
      expect(response.json().labels).toEqual([
        // Through the bearer-token API nobody is named; the review UI records the maintainer's name.
        { at: '2026-11-25T13:00:00.000Z', status: 'candidate', category: 'coolant_low', fix: null, note: 'first look', actor: null, action: 'label' },
        { at: '2026-11-25T14:00:00.000Z', status: 'confirmed', category: 'coolant_low', fix: 'retry', note: 'first look', actor: null, action: 'label' },
      ]);
    });

    it('answers 404 to an unknown cluster, and 400 to an id over 64 characters', async () => {
      const unknown = await get('/v1/clusters/c0123456789abcdef');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'not_found' });
      expect((await get(`/v1/clusters/${'c'.repeat(65)}`)).statusCode).toBe(400);
    });
  });

  describe('GET /v1/clusters/{id}/reports', () => {
    it('pages through the cluster\'s own reports, newest first', async () => {
      const { fresh } = await seedThree();
      clock.set('2026-11-25T12:30:00.000Z');
      const latest = reportsOf(FRESH, 1, 1, 'latest');
      await postReports(suite.api, latest);
      await runTrainer(suite.api);
      const pages: { id: string; message: string; installId: string }[][] = [];
      let cursor: string | null = null;
      do {
        const response = await get(`/v1/clusters/${fresh.id}/reports?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(response.statusCode).toBe(200);
        pages.push(response.json().reports);
        cursor = response.json().next;
      } while (cursor && pages.length < 10);
      expect(pages.map((page) => page.length)).toEqual([3, 1]);
      const reports = pages.flat();
      expect(reports[0]!.id).toBe(latest[0]!.id);
      expect(new Set(reports.map((report) => report.id)).size).toBe(4);
      expect(reports.every((report) => report.message === FRESH)).toBe(true);
    });

    it('serves the anonymised messages, never the user name or e-mail address sent', async () => {
      const message = 'Plasma conduit ruptured in /Users/alice/project/x.js, tell alice.smith@example.com';
      await postReports(suite.api, reportsOf(message, 2));
      await runTrainer(suite.api);
      const cluster = await clusterWith(suite.api, 'Plasma conduit');
      const response = await get(`/v1/clusters/${cluster.id}/reports`);
      const served = response.json().reports.map((report: { message: string }) => report.message);
      expect(served).toEqual([
        'Plasma conduit ruptured in /Users/<user>/project/x.js, tell <email>',
        'Plasma conduit ruptured in /Users/<user>/project/x.js, tell <email>',
      ]);
      expect(response.body).not.toMatch(/alice/);
    });

    it('answers 404 for an unknown cluster', async () => {
      expect((await get('/v1/clusters/c0123456789abcdef/reports')).statusCode).toBe(404);
    });
  });

  describe('PATCH /v1/clusters/{id}', () => {
    let cluster: ClusterView;
    beforeEach(async () => {
      await postReports(suite.api, reportsOf(WIDE, 2, 2));
      await runTrainer(suite.api);
      cluster = await clusterWith(suite.api, 'Hyperdrive coolant');
      expect(cluster.status).toBe('candidate');
    });

    it.each([
      [{ status: 'rejected' }, { status: 'rejected' }],
      [{ category: 'coolant_low' }, { status: 'candidate', category: 'coolant_low' }],
      [{ fix: 'increase_timeout' }, { fix: 'increase_timeout' }],
      [{ note: 'seen on old drives' }, { note: 'seen on old drives' }],
      [{ category: 'timeout', fix: 'retry' }, { category: 'timeout', fix: 'retry' }],
      [{ status: 'confirmed', category: 'coolant_low', fix: 'free_port', note: null }, { status: 'confirmed', category: 'coolant_low', fix: 'free_port', note: null }],
    ])('sets %j and answers the cluster', async (body, expected) => {
      const response = await patchCluster(suite.api, cluster.id, body);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ id: cluster.id, ...expected });
      expect((await clusterWith(suite.api, 'Hyperdrive coolant'))).toMatchObject(expected);
    });

    it('clears a field set to null', async () => {
      await patchCluster(suite.api, cluster.id, { note: 'temporary', category: 'coolant_low' });
      const response = await patchCluster(suite.api, cluster.id, { note: null, category: null });
      expect(response.json()).toMatchObject({ note: null, category: null });
    });

    it.each([
      ['confirmed without a category', {}, { status: 'confirmed' }, /category/],
      ['a category set to null on a confirmed cluster', { status: 'confirmed', category: 'coolant_low' }, { category: null }, /category/],
      ['a base category with a fix it does not allow', {}, { category: 'timeout', fix: 'free_port' }, /timeout.*free_port/],
      ['a fix the base category already set does not allow', { category: 'port_in_use' }, { fix: 'retry' }, /port_in_use.*retry/],
    ])('answers 422 to %s, and changes nothing', async (_what, before, body, reason) => {
      if (Object.keys(before).length > 0) expect((await patchCluster(suite.api, cluster.id, before)).statusCode).toBe(200);
      const stored = await clusterWith(suite.api, 'Hyperdrive coolant');
      const response = await patchCluster(suite.api, cluster.id, body);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ error: 'invalid_label', message: expect.stringMatching(reason) });
      expect(await clusterWith(suite.api, 'Hyperdrive coolant')).toEqual(stored);
    });

    it.each([
      ['an unknown field', { status: 'rejected', owner: 'me' }, /owner|unrecognized/i],
      ['an empty body', {}, /body/],
      ['status pending', { status: 'pending' }, /body\/status/],
      ['a status that is not one', { status: 'done' }, /body\/status/],
      ['a fix kind that does not exist', { fix: 'reinstall_os' }, /body\/fix/],
      ['a category id that is not lower_snake_case', { category: 'Coolant-Low' }, /body\/category/],
      ['a note over 2000 characters', { note: 'x'.repeat(2001) }, /body\/note/],
      ['a note with a NUL character', { note: 'see\u0000here' }, /body\/note: a note cannot hold a NUL character/],
      ['a note with a lone surrogate', { note: 'cut \ud83d' }, /body\/note: a note cannot hold/],
    ])('answers 400 to %s', async (_what, body, field) => {
      const response = await patchCluster(suite.api, cluster.id, body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(field) });
      expect((await clusterWith(suite.api, 'Hyperdrive coolant')).status).toBe('candidate');
    });

    it('answers 404 to an unknown cluster', async () => {
      const response = await patchCluster(suite.api, 'c0123456789abcdef', { note: 'x' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not_found' });
    });
  });
});
