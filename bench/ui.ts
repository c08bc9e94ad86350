/**
 * bench:ui: how fast the review UI's pages are with 100,000 reports in 2,000 clusters. The reports are
 * seeded straight through @tapheal/db (real mcp-errors messages, each made into its own template by a
 * suffix, cluster sizes skewed like real failures, received over 30 days), clustered by a trainer run,
 * and served by the collector as its own process. Then, several runs each after warm-up:
 *
 *   - time to first byte and to the whole body with Node's fetch (keep-alive), and
 *   - full load in headless Chromium: navigation start to the load event (Navigation Timing),
 *
 * for the cluster list (50 per page), the overview (with its report figures cached, and cold: a report
 * posted before each load), the largest cluster's page and the pack pages, against baselines in the same run: GET /health
 * and the JSON API GET /v1/clusters?limit=50 (the same page of clusters).
 *
 *   npm run bench:ui                                    # PGlite, and Postgres when a URL is set
 *   npm run bench:ui -- --driver pglite --reports 100000 --clusters 2000 --runs 20
 *
 * BENCH_DATABASE_URL (else TEST_DATABASE_URL) names a Postgres whose role may create databases; a
 * scratch database is made beside it and dropped at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, insertReports, type Db } from '@tapheal/db';
import type { Report } from '@tapheal/rules';
import { startTrainerRun, templateOf } from '@tapheal/trainer';
import { launchBrowser } from '../test/helpers/browser.js';
import { openScratchPostgres } from '../test/helpers/db.js';
import { startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { readMessages } from './support.js';

type Driver = 'pglite' | 'postgres';

const INSERT_BATCH = 1_000;
const INSTALLS = 5_000;
const DAYS = 30;
const WARMUP_RUNS = 3;
/** Letters only, none of them hex digits: the normaliser keeps such words, so each suffix makes a template. */
const LETTERS = 'ghijklmnopqrstuvwxyz';

const { values: flags } = parseArgs({
  options: { driver: { type: 'string', default: 'both' }, reports: { type: 'string', default: '100000' }, clusters: { type: 'string', default: '2000' }, runs: { type: 'string', default: '15' } },
});
const REPORTS = Number(flags.reports);
const CLUSTERS = Number(flags.clusters);
const RUNS = Number(flags.runs);
if (![REPORTS, CLUSTERS, RUNS].every((n) => Number.isInteger(n) && n > 0) || CLUSTERS > REPORTS) throw new Error('--reports, --clusters and --runs are positive integers, clusters ≤ reports');
if (!['both', 'pglite', 'postgres'].includes(flags.driver!)) throw new Error('--driver must be both, pglite or postgres');

const word = (n: number) => {
  let out = '';
  for (let k = n + LETTERS.length; k > 0; k = Math.floor(k / LETTERS.length)) out += LETTERS[k % LETTERS.length];
  return out;
};

/** Cluster sizes that sum to `total`: a Zipf-like tail, each at least one report. */
function clusterSizes(total: number, clusters: number): number[] {
  const weights = Array.from({ length: clusters }, (_, i) => 1 / (i + 20));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  for (let i = 0, left = total - sizes.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % clusters, left--) sizes[i]!++;
  return sizes;
}

/** One message per cluster, each with its own template; checked, since the whole bench depends on it. */
function clusterMessages(base: readonly string[], clusters: number): string[] {
  const messages = Array.from({ length: clusters }, (_, i) => `${base[i % base.length]} [handler ${word(i)}]`);
  const templates = new Set(messages.map(templateOf));
  if (templates.size !== clusters) throw new Error(`the generated messages make ${templates.size} templates, not ${clusters}`);
  return messages;
}

