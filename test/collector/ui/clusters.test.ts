/**
 * The review UI's cluster pages through inject: the list (empty states, sorting, filters, pages), one
 * cluster's page, and every action with its refusals, each recorded with who and when.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setClusterSuggestions } from '@tapheal/db';
import { parseEnvelope } from '@tapheal/rules';
import { testDatabases } from '../../helpers/db.js';
import { DAY_MS, clusterWith, createClock, postReports, reportsOf, runTrainer, useMaintainerApp, type ClusterView } from '../../helpers/maintainer.js';
import { makeReport } from '../../helpers/reports.js';
import { getPage, postForm, signIn, textOf, type UiSession } from '../../helpers/ui.js';

const NOW = '2026-11-25T12:00:00.000Z';
const OLD = 'Quantum flange misaligned by 3 degrees';
const WIDE = 'Hyperdrive coolant pressure low in sector 9';
const FRESH = 'Warp coil resonance fault on deck 4';
const ENOENT = 'spawn npx ENOENT';

describe.each(testDatabases())('review UI clusters on $name', ({ open }) => {
  const clock = createClock(NOW);
  const suite = useMaintainerApp(open, { clock, start: NOW, env: { TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '2' } });
  let session: UiSession;
  beforeAll(async () => {
    session = await signIn(suite.app, suite.adminToken, 'Ada Maintainer');
  });
  beforeEach(async () => {
    await suite.db.query('truncate pack_candidates');
  });

  const page = async (url: string, status = 200) => (await getPage(suite.app, session, url, status)).body;
  const act = (id: string, fields: Record<string, string>) => postForm(suite.app, session, `/ui/clusters/${id}/actions`, fields);
  const detail = async (id: string) => (await suite.app.inject({ url: `/v1/clusters/${id}`, headers: suite.api.auth })).json();
  /** The cluster ids of the list's rows, in order. */
  const rowIds = (body: string) => [...body.matchAll(/<td class="template-cell"><a href="\/ui\/clusters\/([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!));

  /** OLD: 6 reports, 1 install, 30 days ago (pending); WIDE: 4 from 4 installs; FRESH: 3 from 2, now; ENOENT: 2 from 2. */
  async function seed(): Promise<Record<'old' | 'wide' | 'fresh' | 'enoent', ClusterView>> {
    clock.set(clock.offset(-30 * DAY_MS));
    await postReports(suite.api, reportsOf(OLD, 6, 1, 'old'));
    clock.set(new Date(Date.parse(NOW) - DAY_MS));
    await postReports(suite.api, reportsOf(WIDE, 4, 4, 'wide'));
    clock.set(NOW);
    await postReports(suite.api, [...reportsOf(FRESH, 3, 2, 'fresh'), ...reportsOf(ENOENT, 2, 2, 'enoent')]);
    await runTrainer(suite.api);
    return {
      old: await clusterWith(suite.api, 'Quantum flange'),
      wide: await clusterWith(suite.api, 'Hyperdrive coolant'),
      fresh: await clusterWith(suite.api, 'Warp coil'),
      enoent: await clusterWith(suite.api, 'ENOENT'),
    };
  }

  describe('the list', () => {
    it('says what to do when there are no reports yet', async () => {
      expect(textOf(await page('/ui/clusters'))).toContain('No clusters yet, and no reports.');
    });

    it('asks for a trainer run when reports exist but no cluster does', async () => {
      await postReports(suite.api, reportsOf(WIDE, 2, 2));
      const body = await page('/ui/clusters');
      expect(textOf(body)).toContain('2 reports, but no clusters yet. Start a trainer run to cluster them.');
      expect(body).toContain('<a href="/ui/runs">Start a trainer run</a>');
    });

    it('lists each cluster with its template, status, category, the served pack’s suggestion and counts', async () => {
      const { wide, enoent } = await seed();
      const text = textOf(await page('/ui/clusters'));
      expect(text).toContain('4 of 4 clusters match');
      expect(text).toContain('Hyperdrive coolant pressure low in sector <num> candidate none unknown 4 4 +4');
      expect(text).toContain('spawn npx ENOENT candidate none command_not_found 2 2 +2');
      expect(rowIds(await page('/ui/clusters'))).toContain(wide.id);
      expect(rowIds(await page('/ui/clusters'))).toContain(enoent.id);
    });

    it.each([
      ['reports', 'desc'],
      ['reports', 'asc'],
      ['installs', 'desc'],
      ['installs', 'asc'],
      ['growth', 'desc'],
      ['recent', 'desc'],
      ['recent', 'asc'],
    ] as const)('sorts by %s %s (ties by id), and marks the sorted column for screen readers', async (sort, dir) => {
      const seeded = Object.values(await seed());
      const key = (c: ClusterView) => (sort === 'recent' ? Date.parse(c.lastSeenAt) : c[sort]);
      const expected = [...seeded].sort((a, b) => (dir === 'desc' ? key(b) - key(a) : key(a) - key(b)) || (a.id < b.id ? -1 : 1)).map((c) => c.id);
      const body = await page(`/ui/clusters?sort=${sort}&dir=${dir}`);
      expect(rowIds(body)).toEqual(expected);
      expect(body).toMatch(new RegExp(`<th scope="col" class="num" aria-sort="${dir === 'desc' ? 'descending' : 'ascending'}">`));
      expect(body.match(/aria-sort=/g)).toHaveLength(1);
    });

    it('pages through a sort one cluster at a time with the next link', async () => {
      const seeded = await seed();
      const seen: string[] = [];
      let url: string | null = '/ui/clusters?sort=reports&limit=1';
      while (url && seen.length < 10) {
        const body = await page(url);
        seen.push(...rowIds(body));
        url = /<a href="([^"]+)" rel="next">/.exec(body)?.[1]?.replace(/&amp;/g, '&') ?? null;
        if (url) expect(url).toContain('limit=1');
      }
      expect(seen).toEqual(['old', 'wide', 'fresh', 'enoent'].map((name) => seeded[name as 'old'].id));
    });

    it.each([
      ['status=pending', ['old']],
      ['q=COOLANT', ['wide']],
      ['suggested=command_not_found', ['enoent']],
      ['category=timeout', ['fresh']],
      ['category=(none)&status=candidate', ['wide', 'enoent']],
      ['status=merged', []],
    ] as const)('filters with %s', async (query, names) => {
      const seeded = await seed();
      expect((await act(seeded.fresh.id, { action: 'confirm', category: 'timeout', fix: 'retry' })).statusCode).toBe(303);
      const body = await page(`/ui/clusters?${query}`);
      expect(rowIds(body).sort()).toEqual(names.map((name) => seeded[name].id).sort());
      if (names.length === 0) expect(textOf(body)).toContain('No cluster matches these filters.');
    });
  });

  describe('one cluster', () => {
    it('shows the template, counts, suggestion, anonymised examples, breakdowns and a trend chart with its numbers', async () => {
      await postReports(suite.api, [
        makeReport({ installId: 'install-x-1', error: { message: 'Plasma conduit ruptured in /Users/alice/p/x.js' }, platform: { os: 'linux', arch: 'x64', runtime: 'node', runtimeVersion: '22.1.0' } }),
        makeReport({ installId: 'install-x-2', error: { message: 'Plasma conduit ruptured in /Users/alice/p/x.js' }, server: { name: 'mcp-server-fetch', transport: 'stdio' } }),
      ]);
      await runTrainer(suite.api);
      const cluster = await clusterWith(suite.api, 'Plasma conduit');
      const body = await page(`/ui/clusters/${cluster.id}`);
      const text = textOf(body);
      expect(text).toContain('Plasma conduit ruptured in <path>');
      expect(text).toContain('Reports 2 from 2 installs');
      expect(text).toContain('Suggested unknown (served pack v1, no rule matches)');
      expect(text).toContain('Plasma conduit ruptured in /Users/<user>/p/x.js');
      expect(body).not.toContain('alice');
      expect(text).toMatch(/Platforms platforms reports darwin arm64 1 linux x64 1/);
      expect(text).toMatch(/Runtimes runtimes reports node 20 1 node 22 1/);
      expect(text).toContain('mcp-server-fetch 1');
      expect(body).toMatch(/<svg viewBox="0 0 1000 180" role="img" aria-labelledby="trend-t trend-d"/);
      expect(text).toContain('2026-11-25 2');
      expect(text).toContain('No action yet');
    });
  });

  describe("the trainer model's suggestion", () => {
    it('shows it beside the served pack, with how sure it is and whether it looks new, and offers it in the confirm form', async () => {
      await postReports(suite.api, reportsOf(WIDE, 2, 2, 'm'));
      await runTrainer(suite.api);
      const cluster = await clusterWith(suite.api, 'Hyperdrive coolant');
      await setClusterSuggestions(suite.db, [
        { id: cluster.id, suggestedCategory: 'timeout', suggestedConfidence: 0.834, looksNew: true, packCategory: 'unknown', packConfidence: 0 },
      ]);
      const body = await page(`/ui/clusters/${cluster.id}`);
      const text = textOf(body);
      expect(text).toContain("Suggested timeout (the trainer's model, 83% sure) unlike every labelled category: maybe a new one");
      expect(text).toContain('Served pack unknown (served pack v1, no rule matches)');
      expect(body).toMatch(/<select id="confirm-category"[^>]*>[\s\S]*?<option value="timeout" selected>/);
    });
  });

  describe('actions', () => {
    let wide: ClusterView;
    beforeEach(async () => {
      await postReports(suite.api, reportsOf(WIDE, 3, 3, 'w'));
      await runTrainer(suite.api);
      wide = await clusterWith(suite.api, 'Hyperdrive coolant');
    });

    it('confirms with a category and fix, and records who did it and when', async () => {
      clock.set('2026-11-25T13:14:00.000Z');
      const response = await act(wide.id, { action: 'confirm', category: 'timeout', fix: 'increase_timeout' });
      expect(response.statusCode, response.body).toBe(303);
      expect(response.headers.location).toBe(`/ui/clusters/${wide.id}?done=confirmed`);
      expect(await detail(wide.id)).toMatchObject({ status: 'confirmed', category: 'timeout', fix: 'increase_timeout' });
      const text = textOf(await page(response.headers.location as string));
      expect(text).toContain('Confirmed. Build a candidate pack');
      expect(text).toContain('2026-11-25 13:14 UTC Ada Maintainer confirm confirmed timeout increase_timeout');
      const [row] = await suite.db.query<{ actor: string; action: string }>('select actor, action from cluster_labels where cluster_id = $1', [wide.id]);
      expect(row).toEqual({ actor: 'Ada Maintainer', action: 'confirm' });
      // The API's label history names who did it too.
      const api = await suite.app.inject({ url: `/v1/clusters/${wide.id}`, headers: suite.api.auth });
      expect(api.json().labels.at(-1)).toMatchObject({ at: '2026-11-25T13:14:00.000Z', status: 'confirmed', actor: 'Ada Maintainer', action: 'confirm' });
    });

    it.each([
      ['a base category with a fix it does not allow', { action: 'confirm', category: 'timeout', fix: 'free_port' }, 'category timeout allows the fixes'],
      ['confirming without a category', { action: 'confirm', category: '', fix: '' }, 'choose a category to confirm with'],
      ['a fix kind that does not exist', { action: 'confirm', category: 'timeout', fix: 'reinstall_os' }, '“reinstall_os” is not a fix kind'],
      ['a new category that is in the base taxonomy', { action: 'new_category', category: 'timeout', fix: '' }, 'timeout is in the base taxonomy already'],
      ['a new category id that is not lower_snake_case', { action: 'new_category', category: 'Coolant-Low', fix: '' }, 'a category id is lower_snake_case'],
      ['a note over 2000 characters', { action: 'note', note: 'n'.repeat(2001) }, 'a note is at most 2000 characters'],
      ['a note with a NUL character', { action: 'note', note: 'see\u0000here' }, 'a note cannot hold a NUL character or half of a UTF-16 surrogate pair'],
      ['an action the page does not offer', { action: 'delete' }, 'that is not an action this page offers'],
      ['merging into a cluster that does not exist', { action: 'merge', target: 'c-nowhere' }, 'there is no cluster with that id'],
      ['merging into itself', { action: 'merge', target: 'SELF' }, 'a cluster cannot be merged into itself'],
    ])('refuses %s with 422 and the reason, keeps what was typed, and changes nothing', async (_what, fields, reason) => {
      const form = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === 'SELF' ? wide.id : v]));
      const response = await act(wide.id, form);
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('role="alert"');
      expect(textOf(response.body)).toContain(`Not done: ${reason}`);
      if (form.category) expect(response.body).toContain(form.action === 'new_category' ? `value="${form.category}"` : `<option value="${form.category}" selected>`);
      expect(await detail(wide.id)).toMatchObject({ status: 'candidate', category: null, fix: null, note: null, labels: [] });
    });

    it('confirms in a new category, which later pages offer with the others', async () => {
      expect((await act(wide.id, { action: 'new_category', category: 'coolant_low', fix: 'retry' })).statusCode).toBe(303);
      expect(await detail(wide.id)).toMatchObject({ status: 'confirmed', category: 'coolant_low', fix: 'retry' });
      await postReports(suite.api, reportsOf(FRESH, 2, 2));
      await runTrainer(suite.api);
      const fresh = await clusterWith(suite.api, 'Warp coil');
      expect(await page(`/ui/clusters/${fresh.id}`)).toMatch(/<optgroup label="Added by maintainers"><option value="coolant_low">/);
    });

    it('relabels without touching the status, notes, rejects and reopens, each in the history', async () => {
      const steps: [Record<string, string>, Record<string, unknown>][] = [
        [{ action: 'relabel', category: 'network_error', fix: 'retry' }, { status: 'candidate', category: 'network_error', fix: 'retry' }],
        [{ action: 'note', note: 'seen behind proxies' }, { note: 'seen behind proxies' }],
        [{ action: 'reject' }, { status: 'rejected', category: 'network_error' }],
        [{ action: 'reopen' }, { status: 'candidate' }],
        [{ action: 'relabel', category: '', fix: '' }, { category: null, fix: null }],
      ];
      for (const [fields, expected] of steps) {
        const response = await act(wide.id, fields);
        expect(response.statusCode, response.body).toBe(303);
        expect(await detail(wide.id)).toMatchObject(expected);
      }
      const actions = await suite.db.query<{ action: string; actor: string }>('select action, actor from cluster_labels where cluster_id = $1 order by id', [wide.id]);
      expect(actions).toEqual(['relabel', 'note', 'reject', 'reopen', 'relabel'].map((action) => ({ action, actor: 'Ada Maintainer' })));
    });

    it('merges into another cluster: reports move, later ones follow, both histories say so', async () => {
      await postReports(suite.api, reportsOf(FRESH, 2, 2, 'f'));
      await runTrainer(suite.api);
      const fresh = await clusterWith(suite.api, 'Warp coil');
      const response = await act(fresh.id, { action: 'merge', target: wide.id });
      expect(response.statusCode, response.body).toBe(303);
      expect(response.headers.location).toBe(`/ui/clusters/${wide.id}?done=merged`);
      expect(await detail(wide.id)).toMatchObject({ reports: 5, installs: 5 });
      expect(await detail(fresh.id)).toMatchObject({ status: 'merged' });
      const members = await suite.db.query<{ cluster_id: string; n: number }>('select cluster_id, count(*)::int as n from cluster_memberships group by 1');
      expect(members).toEqual([{ cluster_id: wide.id, n: 5 }]);
      const target = textOf(await page(response.headers.location as string));
      expect(target).toContain('Merged: the other cluster’s reports are now part of this one.');
      expect(target).toContain(`Ada Maintainer merge candidate – – took 2 reports of ${fresh.id}`);
      const source = await page(`/ui/clusters/${fresh.id}`);
      expect(textOf(source)).toContain(`This cluster was merged into ${wide.id}: label that one.`);
      expect(textOf(source)).toContain('Reports 2 when it was merged; they belong to the target now');
      expect(source).not.toContain('name="action"');

      await postReports(suite.api, reportsOf(FRESH, 3, 3, 'later'));
      await runTrainer(suite.api);
      expect(await detail(wide.id)).toMatchObject({ reports: 8 });
      expect((await page('/ui/clusters?status=merged')).includes(fresh.id)).toBe(true);
    });

    it('refuses to act on a merged cluster or to merge into one, changing nothing', async () => {
      await postReports(suite.api, [...reportsOf(FRESH, 2, 2, 'f'), ...reportsOf(OLD, 2, 2, 'o')]);
      await runTrainer(suite.api);
      const fresh = await clusterWith(suite.api, 'Warp coil');
      const old = await clusterWith(suite.api, 'Quantum flange');
      expect((await act(fresh.id, { action: 'merge', target: wide.id })).statusCode).toBe(303);
      const onMerged = await act(fresh.id, { action: 'confirm', category: 'timeout', fix: '' });
      expect(onMerged.statusCode).toBe(422);
      expect(textOf(onMerged.body)).toContain(`this cluster was merged into ${wide.id}: label that one`);
      const intoMerged = await act(old.id, { action: 'merge', target: fresh.id });
      expect(intoMerged.statusCode).toBe(422);
      expect(textOf(intoMerged.body)).toContain('that cluster was itself merged into another');
      expect(await detail(old.id)).toMatchObject({ status: 'candidate', reports: 2 });
      expect(await detail(fresh.id)).toMatchObject({ status: 'merged', category: null });
      const patched = await suite.app.inject({ method: 'PATCH', url: `/v1/clusters/${fresh.id}`, headers: suite.api.auth, payload: { status: 'confirmed', category: 'timeout' } });
      expect(patched.statusCode).toBe(422);
      expect(patched.json().message).toBe(`this cluster was merged into ${wide.id}: label that one`);
      expect(await detail(fresh.id)).toMatchObject({ status: 'merged', category: null });
    });

    it('gives a cluster merged into a confirmed one a rule of its own in the next pack', async () => {
      await postReports(suite.api, reportsOf(FRESH, 2, 2, 'f'));
      await runTrainer(suite.api);
      const fresh = await clusterWith(suite.api, 'Warp coil');
      expect((await act(fresh.id, { action: 'merge', target: wide.id })).statusCode).toBe(303);
      expect((await act(wide.id, { action: 'new_category', category: 'coolant_low', fix: 'retry' })).statusCode).toBe(303);
      const published = await suite.app.inject({ method: 'POST', url: '/v1/packs', headers: suite.api.auth });
      expect(published.statusCode, published.body).toBe(201);
      const latest = parseEnvelope(JSON.parse((await suite.app.inject({ url: '/v1/packs/latest' })).body));
      expect(latest.ok).toBe(true);
      const rules = (latest.ok ? (latest.value.signed as { rules: { id: string; category: string }[] }).rules : []).filter((rule) => rule.id.startsWith('cluster.'));
      expect(rules.map((rule) => [rule.id, rule.category]).sort()).toEqual([[`cluster.${fresh.id}`, 'coolant_low'], [`cluster.${wide.id}`, 'coolant_low']].sort());
    });
  });
});
