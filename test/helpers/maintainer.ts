/**
 * Steps the maintainer API tests share: a settable clock, posting reports, running the trainer to the
 * end through the API, and reading clusters back. Each one asserts the status it needs, so a failing
 * step names itself instead of failing later on an undefined.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Db } from '@tapheal/db';
import { buildTestApp } from './build-app.js';
import type { Report } from '@tapheal/rules';
import { makeReport } from './reports.js';

/** Report-route rate limits off: these suites post many reports from one address. */
export const NO_RATE_LIMITS = { TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0' };

/** Opening a database and building the app; PGlite alone takes seconds when the machine is busy. */
export const HOOK_TIMEOUT_MS = 30_000;
const TRAINER_RUN_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 20;
export const DAY_MS = 86_400_000;

/** A clock the app reads through `now`; tests move it. */
export function createClock(start: string) {
  let current = new Date(start);
  return {
    now: () => current,
    set(at: Date | string) {
      current = new Date(at);
    },
    /** The clock `ms` later (or earlier, when negative), without moving it. */
    offset: (ms: number) => new Date(current.getTime() + ms),
  };
}

export interface Api {
  app: FastifyInstance;
  auth: { authorization: string };
}

/** Reports with `message`, spread over `installs` distinct install ids (round robin). */
export function reportsOf(message: string, count: number, installs = 1, prefix = 'a'): Report[] {
  return Array.from({ length: count }, (_, i) => makeReport({ installId: `install-${prefix}-${i % installs}`, error: { message } }));
}

export async function postReports({ app }: Api, reports: readonly Report[]): Promise<void> {
  for (let start = 0; start < reports.length; start += 100) {
    const response = await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: reports.slice(start, start + 100) } });
    expect(response.statusCode, response.body).toBe(202);
  }
}

export interface RunView {
  id: string;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  stats: { reports: number; assigned: number; promoted: number; gated: boolean; clusters: Record<string, number> } | null;
}

/** Polls GET /v1/trainer/runs/{id} until the run is no longer running. */
export async function waitForRun({ app, auth }: Api, id: string): Promise<RunView> {
  const deadline = Date.now() + TRAINER_RUN_TIMEOUT_MS;
  for (;;) {
    const response = await app.inject({ url: `/v1/trainer/runs/${id}`, headers: auth });
    expect(response.statusCode, response.body).toBe(200);
    const run = response.json() as RunView;
    if (run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`trainer run ${id} still running after ${TRAINER_RUN_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** POST /v1/trainer/runs, then waits for the run to finish; it must end `done`. */
export async function runTrainer(api: Api): Promise<RunView> {
  const started = await api.app.inject({ method: 'POST', url: '/v1/trainer/runs', headers: api.auth });
  expect(started.statusCode, started.body).toBe(202);
  const run = await waitForRun(api, started.json().id);
  expect(run.status, run.error ?? '').toBe('done');
  return run;
}

export interface ClusterView {
  id: string;
  status: string;
  category: string | null;
  fix: string | null;
  note: string | null;
  template: string;
  reports: number;
  installs: number;
  growth: number;
  lastSeenAt: string;
}

/** Every cluster, walking the pages of GET /v1/clusters. */
export async function allClusters({ app, auth }: Api, query = ''): Promise<ClusterView[]> {
  const clusters: ClusterView[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/v1/clusters?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await app.inject({ url, headers: auth });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { clusters: ClusterView[]; next: string | null };
    clusters.push(...page.clusters);
    cursor = page.next;
  } while (cursor);
  return clusters;
}

/** The one cluster whose template contains `words`. */
export async function clusterWith(api: Api, words: string): Promise<ClusterView> {
  const matching = (await allClusters(api)).filter((cluster) => cluster.template.includes(words));
  expect(matching.map((cluster) => cluster.template)).toHaveLength(1);
  return matching[0]!;
}

export async function patchCluster({ app, auth }: Api, id: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/v1/clusters/${id}`, headers: auth, payload });
}

/** Every table a maintainer suite writes, emptied between its tests (packs and keys stay: v1 is the app's). */
const TRUNCATE_MAINTAINER_TABLES = 'truncate reports, installs, clusters, cluster_memberships, cluster_labels, trainer_runs cascade';

export interface MaintainerSuite {
  readonly db: Db;
  readonly app: FastifyInstance;
  readonly api: Api;
  readonly adminToken: string;
}

/**
 * The setup the maintainer suites share: one database and one app per suite (opened in beforeAll, closed
 * in afterAll), the clock set back to `start` and the report and cluster tables emptied before each test.
 */
export function useMaintainerApp(open: () => Promise<Db>, options: { clock: ReturnType<typeof createClock>; start: string; env?: Record<string, string> }): MaintainerSuite {
  let db: Db | undefined;
  let built: Awaited<ReturnType<typeof buildTestApp>> | undefined;
  beforeAll(async () => {
    db = await open();
    built = await buildTestApp(db, { now: options.clock.now, env: { ...NO_RATE_LIMITS, ...options.env } });
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await built?.app.close();
    await db?.close();
  }, HOOK_TIMEOUT_MS);
  beforeEach(async () => {
    options.clock.set(options.start);
    await db!.query(TRUNCATE_MAINTAINER_TABLES);
  });
  return {
    get db() {
      return db!;
    },
    get app() {
      return built!.app;
    },
    get api() {
      return { app: built!.app, auth: built!.auth };
    },
    get adminToken() {
      return built!.adminToken;
    },
  };
}
