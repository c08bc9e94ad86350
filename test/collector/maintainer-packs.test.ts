/**
 * Publishing through the maintainer API: POST /v1/packs builds, evaluates, signs and publishes a pack
 * from the confirmed clusters (201, or 409/422 with the reasons); the public routes then serve it, and
 * it verifies with the published key; POST /v1/packs/{version}/yank withdraws one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@tapheal/db';
import { compileMatcher, publicKeyFromPem, verifyPack, type PublicKey, type VerifiedPack } from '@tapheal/rules';
import { buildTestApp } from '../helpers/build-app.js';
import { testDatabases } from '../helpers/db.js';
import { HOOK_TIMEOUT_MS, NO_RATE_LIMITS, clusterWith, createClock, patchCluster, postReports, runTrainer, type Api, type ClusterView } from '../helpers/maintainer.js';
import { makeReport } from '../helpers/reports.js';

const NOW = '2026-11-25T12:00:00.000Z';
const ENV = { ...NO_RATE_LIMITS, TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' };
/** Raw messages of one failure no built-in rule knows, as clients would send them before anonymising. */
const JAMMED = [
  'Frobnicator spindle jammed after 3 turns in /Users/alice/proj/a.js',
  'Frobnicator spindle jammed after 17 turns in /home/bob/work/b.js',
  'Frobnicator spindle jammed after 250 turns in C:\\Users\\carol\\c.js',
];
const JAMMED_LABEL = { status: 'confirmed', category: 'spindle_jammed', fix: 'retry', note: 'a jammed spindle frees itself' };

