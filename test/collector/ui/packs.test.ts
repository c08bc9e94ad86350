/**
 * The review UI's pack pages through inject: build a candidate from confirmed clusters, its comparison
 * with the served pack, publish it (and then /v1/packs/latest serves it, verified), discard, the refusals
 * (nothing to publish, failed gate, stale, decided), the history with rule diffs, fix rates, and yank.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@tapheal/db';
import { publicKeyFromPem, verifyPack } from '@tapheal/rules';
import { buildTestApp, type TestApp } from '../../helpers/build-app.js';
import { testDatabases } from '../../helpers/db.js';
import { HOOK_TIMEOUT_MS, NO_RATE_LIMITS, clusterWith, createClock, postReports, reportsOf, runTrainer, type Api } from '../../helpers/maintainer.js';
import { makeReport } from '../../helpers/reports.js';
import { getPage, postForm, signIn, textOf, type UiSession } from '../../helpers/ui.js';

const NOW = '2026-11-25T12:00:00.000Z';
const ENV = { ...NO_RATE_LIMITS, TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' };
const JAMMED = 'Frobnicator spindle jammed after 3 turns';
const ALL_TABLES = 'truncate reports, installs, clusters, cluster_memberships, cluster_labels, trainer_runs, packs, signing_keys, pack_candidates cascade';

describe.each(testDatabases())('review UI packs on $name', ({ open }) => {
  const clock = createClock(NOW);
  let db: Db;
  let built: TestApp | undefined;
  let api: Api;
  let session: UiSession;
  beforeAll(async () => {
    db = await open();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await built?.app.close();
    await db?.close();
  }, HOOK_TIMEOUT_MS);
  // Every test starts from a fresh install: the built-in pack as v1 and nothing else.
  beforeEach(async () => {
    clock.set(NOW);
    await built?.app.close();
    await db.query(ALL_TABLES);
    built = await buildTestApp(db, { now: clock.now, env: ENV });
    api = { app: built.app, auth: built.auth };
    session = await signIn(built.app, built.adminToken, 'Grace Publisher');
  }, HOOK_TIMEOUT_MS);

  const page = async (url: string, status = 200) => (await getPage(api.app, session, url, status)).body;
  const post = (url: string, fields: Record<string, string> = {}) => postForm(api.app, session, url, fields);
  const latestVersion = async () => Number((await api.app.inject({ url: '/v1/packs/latest' })).headers['tapheal-pack-version']);
  const candidates = () => db.query<{ status: string; decided_by: string | null; published_version: number | null }>('select status, decided_by, published_version from pack_candidates order by created_at');

  /** A cluster of `message` from two installs, confirmed through the UI. */
  async function confirmed(message: string, category: string, fix: string) {
    await postReports(api, reportsOf(message, 4, 2, category));
    await runTrainer(api);
    const cluster = await clusterWith(api, message.split(' ').slice(0, 2).join(' '));
    const response = await post(`/ui/clusters/${cluster.id}/actions`, { action: 'confirm', category, fix });
    expect(response.statusCode, response.body).toBe(303);
    return cluster;
  }

  /** POST /ui/packs/candidates, following the redirect to the candidate's page. */
  async function buildCandidate(): Promise<{ url: string; body: string }> {
    const response = await post('/ui/packs/candidates');
    expect(response.statusCode, textOf(response.body).slice(0, 500)).toBe(303);
    const url = response.headers.location as string;
    expect(url).toMatch(/^\/ui\/packs\/candidates\/[0-9a-f-]{36}$/);
    return { url, body: await page(url) };
  }

  it('says there are no candidates yet and how to make one, and lists the built-in pack as served', async () => {
    const text = textOf(await page('/ui/packs'));
    expect(text).toContain('No candidates yet. Confirm clusters on the Clusters page, then build one here.');
    expect(text).toMatch(/v1 \S+ \S+ UTC builtin \d+ first pack collector served/);
  });

  it('refuses to build a candidate when the confirmed clusters add nothing, and stores none', async () => {
    const response = await post('/ui/packs/candidates');
    expect(response.statusCode).toBe(409);
    expect(textOf(response.body)).toContain('Not done: the confirmed clusters add nothing to pack v1: confirm or relabel clusters first');
    expect(await candidates()).toEqual([]);
  });

  it('builds a candidate without publishing it, and shows what improves per category and the rules it adds', async () => {
    const cluster = await confirmed(JAMMED, 'spindle_jammed', 'retry');
    const { body } = await buildCandidate();
    const text = textOf(body);
    expect(text).toContain('Built 2026-11-25 12:00 UTC by Grace Publisher');
    expect(text).toContain('Evaluation gate passed');
    expect(text).toContain('macro F1 0.0% → 100.0%');
    expect(text).toContain('Improves: spindle_jammed. Regresses: nothing.');
    expect(text).toMatch(/spindle_jammed 4 0\.0% 0\.0% 0\.0% 100\.0% 100\.0% 100\.0% improves/);
    expect(text).toContain(`Against v1: 1 added, 0 removed, 0 changed`);
    expect(text).toContain(`cluster.${cluster.id} spindle_jammed retry 0.9`);
    expect(body).toMatch(/<button type="submit">Publish<\/button>/);
    expect(await latestVersion()).toBe(1);
    expect(await candidates()).toEqual([{ status: 'open', decided_by: null, published_version: null }]);
  });

  it('publishes a candidate as the next version: /v1/packs/latest serves it, signed by the collector’s key', async () => {
    const cluster = await confirmed(JAMMED, 'spindle_jammed', 'retry');
    const { url } = await buildCandidate();
    clock.set('2026-11-25T12:30:00.000Z');
    const response = await post(`${url}/publish`);
    expect(response.statusCode, textOf(response.body).slice(0, 500)).toBe(303);
    expect(response.headers.location).toBe('/ui/packs/2?done=published');
    const served = await api.app.inject({ url: '/v1/packs/latest' });
    expect(served.headers['tapheal-pack-version']).toBe('2');
    const key = publicKeyFromPem(built!.publicPem);
    if (!key.ok) throw new Error('the test key does not parse');
    const verified = verifyPack(served.body, { trustedKeys: [key.value], now: new Date(NOW) });
    expect(verified.ok).toBe(true);
    if (verified.ok) {
      expect(verified.value.pack.rules.map((rule) => rule.id)).toContain(`cluster.${cluster.id}`);
      expect(verified.value.pack.createdAt).toBe('2026-11-25T12:30:00.000Z');
    }
    expect(await candidates()).toEqual([{ status: 'published', decided_by: 'Grace Publisher', published_version: 2 }]);
    const text = textOf(await page(response.headers.location as string));
    expect(text).toContain('Published. Clients fetch v2 at /v1/packs/latest from now on.');
    expect(text).toContain('State served');
    expect(text).toContain('by Grace Publisher (clusters)');
    expect(textOf(await page('/ui/packs'))).toMatch(/v2 \S+ \S+ UTC clusters \d+ \+1 −0 ~0 Grace Publisher served/);
  });

  it('refuses to publish a candidate twice, or once it was discarded', async () => {
    await confirmed(JAMMED, 'spindle_jammed', 'retry');
    const first = await buildCandidate();
    expect((await post(`${first.url}/publish`)).statusCode).toBe(303);
    const again = await post(`${first.url}/publish`);
    expect(again.statusCode).toBe(409);
    expect(textOf(again.body)).toContain('this candidate was published already');

    await confirmed('Hyperdrive coolant pressure low in sector 9', 'timeout', 'retry');
    const second = await buildCandidate();
    const discarded = await post(`${second.url}/discard`);
    expect(discarded.statusCode).toBe(303);
    expect(discarded.headers.location).toBe('/ui/packs?done=discarded');
    const late = await post(`${second.url}/publish`);
    expect(late.statusCode).toBe(409);
    expect(textOf(late.body)).toContain('this candidate was discarded already');
    expect(await latestVersion()).toBe(2);
  });

  it('refuses a candidate compared with a pack that is no longer the served one, publishing nothing', async () => {
    await confirmed(JAMMED, 'spindle_jammed', 'retry');
    const older = await buildCandidate();
    const newer = await buildCandidate();
    expect((await post(`${newer.url}/publish`)).statusCode).toBe(303);
    const stale = await post(`${older.url}/publish`);
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('this candidate was compared with pack v1, but pack v2 is the latest now: build a new candidate');
    expect(textOf(await page(older.url))).toContain('(no longer the served pack: v2 is)');
    expect(await latestVersion()).toBe(2);
    expect((await db.query<{ n: number }>('select count(*)::int as n from packs'))[0]!.n).toBe(2);
  });

  it('refuses to build a candidate whose rule cannot be told from another label, naming both clusters', async () => {
    const short = await confirmed('Frobnicator spindle jammed hard', 'timeout', 'increase_timeout');
    const long = await confirmed('Sprocket alarm: Frobnicator spindle jammed hard while tension rose', 'network_error', 'retry');
    const response = await post('/ui/packs/candidates');
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain(`cluster ${short.id}: its pattern also matches reports of cluster ${long.id}, labelled network_error`);
    expect(await latestVersion()).toBe(1);
  });

  it('shows each rule’s measured fix rate from the heal attempts clients reported', async () => {
    const attempt = (outcome: 'healed' | 'failed') => ({ category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', fix: 'resolve_command_path', outcome });
    await postReports(api, [
      makeReport({ healing: { healed: true, attempts: [attempt('healed')] } }),
      makeReport({ healing: { healed: true, attempts: [attempt('healed')] } }),
      makeReport({ healing: { healed: false, attempts: [attempt('failed')] } }),
    ]);
    const text = textOf(await page('/ui/packs/1'));
    expect(text).toContain('1 of 107 rules have any');
    expect(text).toMatch(/command_not_found\.spawn_enoent command_not_found resolve_command_path 0\.95 \d+ no attempts 67% \(2 of 3\)/);
  });

  it('yanks a pack with a reason and who did it, and refuses to yank the last servable one', async () => {
    await confirmed(JAMMED, 'spindle_jammed', 'retry');
    expect((await post(`${(await buildCandidate()).url}/publish`)).statusCode).toBe(303);
    const tooLong = await post('/ui/packs/2/yank', { reason: 'r'.repeat(501) });
    expect(tooLong.statusCode).toBe(422);
    expect(await latestVersion()).toBe(2);
    const yanked = await post('/ui/packs/2/yank', { reason: 'rule too broad' });
    expect(yanked.statusCode).toBe(303);
    expect(yanked.headers.location).toBe('/ui/packs/2?done=yanked');
    expect(await latestVersion()).toBe(1);
    expect(textOf(await page('/ui/packs/2'))).toMatch(/State yanked \S+ \S+ UTC by Grace Publisher: rule too broad/);
    const last = await post('/ui/packs/1/yank', { reason: 'no' });
    expect(last.statusCode).toBe(409);
    expect(textOf(last.body)).toContain('it is the last pack clients can fetch: publish a better one first');
    expect(await latestVersion()).toBe(1);
  });

  it('answers 404 pages to unknown candidates and versions', async () => {
    await page('/ui/packs/candidates/00000000-0000-4000-8000-000000000000', 404);
    await page('/ui/packs/99', 404);
    expect((await post('/ui/packs/99/yank')).statusCode).toBe(404);
    await page('/ui/packs/candidates/not-a-uuid', 400);
  });
});
