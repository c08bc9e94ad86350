/**
 * Trainer runs through the maintainer API: POST /v1/trainer/runs answers 202 and the run can be
 * followed to its end; one run at a time; the gates (TAPHEAL_MIN_REPORTS, TAPHEAL_MIN_CLUSTER_INSTALLS)
 * decide which clusters become candidates; cluster ids and labels survive later runs.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTrainerRun } from '@tapheal/db';
import { anonymiseMessage } from '@tapheal/rules';
import { clusterIdOf, templateOf } from '@tapheal/trainer';
import { testDatabases } from '../helpers/db.js';
import { allClusters, clusterWith, createClock, patchCluster, postReports, reportsOf, runTrainer, waitForRun, useMaintainerApp } from '../helpers/maintainer.js';

const MIN_REPORTS = 10;
const MIN_CLUSTER_INSTALLS = 3;
/** Seen from exactly MIN_CLUSTER_INSTALLS installs, and from one fewer. */
const WIDE = 'Flux capacitor overheated after 12 seconds in /home/bob/app/flux.js';
const NARROW = 'Gearbox telemetry stream stalled on channel 7';

describe.each(testDatabases())('trainer runs through the maintainer API on $name', ({ open }) => {
  const clock = createClock('2026-11-25T12:00:00.000Z');
  const suite = useMaintainerApp(open, { clock, start: '2026-11-25T12:00:00.000Z', env: { TAPHEAL_MIN_REPORTS: String(MIN_REPORTS), TAPHEAL_MIN_CLUSTER_INSTALLS: String(MIN_CLUSTER_INSTALLS) } });

  const start = () => suite.app.inject({ method: 'POST', url: '/v1/trainer/runs', headers: suite.api.auth });

  it('answers 202 with the run id, and the run reaches done with its stats', async () => {
    await postReports(suite.api, reportsOf(WIDE, 4, 2));
    const response = await start();
    expect(response.statusCode).toBe(202);
    const { id } = response.json();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const run = await waitForRun(suite.api, id);
    expect(run).toMatchObject({ id, status: 'done', trigger: 'api', error: null, finishedAt: expect.any(String) });
    expect(run.stats).toEqual({ reports: 4, assigned: 4, clusters: { pending: 1 }, promoted: 0, gated: true, suggested: 0, merges: [], splits: [], withheld: [] });
  });

  it('lists runs newest first', async () => {
    const first = await runTrainer(suite.api);
    clock.set('2026-11-25T12:05:00.000Z');
    const second = await runTrainer(suite.api);
    const response = await suite.app.inject({ url: '/v1/trainer/runs', headers: suite.api.auth });
    expect(response.json().runs.map((run: { id: string }) => run.id)).toEqual([second.id, first.id]);
  });

  it('answers 404 to an unknown run and 400 to an id that is not a UUID', async () => {
    const unknown = await suite.app.inject({ url: `/v1/trainer/runs/${randomUUID()}`, headers: suite.api.auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });
    const malformed = await suite.app.inject({ url: '/v1/trainer/runs/run-1', headers: suite.api.auth });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/params\/id/);
  });

  it('answers 409 with the running id while another process runs the trainer', async () => {
    const other = randomUUID();
    expect(await createTrainerRun(suite.db, { id: other, trigger: 'cli', startedAt: clock.now() })).not.toBeNull();
    const response = await start();
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'trainer_busy', runningId: other });
    expect(await suite.db.query('select id from trainer_runs')).toEqual([{ id: other }]);
  });

  it('takes over from a run that has been running for over an hour: its process died', async () => {
    const stale = randomUUID();
    await createTrainerRun(suite.db, { id: stale, trigger: 'cli', startedAt: clock.offset(-2 * 3_600_000) });
    await runTrainer(suite.api);
    const old = await suite.app.inject({ url: `/v1/trainer/runs/${stale}`, headers: suite.api.auth });
    expect(old.json()).toMatchObject({ status: 'failed', error: expect.stringMatching(/abandoned/) });
  });

  it('makes no candidate below TAPHEAL_MIN_REPORTS, however many installs a cluster has', async () => {
    await postReports(suite.api, reportsOf(WIDE, MIN_REPORTS - 1, MIN_CLUSTER_INSTALLS + 2));
    const run = await runTrainer(suite.api);
    expect(run.stats).toMatchObject({ reports: MIN_REPORTS - 1, gated: true, promoted: 0 });
    expect((await allClusters(suite.api)).map((c) => [c.status, c.reports, c.installs])).toEqual([['pending', MIN_REPORTS - 1, MIN_CLUSTER_INSTALLS + 2]]);
  });

  it('from TAPHEAL_MIN_REPORTS on, makes a candidate of a cluster seen from TAPHEAL_MIN_CLUSTER_INSTALLS installs, not of one seen from fewer', async () => {
    await postReports(suite.api, [...reportsOf(WIDE, 6, MIN_CLUSTER_INSTALLS, 'wide'), ...reportsOf(NARROW, MIN_REPORTS - 6, MIN_CLUSTER_INSTALLS - 1, 'narrow')]);
    const run = await runTrainer(suite.api);
    expect(run.stats).toEqual({ reports: MIN_REPORTS, assigned: MIN_REPORTS, clusters: { candidate: 1, pending: 1 }, promoted: 1, gated: false, suggested: 2, merges: [], splits: [], withheld: [] });
    expect(await clusterWith(suite.api, 'Flux capacitor')).toMatchObject({ status: 'candidate', reports: 6, installs: MIN_CLUSTER_INSTALLS });
    expect(await clusterWith(suite.api, 'Gearbox telemetry')).toMatchObject({ status: 'pending', reports: MIN_REPORTS - 6, installs: MIN_CLUSTER_INSTALLS - 1 });
  });

  it('promotes a cluster on a later run once enough reports exist', async () => {
    await postReports(suite.api, reportsOf(WIDE, 3, 3));
    await runTrainer(suite.api);
    expect((await clusterWith(suite.api, 'Flux capacitor')).status).toBe('pending');
    await postReports(suite.api, reportsOf(NARROW, MIN_REPORTS - 3, 1));
    const run = await runTrainer(suite.api);
    expect(run.stats).toMatchObject({ assigned: MIN_REPORTS - 3, promoted: 1, gated: false });
    expect((await clusterWith(suite.api, 'Flux capacitor')).status).toBe('candidate');
  });

  it('never turns a cluster a maintainer rejected back into a candidate', async () => {
    await postReports(suite.api, reportsOf(WIDE, 2, 1));
    await runTrainer(suite.api);
    const cluster = await clusterWith(suite.api, 'Flux capacitor');
    expect((await patchCluster(suite.api, cluster.id, { status: 'rejected' })).statusCode).toBe(200);
    await postReports(suite.api, reportsOf(WIDE, MIN_REPORTS, MIN_CLUSTER_INSTALLS));
    const run = await runTrainer(suite.api);
    expect(run.stats).toMatchObject({ gated: false, promoted: 0 });
    expect(await clusterWith(suite.api, 'Flux capacitor')).toMatchObject({ status: 'rejected', reports: MIN_REPORTS + 2 });
  });

  it('names each cluster by its template, the same id on every run', async () => {
    const variants = [WIDE, WIDE.replace('12', '97').replace('bob', 'carol'), WIDE.replace('/home/bob/app/flux.js', '/srv/flux/main.js')];
    await postReports(suite.api, variants.map((message, i) => reportsOf(message, 1, 1, `v${i}`)[0]!));
    await runTrainer(suite.api);
    const [cluster, ...others] = await allClusters(suite.api);
    expect(others).toEqual([]);
    expect(cluster!.id).toBe(clusterIdOf(templateOf(anonymiseMessage(WIDE))));
    expect(cluster!.template).toBe('Flux capacitor overheated after <num> seconds in <path>');
    await postReports(suite.api, reportsOf(WIDE, 2, 2));
    await runTrainer(suite.api);
    expect((await allClusters(suite.api)).map((c) => [c.id, c.reports])).toEqual([[cluster!.id, 5]]);
  });

  it('keeps a label through a later run, while the counts grow', async () => {
    await postReports(suite.api, reportsOf(WIDE, 3, 1));
    await runTrainer(suite.api);
    const before = await clusterWith(suite.api, 'Flux capacitor');
    const label = { status: 'confirmed', category: 'flux_overheated', fix: 'retry', note: 'let it cool' };
    expect((await patchCluster(suite.api, before.id, label)).statusCode).toBe(200);
    clock.set('2026-11-25T13:00:00.000Z');
    await postReports(suite.api, reportsOf(WIDE, 4, 4, 'later'));
    await runTrainer(suite.api);
    const after = await clusterWith(suite.api, 'Flux capacitor');
    expect(after).toMatchObject({ id: before.id, ...label, reports: 7, installs: 5, lastSeenAt: '2026-11-25T13:00:00.000Z' });
    const detail = await suite.app.inject({ url: `/v1/clusters/${before.id}`, headers: suite.api.auth });
    expect(detail.json().labels).toHaveLength(1);
  });

  it('shows in GET /v1/reports the cluster each report joined', async () => {
    await postReports(suite.api, [...reportsOf(WIDE, 1), ...reportsOf(NARROW, 1)]);
    await runTrainer(suite.api);
    const wide = await clusterWith(suite.api, 'Flux capacitor');
    const narrow = await clusterWith(suite.api, 'Gearbox telemetry');
    const listed = (await suite.app.inject({ url: '/v1/reports', headers: suite.api.auth })).json().reports as { error: { message: string }; clusterId: string }[];
    const clusterOf = (words: string) => listed.find((report) => report.error.message.includes(words))?.clusterId;
    expect([clusterOf('Flux capacitor'), clusterOf('Gearbox telemetry')]).toEqual([wide.id, narrow.id]);
  });
});
