/**
 * Key rotation end to end: a collector given TAPHEAL_NEXT_SIGNING_KEY_FILE announces the next key in the
 * packs it signs with the current one; a client that took such a pack accepts the next pack signed only
 * with the new key, and a client that never saw the announcement refuses it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updatePack } from '@tapheal/client';
import { createDb, type Db } from '@tapheal/db';
import { parseEnvelope, type Pack } from '@tapheal/rules';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { NO_RATE_LIMITS, clusterWith, patchCluster, postReports, reportsOf, runTrainer, type Api } from '../helpers/maintainer.js';
import { generateTestKey, makeTempDir } from '../helpers/packs.js';

const GATES = { ...NO_RATE_LIMITS, TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' };

/** A client home that pins exactly `pems`. */
function clientHome(...pems: string[]): string {
  const home = makeTempDir();
  mkdirSync(join(home, 'trusted-keys'));
  pems.forEach((pem, i) => writeFileSync(join(home, 'trusted-keys', `pinned-${i}.pem`), pem));
  return home;
}

async function publishCluster(api: Api, message: string, category: string): Promise<number> {
  await postReports(api, reportsOf(message, 3, 1, category));
  await runTrainer(api);
  const cluster = await clusterWith(api, message.split(' ')[0]!);
  await patchCluster(api, cluster.id, { status: 'confirmed', category, fix: 'retry' });
  const published = await api.app.inject({ method: 'POST', url: '/v1/packs', headers: api.auth });
  expect(published.statusCode, published.body).toBe(201);
  return (published.json() as { version: number }).version;
}

describe('key rotation through the collector', () => {
  const oldKey = generateTestKey();
  const newKey = generateTestKey();
  let db: Db;
  let before: TestApp;
  let url: string;
  beforeAll(async () => {
    db = await createDb();
    before = await buildTestApp(db, { env: GATES, key: oldKey, nextKey: newKey });
    url = await before.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await before?.app.close();
    await db?.close();
  });

  it('announces the next key in the packs it signs, and lists it in /v1/keys', async () => {
    const latest = parseEnvelope(JSON.parse((await before.app.inject({ url: '/v1/packs/latest' })).body));
    if (!latest.ok) throw new Error(latest.detail);
    expect(latest.value.signatures.map((signature) => signature.keyid)).toEqual([oldKey.signing.keyid]);
    expect((latest.value.signed as unknown as Pack).keys).toEqual([{ keyid: newKey.signing.keyid, pem: newKey.publicPem }]);
    const keys = (await before.app.inject({ url: '/v1/keys' })).json() as { keys: { keyid: string }[] };
    expect(keys.keys.map((key) => key.keyid).sort()).toEqual([oldKey.signing.keyid, newKey.signing.keyid].sort());
  });

  it('carries a client that took the announcing pack over to packs signed only with the new key', async () => {
    const follower = clientHome(oldKey.publicPem);
    const stranger = clientHome(oldKey.publicPem);
    const v2 = await publishCluster({ app: before.app, auth: before.auth }, 'Quokka relay lost its lease', 'relay_lost');
    expect(await updatePack({ home: follower, endpoint: url, force: true })).toMatchObject({ outcome: 'updated', version: v2 });

    // The rotation: the collector now signs with the new key and announces nothing.
    const after = await buildTestApp(db, { env: GATES, key: newKey });
    const afterUrl = await after.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const v3 = await publishCluster({ app: after.app, auth: after.auth }, 'Wombat cache refused the ticket', 'cache_refused');
      const latest = parseEnvelope(JSON.parse((await after.app.inject({ url: '/v1/packs/latest' })).body));
      if (!latest.ok) throw new Error(latest.detail);
      expect(latest.value.signatures.map((signature) => signature.keyid)).toEqual([newKey.signing.keyid]);
      expect(await updatePack({ home: follower, endpoint: afterUrl, force: true })).toMatchObject({ outcome: 'updated', version: v3 });
      expect(await updatePack({ home: stranger, endpoint: afterUrl, force: true })).toMatchObject({ outcome: 'refused', reason: 'untrusted_key' });
    } finally {
      await after.app.close();
    }
  });
});
