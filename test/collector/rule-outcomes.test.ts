/**
 * Healing outcomes flow back: the heal attempts clients report become each rule's measured `outcomes`
 * in the next published pack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvelope, type Pack } from '@tapheal/rules';
import { ruleOutcomes, type Db } from '@tapheal/db';
import { buildTestApp } from '../helpers/build-app.js';
import { testDatabases } from '../helpers/db.js';
import { HOOK_TIMEOUT_MS, NO_RATE_LIMITS, clusterWith, patchCluster, postReports, reportsOf, runTrainer, type Api } from '../helpers/maintainer.js';
import { makeReport } from '../helpers/reports.js';

const SPAWN_RULE = 'command_not_found.spawn_enoent';

const healed = (outcome: 'healed' | 'failed' | 'cannot_fix') =>
  makeReport({
    installId: `install-${outcome}-${Math.random().toString(36).slice(2, 10)}`,
    diagnosis: { packVersion: 1, category: 'command_not_found', ruleId: SPAWN_RULE, confidence: 0.95 },
    healing: { healed: outcome === 'healed', attempts: [{ category: 'command_not_found', ruleId: SPAWN_RULE, fix: 'resolve_command_path', outcome }] },
  });

describe.each(testDatabases())('rule outcomes on $name', ({ open }) => {
  let db: Db;
  let api: Api;
  beforeAll(async () => {
    db = await open();
    const built = await buildTestApp(db, { env: { ...NO_RATE_LIMITS, TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' } });
    api = { app: built.app, auth: built.auth };
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await api?.app.close();
    await db?.close();
  }, HOOK_TIMEOUT_MS);

  it('counts attempts and heals per rule from the stored reports', async () => {
    await postReports(api, [healed('healed'), healed('healed'), healed('failed'), healed('cannot_fix'), makeReport()]);
    expect(Object.fromEntries(await ruleOutcomes(db))).toEqual({ [SPAWN_RULE]: { attempts: 4, healed: 2 } });
  });

  it("publishes them as the rule's outcomes in the next pack, and leaves rules nobody tried without", async () => {
    await postReports(api, reportsOf('Frobnicator lost its license key for widget 42', 5, 2));
    await runTrainer(api);
    const cluster = await clusterWith(api, 'Frobnicator');
    await patchCluster(api, cluster.id, { status: 'confirmed', category: 'auth_failed', fix: 'set_env_from_user' });
    const published = await api.app.inject({ method: 'POST', url: '/v1/packs', headers: api.auth });
    expect(published.statusCode).toBe(201);
    const envelope = parseEnvelope(JSON.parse((await api.app.inject({ url: '/v1/packs/latest' })).body));
    if (!envelope.ok) throw new Error(envelope.detail);
    const pack = envelope.value.signed as unknown as Pack;
    expect(pack.rules.find((rule) => rule.id === SPAWN_RULE)?.outcomes).toEqual({ attempts: 4, healed: 2 });
    expect(pack.rules.find((rule) => rule.id === `cluster.${cluster.id}`)?.outcomes).toBeUndefined();
  });
});
