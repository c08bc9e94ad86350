/**
 * Two trainer runs started at once on one Postgres database, from two connections as two processes
 * would: exactly one runs, the other is refused with TRAINER_BUSY naming the running one, and the data
 * stays consistent (every report in exactly one cluster, counts that add up). Then the refused side can
 * run, and finds nothing left to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, insertReports, type Db } from '@tapheal/db';
import { startTrainerRun, TrainerError } from '@tapheal/trainer';
import { openScratchPostgres } from '../helpers/db.js';
import { reportsOf } from '../helpers/maintainer.js';

const REPORTS = 3_000;

describe.skipIf(!process.env.TEST_DATABASE_URL)('two trainer runs at once on Postgres', () => {
  let first: Db & { url: string };
  let second: Db;

  beforeAll(async () => {
    first = await openScratchPostgres(process.env.TEST_DATABASE_URL!);
    second = await createDb({ url: first.url });
    const reports = Array.from({ length: REPORTS / 100 }, (_, group) => reportsOf(`Widget ${group} failed: sprocket tension ${group % 7} exceeded on belt`, 100, 5, `g${group}`)).flat();
    for (let i = 0; i < reports.length; i += 500) await insertReports(first, reports.slice(i, i + 500), new Date());
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('runs one, refuses the other with the running id, and keeps every report in exactly one cluster', async () => {
    const options = { trigger: 'test', minReports: 1, minClusterInstalls: 1 };
    const started = await Promise.allSettled([startTrainerRun(first, options), startTrainerRun(second, options)]);

    const winners = started.filter((result) => result.status === 'fulfilled');
    const losers = started.filter((result) => result.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const refusal = (losers[0] as PromiseRejectedResult).reason as TrainerError;
    expect(refusal).toBeInstanceOf(TrainerError);
    expect(refusal.code).toBe('TRAINER_BUSY');
    const handle = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof startTrainerRun>>>).value;
    expect(refusal.details.runningId).toBe(handle.id);
    expect(await handle.done).toMatchObject({ assigned: REPORTS });

    const [counts] = await first.query<{ reports: number; members: number; distinct_members: number; counted: number }>(
      `select (select count(*)::int from reports) as reports,
              (select count(*)::int from cluster_memberships) as members,
              (select count(distinct report_id)::int from cluster_memberships) as distinct_members,
              (select coalesce(sum(reports), 0)::int from clusters where status <> 'merged') as counted`,
    );
    expect(counts).toEqual({ reports: REPORTS, members: REPORTS, distinct_members: REPORTS, counted: REPORTS });

    const again = await startTrainerRun(second, options);
    expect(await again.done).toMatchObject({ assigned: 0 });
  }, 60_000);
});
