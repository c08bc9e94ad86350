/**
 * Stable cluster ids through template mining: retraining on the same reports plus new ones keeps every
 * labelled cluster's id and label, and when the miner joins clusters that already had ids, the run
 * records the merge (into the labelled one) instead of renumbering.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/db.js';
import { allClusters, createClock, patchCluster, postReports, reportsOf, runTrainer, useMaintainerApp } from '../helpers/maintainer.js';

const message = (name: string) => `Error: the server needs ${name} to be set in its configuration before it starts`;

describe.each(testDatabases())('stable cluster ids across trainer runs on $name', ({ open }) => {
  const clock = createClock('2026-11-25T12:00:00.000Z');
  const suite = useMaintainerApp(open, { clock, start: '2026-11-25T12:00:00.000Z', env: { TAPHEAL_MIN_REPORTS: '1', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' } });

  it('keeps a labelled cluster id when the miner generalises its template, and records the merge of the others into it', async () => {
    await postReports(suite.api, [...reportsOf(message('alpha'), 3, 3, 'a'), ...reportsOf(message('beta'), 3, 3, 'b')]);
    const first = await runTrainer(suite.api);
    expect(first.status).toBe('done');
    const before = await allClusters(suite.api);
    expect(before).toHaveLength(2);
    const alpha = before.find((cluster) => cluster.template.includes('alpha'))!;
    const beta = before.find((cluster) => cluster.template.includes('beta'))!;
    expect((await patchCluster(suite.api, alpha.id, { status: 'confirmed', category: 'missing_env_var', fix: 'set_env_from_user' })).statusCode).toBe(200);

    // New values in the same position: the miner now reads the name as a parameter.
    clock.set('2026-11-25T13:00:00.000Z');
    await postReports(suite.api, [...reportsOf(message('gamma'), 3, 3, 'c'), ...reportsOf(message('delta'), 3, 3, 'd'), ...reportsOf(message('epsilon'), 3, 3, 'e')]);
    const second = await runTrainer(suite.api);

    expect(second.status).toBe('done');
    expect(second.stats).toMatchObject({ assigned: 9, merges: [{ from: beta.id, into: alpha.id, template: expect.stringContaining('<*>') }], splits: [], withheld: [] });
    const after = await allClusters(suite.api);
    const live = after.filter((cluster) => cluster.status !== 'merged');
    expect(live).toEqual([expect.objectContaining({ id: alpha.id, status: 'confirmed', category: 'missing_env_var', reports: 15 })]);
    expect(after.find((cluster) => cluster.id === beta.id)).toMatchObject({ status: 'merged' });

    // A third run with nothing new changes nothing.
    const third = await runTrainer(suite.api);
    expect(third.stats).toMatchObject({ assigned: 0, merges: [] });
    expect((await allClusters(suite.api)).filter((cluster) => cluster.status !== 'merged').map((cluster) => cluster.id)).toEqual([alpha.id]);
  });
});