describe.each(testDatabases())('publishing packs through the maintainer API on $name', ({ open }) => {
  const clock = createClock(NOW);
  let db: Db;
  let app: FastifyInstance | undefined;
  let api: Api;
  beforeAll(async () => {
    db = await open();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  }, HOOK_TIMEOUT_MS);
  // Every test starts from a fresh install: no reports, and the built-in pack published as version 1.
  beforeEach(async () => {
    clock.set(NOW);
    await app?.close();
    await db.query('truncate reports, installs, clusters, cluster_memberships, cluster_labels, trainer_runs, packs, signing_keys cascade');
    const built = await buildTestApp(db, { now: clock.now, env: ENV });
    app = built.app;
    api = { app, auth: built.auth };
  }, HOOK_TIMEOUT_MS);

  const publish = () => api.app.inject({ method: 'POST', url: '/v1/packs', headers: api.auth });
  const yank = (version: number | string, payload?: object) =>
    api.app.inject({ method: 'POST', url: `/v1/packs/${version}/yank`, headers: api.auth, ...(payload ? { payload } : {}) });
  const latest = () => api.app.inject({ url: '/v1/packs/latest' });

  /** Posts `messages` (from distinct installs), runs the trainer, and answers the cluster containing `words`. */
  async function clusterOf(messages: readonly string[], words: string): Promise<ClusterView> {
    await postReports(api, messages.map((message, i) => makeReport({ installId: `install-${words.length}-${i}`, error: { message } })));
    await runTrainer(api);
    return clusterWith(api, words);
  }

  async function trustedKeys(): Promise<PublicKey[]> {
    const keys = (await api.app.inject({ url: '/v1/keys' })).json().keys as { pem: string }[];
    return keys.map(({ pem }) => {
      const key = publicKeyFromPem(pem);
      if (!key.ok) throw new Error(key.detail);
      return key.value;
    });
  }

  async function verifiedLatest(): Promise<VerifiedPack> {
    const response = await latest();
    expect(response.statusCode).toBe(200);
    const verified = verifyPack(response.body, { trustedKeys: await trustedKeys(), now: new Date(NOW) });
    if (!verified.ok) throw new Error(`${verified.reason}: ${verified.detail}`);
    return verified.value;
  }

  describe('POST /v1/packs', () => {
    it('answers 409 nothing_to_publish while no cluster is confirmed', async () => {
      await clusterOf(JAMMED, 'Frobnicator spindle');
      const response = await publish();
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: 'nothing_to_publish', reasons: [expect.any(String)] });
      expect((await latest()).headers['tapheal-pack-version']).toBe('1');
    });

    it('publishes version 2 with a rule for a confirmed cluster, signed with the published key', async () => {
      const before = await latest();
      const builtin = await verifiedLatest();
      const cluster = await clusterOf(JAMMED, 'Frobnicator spindle');
      expect((await patchCluster(api, cluster.id, JAMMED_LABEL)).statusCode).toBe(200);

      const response = await publish();
      expect(response.statusCode, response.body).toBe(201);
      const published = response.json();
      expect(published).toMatchObject({ version: 2, etag: expect.stringMatching(/^"[^"]+"$/), rules: builtin.pack.rules.length + 1 });
      expect(published.evaluation).toMatchObject({ passed: true, clusters: [{ clusterId: cluster.id, category: 'spindle_jammed', messages: 3, recall: 1 }] });

      const after = await latest();
      expect(after.headers['tapheal-pack-version']).toBe('2');
      expect(after.headers.etag).toBe(published.etag);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const stale = await api.app.inject({ url: '/v1/packs/latest', headers: { 'if-none-match': before.headers.etag as string } });
      expect([stale.statusCode, stale.headers['tapheal-pack-version']]).toEqual([200, '2']);
      const { pack } = await verifiedLatest();
      expect(pack.version).toBe(2);
      expect(pack.rules.find((rule) => rule.id === `cluster.${cluster.id}`)).toMatchObject({
        category: 'spindle_jammed',
        fix: 'retry',
        description: JAMMED_LABEL.note,
        support: { reports: 3, installs: 3 },
      });
      expect(pack.categories.find((category) => category.id === 'spindle_jammed')).toMatchObject({ fixes: ['retry', 'report_only'] });
      expect(pack.rules.filter((rule) => !rule.id.startsWith('cluster.'))).toEqual(builtin.pack.rules);
    });

    it('publishes a rule that classifies the cluster\'s stored and raw messages as the confirmed category', async () => {
      const cluster = await clusterOf(JAMMED, 'Frobnicator spindle');
      await patchCluster(api, cluster.id, JAMMED_LABEL);
      expect((await publish()).statusCode).toBe(201);
      const { matcher } = await verifiedLatest();
      const stored = (await api.app.inject({ url: `/v1/clusters/${cluster.id}/reports`, headers: api.auth })).json().reports as { message: string }[];
      const unseen = 'Frobnicator   spindle jammed after 1 turns in /opt/x/y.js';
      for (const message of [...stored.map((report) => report.message), ...JAMMED, unseen]) {
        expect(matcher.classify(message), message).toMatchObject({ category: 'spindle_jammed', ruleId: `cluster.${cluster.id}`, fix: 'retry' });
      }
      expect(matcher.classify('Frobnicator spindle turned freely').ruleId).toBeNull();
    });

    it('answers 409 to publishing again with nothing new, and publishes again once the label changes', async () => {
      const cluster = await clusterOf(JAMMED, 'Frobnicator spindle');
      await patchCluster(api, cluster.id, JAMMED_LABEL);
      expect((await publish()).statusCode).toBe(201);
      const again = await publish();
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: 'nothing_to_publish' });
      await patchCluster(api, cluster.id, { fix: 'report_only' });
      expect((await publish()).json()).toMatchObject({ version: 3 });
    });

    it('answers 409 when only the support counts have changed', async () => {
      const cluster = await clusterOf(JAMMED, 'Frobnicator spindle');
      await patchCluster(api, cluster.id, JAMMED_LABEL);
      expect((await publish()).statusCode).toBe(201);
      await clusterOf(JAMMED, 'Frobnicator spindle');
      expect((await clusterWith(api, 'Frobnicator spindle')).reports).toBe(6);
      expect((await publish()).statusCode).toBe(409);
    });

    it('answers 422 naming the cluster whose template is too generic to make a rule', async () => {
      const generic = await clusterOf(['Error 1', 'Error 2', 'Error 3'], 'Error');
      expect(generic.template).toBe('Error <num>');
      await patchCluster(api, generic.id, { status: 'confirmed', category: 'unknown' });
      const response = await publish();
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ error: 'evaluation_failed', reasons: [expect.stringContaining(`cluster ${generic.id}`)] });
      expect(response.json().reasons[0]).toMatch(/literal characters/);
      expect((await latest()).headers['tapheal-pack-version']).toBe('1');
    });

    it("publishes a maintainer's label over the built-in pack's guess at the same reports", async () => {
      const messages = ['spawn npx ENOENT while frobnicating widget 1', 'spawn npx ENOENT while frobnicating widget 2'];
      const cluster = await clusterOf(messages, 'while frobnicating');
      await patchCluster(api, cluster.id, { status: 'confirmed', category: 'frobnicator_missing' });
      const response = await publish();
      expect(response.statusCode, response.body).toBe(201);
      const matcher = compileMatcher((await verifiedLatest()).pack);
      if (!matcher.ok) throw new Error(matcher.detail);
      expect(matcher.value.classify('spawn npx ENOENT while frobnicating widget 3')).toMatchObject({ category: 'frobnicator_missing', ruleId: `cluster.${cluster.id}` });
      expect(matcher.value.classify('spawn npx ENOENT')).toMatchObject({ category: 'command_not_found' });
    });

    it('answers 422 naming both clusters when one rule cannot be told from another label, and publishes nothing', async () => {
      const short = await clusterOf(['Frobnicator spindle jammed hard', 'Frobnicator spindle jammed hard'], 'jammed hard');
      const long = await clusterOf(['Sprocket alarm: Frobnicator spindle jammed hard while tension rose', 'Sprocket alarm: Frobnicator spindle jammed hard while tension rose'], 'Sprocket alarm');
      await patchCluster(api, short.id, { status: 'confirmed', category: 'timeout', fix: 'increase_timeout' });
      await patchCluster(api, long.id, { status: 'confirmed', category: 'network_error', fix: 'retry' });
      const response = await publish();
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ error: 'evaluation_failed', reasons: [expect.stringMatching(new RegExp(`^cluster ${short.id}: its pattern also matches reports of cluster ${long.id}, labelled network_error`))] });
      expect((await latest()).headers['tapheal-pack-version']).toBe('1');
    });

    it('drops the rule of a cluster rejected since the last pack', async () => {
      const jammed = await clusterOf(JAMMED, 'Frobnicator spindle');
      const other = await clusterOf(['Sprocket tension exceeded limits on belt 4', 'Sprocket tension exceeded limits on belt 9'], 'Sprocket tension');
      await patchCluster(api, jammed.id, JAMMED_LABEL);
      await patchCluster(api, other.id, { status: 'confirmed', category: 'timeout', fix: 'increase_timeout' });
      expect((await publish()).json()).toMatchObject({ version: 2 });
      expect((await verifiedLatest()).pack.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining([`cluster.${jammed.id}`, `cluster.${other.id}`]));

      await patchCluster(api, jammed.id, { status: 'rejected' });
      expect((await publish()).json()).toMatchObject({ version: 3 });
      const { pack, matcher } = await verifiedLatest();
      expect(pack.version).toBe(3);
      const ids = pack.rules.map((rule) => rule.id);
      expect(ids).not.toContain(`cluster.${jammed.id}`);
      expect(ids).toContain(`cluster.${other.id}`);
      expect(matcher.classify(JAMMED[0]!).ruleId).toBeNull();
    });
  });

  describe('POST /v1/packs/{version}/yank', () => {
    async function publishVersion2(): Promise<void> {
      const cluster = await clusterOf(JAMMED, 'Frobnicator spindle');
      await patchCluster(api, cluster.id, JAMMED_LABEL);
      expect((await publish()).statusCode).toBe(201);
    }

    it('withdraws a pack: latest serves the one before, and its own URL answers 410', async () => {
      await publishVersion2();
      clock.set('2026-11-25T15:00:00.000Z');
      const response = await yank(2, { reason: 'bad rule' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ version: 2, yankedAt: '2026-11-25T15:00:00.000Z' });
      const served = await latest();
      expect(served.headers['tapheal-pack-version']).toBe('1');
      expect((await verifiedLatest()).pack.version).toBe(1);
      const gone = await api.app.inject({ url: '/v1/packs/2' });
      expect(gone.statusCode).toBe(410);
      expect(gone.json().message).toMatch(/bad rule/);
    });

    it('takes no body at all', async () => {
      await publishVersion2();
      expect((await yank(2)).statusCode).toBe(200);
    });

    it('answers 409 already_yanked to yanking twice', async () => {
      await publishVersion2();
      await yank(2);
      const response = await yank(2);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: 'already_yanked' });
    });

    it('answers 409 last_servable to yanking the only pack clients can fetch', async () => {
      const only = await yank(1);
      expect(only.statusCode).toBe(409);
      expect(only.json()).toMatchObject({ error: 'last_servable' });
      await publishVersion2();
      await yank(2);
      expect((await yank(1)).json()).toMatchObject({ error: 'last_servable' });
      expect((await latest()).headers['tapheal-pack-version']).toBe('1');
    });

    it.each([
      [99, 404],
      ['0', 400],
      ['two', 400],
    ])('answers %s with %i', async (version, status) => {
      expect((await yank(version)).statusCode).toBe(status);
    });

    it('answers 400 to a body with an unknown field', async () => {
      await publishVersion2();
      expect((await yank(2, { why: 'x' })).statusCode).toBe(400);
      expect((await latest()).headers['tapheal-pack-version']).toBe('2');
    });

    it('never reuses a yanked version', async () => {
      await publishVersion2();
      await yank(2);
      const response = await publish();
      expect(response.json()).toMatchObject({ version: 3 });
      expect((await verifiedLatest()).pack.version).toBe(3);
    });

    it('lists every pack in GET /v1/packs, newest first, with yankedAt', async () => {
      await publishVersion2();
      clock.set('2026-11-25T15:00:00.000Z');
      await yank(2, { reason: 'bad rule' });
      const response = await api.app.inject({ url: '/v1/packs', headers: api.auth });
      expect(response.statusCode).toBe(200);
      expect(response.json().packs).toMatchObject([
        { version: 2, source: 'clusters', yankedAt: '2026-11-25T15:00:00.000Z', yankReason: 'bad rule' },
        { version: 1, source: 'builtin', yankedAt: null, yankReason: null },
      ]);
    });
  });
});