async function seed(db: Db, now: number): Promise<void> {
  const messages = clusterMessages(readMessages('mcp-errors/mcp-errors-dev.jsonl'), CLUSTERS);
  const sizes = clusterSizes(REPORTS, CLUSTERS);
  const slots = sizes.flatMap((size, cluster) => Array.from({ length: size }, () => cluster));
  // Shuffled deterministically, so every day gets a mix of clusters.
  for (let i = slots.length - 1, state = 7; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  const started = performance.now();
  for (let start = 0; start < slots.length; start += INSERT_BATCH) {
    const receivedAt = new Date(now - Math.floor(((slots.length - start) / slots.length) * DAYS * 86_400_000));
    const batch = slots.slice(start, start + INSERT_BATCH).map((cluster, k): Report => {
      const n = start + k;
      return {
        id: randomUUID(),
        schema: 1,
        occurredAt: receivedAt.toISOString(),
        installId: `bench-install-${String((cluster * 7 + n) % INSTALLS).padStart(4, '0')}`,
        client: { name: 'tapheal', version: '0.1.0' },
        platform: { os: ['darwin', 'linux', 'win32'][n % 3]!, arch: n % 2 ? 'x64' : 'arm64', runtime: 'node', runtimeVersion: ['20.19.0', '22.12.0'][n % 2]! },
        server: { name: `mcp-server-${word(cluster % 40)}`, transport: 'stdio' },
        phase: 'connect',
        error: { message: messages[cluster]! },
        ...(n % 3 === 0 ? { diagnosis: { packVersion: 1, category: 'unknown', ruleId: null, confidence: 0 } } : {}),
        ...(n % 10 === 0
          ? { healing: { healed: n % 20 === 0, attempts: [{ category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', fix: 'resolve_command_path', outcome: n % 20 === 0 ? 'healed' : 'failed' }] } }
          : {}),
      };
    });
    await insertReports(db, batch, receivedAt);
  }
  const inserted = performance.now();
  const handle = await startTrainerRun(db, { minReports: 50, minClusterInstalls: 3, trigger: 'bench' });
  const stats = await handle.done;
  if (!stats) throw new Error('the trainer run that clusters the seeded reports failed');
  const clusters = Object.values(stats.clusters).reduce((a, b) => a + b, 0);
  console.log(`seeded ${stats.reports.toLocaleString('en-US')} reports in ${((inserted - started) / 1000).toFixed(1)} s; a trainer run made ${clusters} clusters in ${((performance.now() - inserted) / 1000).toFixed(1)} s`);
  if (clusters !== CLUSTERS) throw new Error(`expected ${CLUSTERS} clusters, got ${clusters}`);
}

interface Timing {
  ttfb: number[];
  total: number[];
  bytes: number;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/** Node's fetch: headers (first byte) and the whole body, RUNS times after WARMUP_RUNS; `before` runs untimed before each. */
async function fetchTimings(url: string, headers: Record<string, string>, before?: () => Promise<void>): Promise<Timing> {
  const timing: Timing = { ttfb: [], total: [], bytes: 0 };
  for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
    await before?.();
    const started = performance.now();
    const response = await fetch(url, { headers });
    const firstByte = performance.now();
    const body = await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    if (run < WARMUP_RUNS) continue;
    timing.ttfb.push(firstByte - started);
    timing.total.push(performance.now() - started);
    timing.bytes = body.length;
  }
  return timing;
}

async function signIn(base: string, token: string): Promise<string> {
  const form = await fetch(`${base}/ui/login`);
  const nonce = /tapheal_login=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const response = await fetch(`${base}/ui/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tapheal_login=${nonce}` },
    body: new URLSearchParams({ _login: nonce, name: 'bench', token }).toString(),
  });
  const session = /tapheal_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 303 || !session) throw new Error(`sign-in failed: ${response.status}`);
  return session;
}

async function measure(collector: CollectorProcess, token: string): Promise<void> {
  const base = collector.url;
  const session = await signIn(base, token);
  const cookie = { cookie: `tapheal_session=${session}` };
  const bearer = { authorization: `Bearer ${token}` };
  const largest = ((await (await fetch(`${base}/v1/clusters?limit=1`, { headers: bearer })).json()) as { clusters: { id: string }[] }).clusters[0]!.id;
  // One more report: the overview's cached report figures are computed again on the next load.
  const oneReport = async () => {
    const report = { id: randomUUID(), schema: 1, occurredAt: new Date().toISOString(), installId: 'bench-install-cold', client: { name: 'tapheal', version: '0.1.0' }, platform: { os: 'linux', arch: 'x64', runtime: 'node', runtimeVersion: '20.19.0' }, phase: 'connect', error: { message: 'spawn npx ENOENT' } };
    const response = await fetch(`${base}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reports: [report] }) });
    if (response.status !== 202) throw new Error(`posting a report answered ${response.status}`);
  };
  const targets: { name: string; path: string; headers: Record<string, string>; before?: () => Promise<void> }[] = [
    { name: 'baseline: GET /health', path: '/health', headers: {} },
    { name: 'baseline: JSON API /v1/clusters?limit=50', path: '/v1/clusters?limit=50', headers: bearer },
    { name: 'UI cluster list /ui/clusters (50 per page)', path: '/ui/clusters', headers: cookie },
    { name: 'UI cluster list filtered (status=candidate, sort=growth)', path: '/ui/clusters?status=candidate&sort=growth', headers: cookie },
    { name: 'UI overview /ui (report figures cached)', path: '/ui', headers: cookie },
    { name: 'UI overview /ui, cold (a new report before each load)', path: '/ui', headers: cookie, before: oneReport },
    { name: 'UI largest cluster /ui/clusters/{id}', path: `/ui/clusters/${largest}`, headers: cookie },
    { name: 'UI packs /ui/packs', path: '/ui/packs', headers: cookie },
    { name: 'UI pack v1 with measured fix rates /ui/packs/1', path: '/ui/packs/1', headers: cookie },
  ];
  console.log(`\nNode fetch, ${RUNS} runs after ${WARMUP_RUNS} warm-up (load average ${loadavg().map((n) => n.toFixed(2)).join(' ')})`);
  console.log('| what | TTFB p50 ms | TTFB p95 ms | whole body p50 ms | p95 ms | bytes |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const target of targets) {
    const t = await fetchTimings(`${base}${target.path}`, target.headers, target.before);
    console.log(`| ${target.name} | ${percentile(t.ttfb, 0.5).toFixed(1)} | ${percentile(t.ttfb, 0.95).toFixed(1)} | ${percentile(t.total, 0.5).toFixed(1)} | ${percentile(t.total, 0.95).toFixed(1)} | ${t.bytes.toLocaleString('en-US')} |`);
  }

  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'tapheal_session', value: session, url: `${base}/ui` }]);
    const page = await context.newPage();
    console.log(`\nChromium (headless), navigation to load event, ${RUNS} runs after ${WARMUP_RUNS} warm-up`);
    console.log('| what | TTFB p50 ms | TTFB p95 ms | load p50 ms | load p95 ms |');
    console.log('|---|---:|---:|---:|---:|');
    for (const target of targets.filter((t) => t.path !== '/health')) {
      const before = target.before;
      await page.setExtraHTTPHeaders(target.headers === bearer ? bearer : {});
      const ttfb: number[] = [];
      const load: number[] = [];
      for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
        await before?.();
        const response = await page.goto(`${base}${target.path}`, { waitUntil: 'load' });
        if (!response?.ok()) throw new Error(`${target.path} answered ${response?.status()} in Chromium`);
        const nav = (await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart - n.startTime, n.loadEventEnd - n.startTime]; })()`)) as [number, number];
        if (run < WARMUP_RUNS) continue;
        ttfb.push(nav[0]);
        load.push(nav[1]);
      }
      console.log(`| ${target.name} | ${percentile(ttfb, 0.5).toFixed(1)} | ${percentile(ttfb, 0.95).toFixed(1)} | ${percentile(load, 0.5).toFixed(1)} | ${percentile(load, 0.95).toFixed(1)} |`);
    }
  } finally {
    await browser.close();
  }
}

async function benchDriver(driver: Driver): Promise<void> {
  console.log(`\n## ${driver}: ${REPORTS.toLocaleString('en-US')} reports in ${CLUSTERS.toLocaleString('en-US')} clusters`);
  const dataDir = await mkdtemp(join(tmpdir(), 'tapheal-bench-ui-'));
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const scratch = driver === 'postgres' ? await openScratchPostgres(adminUrl!) : null;
  const token = randomBytes(24).toString('base64url');
  let collector: CollectorProcess | undefined;
  try {
    const db = scratch ?? (await createDb({ dataDir }));
    await seed(db, Date.now());
    if (!scratch) await db.close(); // PGlite is one process: the collector opens the data directory next
    collector = await startCollectorProcess(dataDir, scratch?.url, { TAPHEAL_ADMIN_TOKEN: token });
    await measure(collector, token);
  } finally {
    await collector?.stop();
    await scratch?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const drivers: Driver[] = flags.driver === 'both' ? ['pglite', ...(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])] : [flags.driver as Driver];
for (const driver of drivers) await benchDriver(driver);
