/** The review UI's overview through inject: empty states, figures, the daily chart, growing clusters and packs in use. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createReportFiguresCache } from '../../../apps/collector/src/ui/report-figures.js';
import { testDatabases } from '../../helpers/db.js';
import { DAY_MS, createClock, postReports, reportsOf, runTrainer, useMaintainerApp } from '../../helpers/maintainer.js';
import { makeReport } from '../../helpers/reports.js';
import { getPage, signIn, textOf, type UiSession } from '../../helpers/ui.js';

const NOW = '2026-11-25T12:00:00.000Z';
const diagnosed = (packVersion: number, category: string) => ({ packVersion, category, ruleId: null, confidence: 0.9 });
const healing = (healed: boolean) => ({ healed, attempts: [{ category: 'command_not_found', ruleId: null, fix: 'resolve_command_path', outcome: healed ? ('healed' as const) : ('failed' as const) }] });

describe.each(testDatabases())('review UI overview on $name', ({ open }) => {
  const clock = createClock(NOW);
  const suite = useMaintainerApp(open, { clock, start: NOW, env: { TAPHEAL_MIN_REPORTS: '6', TAPHEAL_MIN_CLUSTER_INSTALLS: '1' } });
  let session: UiSession;
  beforeAll(async () => {
    session = await signIn(suite.app, suite.adminToken);
  });
  const overview = async () => (await getPage(suite.app, session, '/ui')).body;

  it('explains how reports arrive when there are none', async () => {
    const text = textOf(await overview());
    expect(text).toContain('No reports yet. Clients send reports once a user turns telemetry on (tapheal telemetry enable)');
    expect(text).toContain('No reports in the last 7 days, so no pack use to show.');
  });

  it('says candidates wait for more reports while there are fewer than TAPHEAL_MIN_REPORTS', async () => {
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 2, 2));
    expect(textOf(await overview())).toContain('Fewer than 6 reports so far (2): the trainer clusters them, but proposes no candidates until 6 exist');
  });

  it('counts reports and installs, what the served pack classifies, what clients healed, and draws reports per day', async () => {
    clock.set(new Date(Date.parse(NOW) - 3 * DAY_MS));
    await postReports(suite.api, [makeReport({ installId: 'install-old-1', error: { message: 'spawn npx ENOENT' }, diagnosis: diagnosed(1, 'command_not_found'), healing: healing(true) })]);
    clock.set(new Date(Date.parse(NOW) - 40 * DAY_MS));
    await postReports(suite.api, [makeReport({ installId: 'install-ancient', error: { message: 'spawn uvx ENOENT' } })]);
    clock.set(NOW);
    await postReports(suite.api, [
      makeReport({ installId: 'install-new-1', error: { message: 'spawn npx ENOENT' }, diagnosis: diagnosed(1, 'command_not_found'), healing: healing(false) }),
      makeReport({ installId: 'install-new-2', error: { message: 'Warp coil resonance fault on deck 4' }, diagnosis: diagnosed(1, 'unknown') }),
      makeReport({ installId: 'install-new-2', error: { message: 'Warp coil resonance fault on deck 4' } }),
    ]);
    const body = await overview();
    const text = textOf(body);
    expect(text).toContain('In the last 30 days 4 reports (5 stored in all) 3 installs reporting (4 ever)');
    // re-run here over the newest 5: the three ENOENT messages classify, the two Warp coil ones do not
    expect(text).toContain('60% of the newest 5 reports classified by the served pack v1 (re-run here)');
    expect(text).toContain('33% of 3 reports from clients on v1 healed (last 7 days)');
    expect(body).toMatch(/<svg viewBox="0 0 1000 180" role="img" aria-labelledby="daily-t daily-d"/);
    expect(text).toContain('30 values from 2026-10-27 to 2026-11-25, 4 in all, at most 3.');
    expect(text).toMatch(/when reports classified by the client’s pack .* 2026-11-22 1 1 .* 2026-11-25 3 1/);
    expect(text).toMatch(/pack reports installs classified healed v1 \(served\) 3 3 67% 33% no diagnosis 1 1 – 0%/);
  });

  it('lists the fastest-growing clusters with a trend line each', async () => {
    await postReports(suite.api, [...reportsOf('Warp coil resonance fault on deck 4', 3, 3, 'w'), ...reportsOf('Quantum flange misaligned', 1, 1, 'q')]);
    clock.set(new Date(Date.parse(NOW) - 20 * DAY_MS));
    await postReports(suite.api, reportsOf('Hyperdrive coolant pressure low', 2, 2, 'h'));
    clock.set(NOW);
    await runTrainer(suite.api);
    const body = await overview();
    const text = textOf(body);
    expect(text).toMatch(/template 7 days last 14 days status Warp coil resonance fault on deck <num> \+3 candidate Quantum flange misaligned \+1 candidate/);
    expect(text).not.toContain('Hyperdrive coolant pressure low +');
    expect(body.match(/<svg class="sparkline"/g)).toHaveLength(2);
  });

  it('shows a report that arrived since the last view at once, even at the same instant', async () => {
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 2, 2));
    expect(textOf(await overview())).toContain('2 reports (2 stored in all)');
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 1, 1, 'later'));
    expect(textOf(await overview())).toContain('3 reports (3 stored in all)');
  });

  it('keeps the report figures until a report arrives or the time to live passes', async () => {
    let tick = 0;
    const cache = createReportFiguresCache(1_000, () => tick);
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 1, 1));
    const first = await cache.get(suite.db, clock.now(), null);
    expect(await cache.get(suite.db, clock.now(), null)).toBe(first);
    tick = 1_000;
    const expired = await cache.get(suite.db, clock.now(), null);
    expect(expired).not.toBe(first);
    expect(expired).toEqual(first);
    await postReports(suite.api, reportsOf('Warp coil resonance fault on deck 4', 1, 1, 'more'));
    expect((await cache.get(suite.db, clock.now(), null)).totalReports).toBe(2);
  });
});
