/**
 * The review UI's trainer runs through inject: start one, follow it, see what it changed; a run already
 * running; runs started elsewhere; merges and splits as a trainer records them.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainerRun, finishTrainerRun } from '@tapheal/db';
import { testDatabases } from '../../helpers/db.js';
import { createClock, postReports, reportsOf, runTrainer, useMaintainerApp, waitForRun } from '../../helpers/maintainer.js';
import { getPage, postForm, signIn, textOf, type UiSession } from '../../helpers/ui.js';

const NOW = '2026-11-25T12:00:00.000Z';

describe.each(testDatabases())('review UI trainer runs on $name', ({ open }) => {
  const clock = createClock(NOW);
  const suite = useMaintainerApp(open, { clock, start: NOW, env: { TAPHEAL_MIN_REPORTS: '5', TAPHEAL_MIN_CLUSTER_INSTALLS: '2' } });
  let session: UiSession;
  beforeAll(async () => {
    session = await signIn(suite.app, suite.adminToken, 'Lin Trainer');
  });
  const page = async (url: string, status = 200) => (await getPage(suite.app, session, url, status)).body;

  /** Starts a run from the UI and waits for it to end; answers its page's URL. */
  async function startFromUi(): Promise<string> {
    const response = await postForm(suite.app, session, '/ui/runs');
    expect(response.statusCode, textOf(response.body).slice(0, 300)).toBe(303);
    const url = response.headers.location as string;
    expect(url).toMatch(/^\/ui\/runs\/[0-9a-f-]{36}$/);
    const run = await waitForRun(suite.api, url.split('/').at(-1)!);
    expect(run.status).toBe('done');
    // what the run changed is recorded just after it ends
    for (let i = 0; i < 50 && !textOf(await page(url)).includes('new clusters'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return url;
  }

  it('says no run happened yet and how many reports wait', async () => {
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 3, 1));
    const text = textOf(await page('/ui/runs'));
    expect(text).toContain('3 reports wait for a cluster.');
    expect(text).toContain('No trainer run yet. Start one above');
  });

  it('starts a run, records its trigger, and shows the clusters it made and grew', async () => {
    await postReports(suite.api, [...reportsOf('Warp coil resonance fault on deck 4', 3, 2, 'w'), ...reportsOf('Quantum flange misaligned by 3 degrees', 2, 1, 'q')]);
    await runTrainer(suite.api);
    await postReports(suite.api, [...reportsOf('Warp coil resonance fault on deck 9', 2, 2, 'w2'), ...reportsOf('Hyperdrive coolant pressure low', 1, 1, 'h')]);
    const url = await startFromUi();
    const text = textOf(await page(url));
    expect(text).toContain('Status done');
    expect(text).toContain('(ui, by Lin Trainer)');
    expect(text).toContain('8 stored; this run assigned 3 to clusters');
    expect(text).toMatch(/1 new clusters 1 grown 0 shrunk or gone 1 unchanged/);
    expect(text).toContain('New clusters template reports now Hyperdrive coolant pressure low 1');
    expect(text).toContain('Grown clusters template before reports now Warp coil resonance fault on deck <num> 3 5');
    expect(text).toContain('This run merged no clusters.');
    const list = textOf(await page('/ui/runs'));
    expect(list).toMatch(/ui \(Lin Trainer\) done \d+ s 3 \d+/);
    expect(list).toMatch(/api done \d+ s 5 1/);
  });

  it('answers the progress of a run as JSON for the page’s script', async () => {
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 2, 1));
    const url = await startFromUi();
    const response = await suite.app.inject({ url: `${url}/progress`, headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'done', text: 'The run ended: done.' });
    expect((await suite.app.inject({ url: `${url}/progress` })).statusCode).toBe(303);
  });

  it('shows a running run with a live progress region and its script, and refuses a second one', async () => {
    const id = randomUUID();
    expect(await createTrainerRun(suite.db, { id, trigger: 'cli', startedAt: new Date(NOW) })).not.toBeNull();
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 4, 1));
    const body = await page(`/ui/runs/${id}`);
    expect(body).toMatch(/<p id="run-progress" class="panel" role="status" aria-live="polite" data-progress-url="\/ui\/runs\/[0-9a-f-]+\/progress">Running: 4 reports still wait for a cluster.<\/p>/);
    expect(body).toMatch(/<script src="\/ui\/assets\/run-progress\.[\w-]+\.js" defer><\/script>/);
    const progress = await suite.app.inject({ url: `/ui/runs/${id}/progress`, headers: { cookie: session.cookie } });
    expect(progress.json()).toEqual({ status: 'running', text: 'Running: 4 reports still wait for a cluster.' });

    const second = await postForm(suite.app, session, '/ui/runs');
    expect(second.statusCode).toBe(409);
    expect(textOf(second.body)).toContain('A trainer run is running already: only one runs at a time.');
    expect(second.body).toContain(`<a href="/ui/runs/${id}">A run is running now: follow it</a>`);
    const runs = await suite.db.query<{ n: number }>('select count(*)::int as n from trainer_runs');
    expect(runs[0]!.n).toBe(1);
  });

  it('says so when a run was not started here, and lists merges and splits a trainer recorded', async () => {
    const id = randomUUID();
    await createTrainerRun(suite.db, { id, trigger: 'cli', startedAt: new Date(NOW) });
    await finishTrainerRun(suite.db, id, {
      status: 'done',
      finishedAt: new Date(Date.parse(NOW) + 65_000),
      stats: { reports: 10, assigned: 10, clusters: { candidate: 2 }, promoted: 2, gated: false, merges: [{ from: 'c1', into: 'c3', template: 'spawn <*> ENOENT' }], splits: [], withheld: [] },
    });
    const text = textOf(await page(`/ui/runs/${id}`));
    expect(text).toContain('after 1 min 5 s');
    expect(text).toContain('This run was not started by this collector');
    expect(text).toContain('Merged: 1 {"from":"c1","into":"c3","template":"spawn <*> ENOENT"}');
    expect(text).not.toContain('Split:');
  });

  it('answers a 404 page to an unknown run and a 400 page to an id that is not one', async () => {
    await page(`/ui/runs/${randomUUID()}`, 404);
    await page('/ui/runs/nope', 400);
  });
});
