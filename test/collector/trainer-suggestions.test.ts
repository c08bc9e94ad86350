/**
 * Candidates carry what the trainer thinks of them: the category its model (trained on the confirmed
 * clusters) suggests and how sure, whether it looks like a new category, and the served pack's verdict.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/db.js';
import { allClusters, clusterWith, createClock, patchCluster, postReports, reportsOf, runTrainer, useMaintainerApp } from '../helpers/maintainer.js';

describe.each(testDatabases())('trainer suggestions on $name', ({ open }) => {
  const clock = createClock('2026-11-25T12:00:00.000Z');
  const suite = useMaintainerApp(open, { clock, start: '2026-11-25T12:00:00.000Z', env: { TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' } });

  it('suggests the category of the labelled cluster a new one resembles, and flags one unlike any as new', async () => {
    await postReports(suite.api, [
      ...reportsOf('Gateway handshake timed out waiting for the relay after 30 seconds', 2, 2, 'a'),
      ...reportsOf('Vault rejected the credentials: token signature invalid for this account', 2, 2, 'b'),
    ]);
    await runTrainer(suite.api);
    await patchCluster(suite.api, (await clusterWith(suite.api, 'Gateway handshake')).id, { status: 'confirmed', category: 'timeout', fix: 'increase_timeout' });
    await patchCluster(suite.api, (await clusterWith(suite.api, 'Vault rejected')).id, { status: 'confirmed', category: 'auth_failed', fix: 'set_env_from_user' });

    await postReports(suite.api, [
      ...reportsOf('Relay handshake with the gateway timed out waiting after 90 seconds', 2, 2, 'c'),
      ...reportsOf('Frobnicator spindle jammed near the sprocket housing', 2, 2, 'd'),
    ]);
    const run = await runTrainer(suite.api);

    expect(run.stats).toMatchObject({ suggested: 2 });
    const like = (await allClusters(suite.api)).find((cluster) => cluster.template.startsWith('Relay handshake')) as unknown as { suggestion: { category: string; confidence: number; looksNew: boolean }; currentPack: { category: string } };
    expect(like.suggestion).toMatchObject({ category: 'timeout', looksNew: false });
    expect(like.suggestion.confidence).toBeGreaterThan(0);
    expect(like.currentPack).toEqual({ category: expect.any(String), confidence: expect.any(Number) });
    const unlike = (await allClusters(suite.api)).find((cluster) => cluster.template.startsWith('Frobnicator')) as unknown as { suggestion: { looksNew: boolean }; currentPack: { category: string } };
    expect(unlike.suggestion.looksNew).toBe(true);
    expect(unlike.currentPack.category).toBe('unknown');
    // Labelled clusters carry no suggestion.
    expect((await clusterWith(suite.api, 'Gateway handshake')) as unknown as { suggestion: unknown }).toMatchObject({ suggestion: null });
  });
});
