/**
 * bench:ingest: reports per second through the collector process's `POST /v1/reports` over loopback, in
 * batches of 100 from concurrent senders, and p50/p99 batch latency, on PGlite and on Postgres.
 *
 * Baseline, in the same run, on the same rows, concurrency and driver: one parametrised multi-row
 * `insert into reports (...) values (...), ...` per batch through `Db.query` into a second fresh migrated
 * database, i.e. node-postgres `pool.query(text, params)` on a pool of the collector's size (an unnamed
 * statement, pg's default), or PGlite's `query`. No HTTP, validation, anonymiser, conflict clause or
 * installs upsert; the values are the strings drizzle hands the driver. PGlite is one connection: on it
 * both sides are serialised at the database whatever the concurrency.
 *
 * Rounds: after a warm-up of both, each round runs the collector, then the raw insert, on fresh ids; the
 * targets are judged on the median round, so that a slow spell of a shared machine hits one round rather
 * than one side of the comparison (single runs here varied by ±10%).
 *
 * The senders share the cores with the collector and the database, so they are kept light: node:http on
 * one keep-alive agent costs a quarter of fetch's CPU per batch (about 2 against 8 ms per 1,000 reports,
 * measured here), which would otherwise be charged to the collector. Where /proc exists, the CPU of each
 * side per 1,000 reports is printed: on a machine the runs saturate, it decides the ratio.
 *
 *   npm run bench:ingest                      # PGlite, and Postgres when a URL is set
 *   BENCH_DATABASE_URL=postgres://user@127.0.0.1/db npm run bench:ingest -- --reports 50000 --concurrency 32
 *   npm run bench:ingest -- --driver postgres --rounds 5   # or pglite; default: both, 3 rounds
 *   npm run bench:ingest -- --driver postgres --replicas 2 # two collector processes, round-robin
 *
 * BENCH_DATABASE_URL (else TEST_DATABASE_URL) names a database whose role may create databases; two
 * `tapheal_bench_*` databases are made beside it and dropped at the end, on an error too (not on Ctrl-C).
 * The load average is printed: a busy machine gives low figures. Each target is reported as met or not;
 * the script never fails on one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getTableColumns } from 'drizzle-orm';
import { dropDatabase } from '../test/helpers/db.js';
import { createDb, schema, toReportRow, type Db } from '@tapheal/db';
import { BASE_CATEGORY_IDS, MAX_BATCH_REPORTS, type Report } from '@tapheal/rules';
import { startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { startCpuCount, type CpuSplit } from './cpu-time.js';
import { readMessages } from './support.js';

type Driver = 'pglite' | 'postgres';

const BATCH_REPORTS = MAX_BATCH_REPORTS;
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_REPORTS: Record<Driver, number> = { pglite: 30_000, postgres: 100_000 };
/** Batches sent before each measured run (collector and raw alike) and left out of its figures. */
const WARMUP_BATCHES = 30;
/** Rounds of collector then raw insert; the targets are judged on the median round. */
const DEFAULT_ROUNDS = 3;
/** Tries at dropping a scratch database, half a second apart. */
const DROP_ATTEMPTS = 120;
/** Distinct install ids; each batch comes from one install, as the SDK's sender batches its own queue. */
const INSTALLS = 1_000;
const TARGET_POSTGRES_REPORTS_PER_SECOND = 20_000;
const TARGET_POSTGRES_RAW_RATIO = 0.5;
const TARGET_PGLITE_REPORTS_PER_SECOND = 5_000;


// ---- reports, request bodies and raw insert parameters, all built before any timing ----

const PHASES = ['install', 'connect', 'call', 'other'] as const;
const TRANSPORTS = ['stdio', 'http', 'sse'] as const;
const SERVERS = ['@modelcontextprotocol/server-filesystem', '@modelcontextprotocol/server-github', 'mcp-remote', 'mcp-server-fetch'];
const PLATFORMS = [{ os: 'darwin', arch: 'arm64' }, { os: 'linux', arch: 'x64' }, { os: 'win32', arch: 'x64' }];
const ERROR_CODES = ['ENOENT', 'ECONNREFUSED', 'EACCES', undefined];
const OCCURRED_FROM_MS = Date.parse('2026-11-01T00:00:00Z');

function makeBatch(batch: number, messages: readonly string[]): Report[] {
  const installId = `bench-install-${String(batch % INSTALLS).padStart(4, '0')}`;
  const platform = PLATFORMS[batch % PLATFORMS.length]!;
  return Array.from({ length: BATCH_REPORTS }, (_, slot): Report => {
    const n = batch * BATCH_REPORTS + slot;
    const code = ERROR_CODES[n % ERROR_CODES.length];
    return {
      id: randomUUID(),
      schema: 1,
      occurredAt: new Date(OCCURRED_FROM_MS + n * 1_000).toISOString(),
      installId,
      client: { name: 'tapheal', version: '0.1.0' },
      platform: { ...platform, runtime: 'node', runtimeVersion: '20.19.0' },
      server: { name: SERVERS[n % SERVERS.length]!, transport: TRANSPORTS[n % TRANSPORTS.length]! },
      phase: PHASES[n % PHASES.length]!,
      error: { message: messages[n % messages.length]!, ...(code ? { code } : {}) },
      diagnosis: { packVersion: 1, category: BASE_CATEGORY_IDS[n % BASE_CATEGORY_IDS.length]!, ruleId: null, confidence: 0.9 },
    };
  });
}

const COLUMNS = Object.entries(getTableColumns(schema.reports));
const placeholders = (row: number) => `(${COLUMNS.map((_, col) => `$${row * COLUMNS.length + col + 1}`).join(', ')})`;
const INSERT_BATCH = `insert into reports (${COLUMNS.map(([, column]) => column.name).join(', ')}) values ${Array.from({ length: BATCH_REPORTS }, (_, row) => placeholders(row)).join(', ')}`;

/** INSERT_BATCH's parameters for one batch, as drizzle would send them: ISO timestamps, JSON text. */
function toInsertParams(batch: readonly Report[], receivedAt: Date): unknown[] {
  return batch.flatMap((report) => {
    const row = toReportRow(report, receivedAt) as Record<string, unknown>;
    return COLUMNS.map(([key]) => {
      const value = row[key] ?? null;
      if (value instanceof Date) return value.toISOString();
      return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
    });
  });
}

function buildWorkload(batches: number, firstBatch: number, messages: readonly string[]) {
  const encoder = new TextEncoder();
  const receivedAt = new Date();
  const bodies: Uint8Array[] = [];
  const params: unknown[][] = [];
  for (let batch = firstBatch; batch < firstBatch + batches; batch++) {
    const reports = makeBatch(batch, messages);
    bodies.push(encoder.encode(JSON.stringify({ reports })));
    params.push(toInsertParams(reports, receivedAt));
  }
  return { bodies, params };
}

// ---- running batches concurrently ----

interface Run {
  seconds: number;
  /** Wall time of each batch, in milliseconds. */
  latenciesMs: Float64Array;
  /** CPU seconds the run took, where it went; undefined off Linux. */
  cpu?: CpuSplit | undefined;
}

/** Runs `task` over every item with `concurrency` workers; times each item and the whole run. */
async function runConcurrently<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>, pids: readonly number[] = []): Promise<Run> {
  const latenciesMs = new Float64Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      const started = performance.now();
      await task(items[index]!);
      latenciesMs[index] = performance.now() - started;
    }
  };
  const cpu = startCpuCount(pids);
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latenciesMs, cpu: cpu() };
}

interface Tally {
  accepted: number;
  /** Count per kind of failure: a status other than 202, or a network error. */
  errors: Map<string, number>;
}

/** POSTs one body and answers the status and the response text; rejects on a network error. */
function post(url: string, body: Uint8Array, agent: Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': body.byteLength };
    const request = httpRequest(url, { method: 'POST', agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function postBatch(url: string, body: Uint8Array, agent: Agent, tally: Tally): Promise<void> {
  let failure: string;
  try {
    const { status, text } = await post(url, body, agent);
    if (status === 202) {
      tally.accepted += (JSON.parse(text) as { accepted: number }).accepted;
      return;
    }
    failure = `HTTP ${status}: ${text.slice(0, 120)}`;
  } catch (error) {
    const { message, code } = error as Error & { code?: string };
    failure = code ? `${message} (${code})` : message;
  }
  tally.errors.set(failure, (tally.errors.get(failure) ?? 0) + 1);
}

// ---- the collector process and the scratch databases ----

/** Two empty databases beside the admin one: the collector's, and the raw baseline's. */
async function createScratchDatabases(adminUrl: string) {
  const admin = await createDb({ url: adminUrl, migrate: false, maxConnections: 1 });
  const base = `tapheal_bench_${randomBytes(4).toString('hex')}`;
  const names = [`${base}_collector`, `${base}_raw`] as const;
  const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  // Autovacuum may still be working through a few hundred thousand fresh rows: wait for it up to a minute,
  // and never let a database that will not go hide the figures measured.
  const drop = async () => {
    for (const name of names) {
      await dropDatabase(admin, name, DROP_ATTEMPTS).catch((error: Error) => console.error(`could not drop ${name} (${error.message}): drop it by hand`));
    }
    await admin.close();
  };
  try {
    for (const name of names) await admin.query(`create database ${name}`);
    const [row] = await admin.query<{ server_version: string }>('show server_version');
    console.log(`postgres ${row?.server_version ?? '?'} at ${new URL(adminUrl).host}`);
  } catch (error) {
    await drop();
    throw error;
  }
  return { collectorUrl: urlOf(names[0]), rawUrl: urlOf(names[1]), drop };
}

// ---- one driver: rounds of the collector, then the raw insert ----

interface Result {
  driver: Driver;
  round: number;
  reports: number;
  tally: Tally;
  collector: Run;
  raw: Run;
}

/**
 * Warms both up, then runs `rounds` rounds, each the collector then the raw insert on fresh report ids, so
 * that a slow spell of a shared machine hits one round, not one side of the comparison. With `replicas`
 * > 1 (Postgres only), that many collectors share the database and each batch goes to the next one in
 * turn, as behind a round-robin load balancer.
 */
async function measureDriver(driver: Driver, options: { reports: number; rounds: number; concurrency: number; replicas: number; messages: readonly string[]; adminUrl?: string }): Promise<Result[]> {
  const { rounds, concurrency, replicas, messages } = options;
  const batches = Math.ceil(options.reports / BATCH_REPORTS);
  const warmup = buildWorkload(WARMUP_BATCHES, 0, messages);
  const errors = new Map<string, number>();
  const scratch = driver === 'postgres' ? await createScratchDatabases(options.adminUrl!) : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'tapheal-bench-ingest-'));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const collectors: CollectorProcess[] = [];
  let db: Db | undefined;
  try {
    // Each kept as soon as it runs, so that one failing to start never leaves the others running.
    await Promise.all(Array.from({ length: replicas }, async () => void collectors.push(await startCollectorProcess(join(dir, 'collector'), scratch?.collectorUrl))));
    db = await createDb(scratch ? { url: scratch.rawUrl } : { dataDir: join(dir, 'raw') });
    let turn = 0;
    const send = (tally: Tally) => (body: Uint8Array) => postBatch(`${collectors[turn++ % collectors.length]!.url}/v1/reports`, body, agent, tally);
    const insert = async (params: unknown[]) => void (await db!.query(INSERT_BATCH, params));
    const pids = collectors.map((collector) => collector.pid);
    await runConcurrently(warmup.bodies, concurrency, send({ accepted: 0, errors }));
    await runConcurrently(warmup.params, concurrency, insert);
    const results: Result[] = [];
    for (let round = 0; round < rounds; round++) {
      // Built per round and dropped after it: a larger live heap would slow the raw insert's process (its GC).
      const workload: { bodies?: Uint8Array[]; params: unknown[][] } = buildWorkload(batches, WARMUP_BATCHES + round * batches, messages);
      const tally: Tally = { accepted: 0, errors };
      const collector = await runConcurrently(workload.bodies!, concurrency, send(tally), pids);
      delete workload.bodies; // sent: collecting them is no work of the raw insert's
      const raw = await runConcurrently(workload.params, concurrency, insert);
      results.push({ driver, round: round + 1, reports: batches * BATCH_REPORTS, tally, collector, raw });
    }
    return results;
  } finally {
    agent.destroy();
    await Promise.all(collectors.map((collector) => collector.stop()));
    await db?.close();
    await rm(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

// ---- output ----

function percentile(latenciesMs: Float64Array, p: number): string {
  const sorted = Float64Array.from(latenciesMs).sort();
  return (sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN).toFixed(1);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const rateOf = ({ tally, collector }: Result) => tally.accepted / collector.seconds;
const rawRateOf = ({ reports, raw }: Result) => reports / raw.seconds;
const ratioOf = (result: Result) => rateOf(result) / rawRateOf(result);

/** The round a driver's targets are judged on: the median by ratio to the raw insert. */
function medianRound(rounds: readonly Result[]): Result {
  const sorted = [...rounds].sort((a, b) => ratioOf(a) - ratioOf(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function printResults(byDriver: readonly Result[][], concurrency: number): void {
  console.log(`\ningest over loopback, ${BATCH_REPORTS}-report batches (reports/s counts 202-accepted reports; * the median round)`);
  console.log('| driver | round | reports | concurrency | seconds | reports/s | p50 ms | p99 ms | raw reports/s | raw p50 ms | ratio |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const rounds of byDriver) {
    const median = medianRound(rounds);
    for (const result of rounds) {
      const { driver, round, reports, collector, raw } = result;
      const timing = [collector.seconds.toFixed(2), int(rateOf(result)), percentile(collector.latenciesMs, 0.5), percentile(collector.latenciesMs, 0.99)];
      const baseline = [int(rawRateOf(result)), percentile(raw.latenciesMs, 0.5), ratioOf(result).toFixed(2)];
      console.log(`| ${[driver, `${round}${result === median ? '*' : ''}`, int(reports), concurrency, ...timing, ...baseline].join(' | ')} |`);
    }
  }
  printCpu(byDriver.map(medianRound));
  for (const rounds of byDriver) {
    const { driver, tally } = rounds[0]!;
    const accepted = rounds.reduce((sum, result) => sum + result.tally.accepted, 0);
    const reports = rounds.reduce((sum, result) => sum + result.reports, 0);
    console.log(`${driver}: ${int(accepted)} of ${int(reports)} measured reports accepted with 202`);
    for (const [failure, count] of tally.errors) console.log(`${driver}: ${count} batches failed (warm-up included): ${failure}`);
  }
}

/** Where the CPU went in the median round, per 1,000 reports: what decides the rate when all share the same cores. */
function printCpu(results: readonly Result[]): void {
  const measured = results.filter((result) => result.collector.cpu && result.raw.cpu);
  if (measured.length === 0) return;
  console.log('\nCPU ms per 1,000 reports in the median round (Linux /proc; "database and kernel" is the machine\'s busy time less the two processes)');
  console.log('| driver | run | sender or driver | collector | database and kernel | total |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const { driver, reports, collector, raw } of measured) {
    const perThousand = (seconds: number) => ((seconds * 1e6) / reports).toFixed(0);
    const row = (run: string, { self, processes, rest }: CpuSplit, collectorCell: string) =>
      console.log(`| ${driver} | ${run} | ${perThousand(self)} | ${collectorCell} | ${perThousand(rest)} | ${perThousand(self + processes + rest)} |`);
    row('collector', collector.cpu!, perThousand(collector.cpu!.processes));
    row('raw insert', raw.cpu!, '–');
  }
}

function printTargets(byDriver: readonly Result[][]): void {
  const line = (what: string, met: boolean, value: string) => console.log(`target ${what}: ${met ? 'met' : 'NOT met'} (${value}, median of ${byDriver[0]?.length ?? 0} rounds)`);
  for (const result of byDriver.map(medianRound)) {
    const rate = rateOf(result);
    if (result.driver === 'pglite') {
      line(`pglite ≥ ${int(TARGET_PGLITE_REPORTS_PER_SECOND)} reports/s`, rate >= TARGET_PGLITE_REPORTS_PER_SECOND, `${int(rate)} reports/s`);
    } else {
      line(`postgres ≥ ${int(TARGET_POSTGRES_REPORTS_PER_SECOND)} reports/s`, rate >= TARGET_POSTGRES_REPORTS_PER_SECOND, `${int(rate)} reports/s`);
      const ratio = ratioOf(result);
      line(`postgres ≥ ${TARGET_POSTGRES_RAW_RATIO} × the raw insert's rate`, ratio >= TARGET_POSTGRES_RAW_RATIO, `${ratio.toFixed(2)} ×`);
    }
  }
}

// ---- main ----

const { values: flags } = parseArgs({
  options: {
    reports: { type: 'string' },
    concurrency: { type: 'string' },
    driver: { type: 'string', default: 'both' },
    replicas: { type: 'string', default: '1' },
    rounds: { type: 'string', default: String(DEFAULT_ROUNDS) },
  },
});
const rounds = Number(flags.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
const replicas = Number(flags.replicas);
if (!Number.isInteger(replicas) || replicas < 1) throw new Error('--replicas must be a positive integer');
if (replicas > 1 && flags.driver !== 'postgres') throw new Error('--replicas needs --driver postgres: PGlite is one process');
const concurrency = Number(flags.concurrency ?? DEFAULT_CONCURRENCY);
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency must be a positive integer');
if (flags.reports !== undefined && !(Number(flags.reports) >= 1)) throw new Error('--reports must be a positive number');
if (!['both', 'pglite', 'postgres'].includes(flags.driver)) throw new Error('--driver must be both, pglite or postgres');

const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const messages = readMessages('mcp-errors/mcp-errors-dev.jsonl');
const cpu = cpus();
const load = loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(`${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, node ${process.version}, load average ${load}`);
console.log(`${concurrency} senders, ${replicas} collector process${replicas > 1 ? 'es' : ''}; messages: the ${messages.length} real MCP failures of mcp-errors, repeated; ${INSTALLS} installs`);

const results: Result[][] = [];
for (const driver of ['pglite', 'postgres'] as const) {
  if (flags.driver !== 'both' && flags.driver !== driver) continue;
  if (driver === 'postgres' && !adminUrl) {
    console.log('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a URL whose role may create databases)');
    continue;
  }
  const reports = Number(flags.reports ?? DEFAULT_REPORTS[driver]);
  console.log(`${driver}: ${rounds} rounds of ${int(reports)} reports after ${WARMUP_BATCHES} warm-up batches…`);
  results.push(await measureDriver(driver, { reports, rounds, concurrency, replicas, messages, ...(adminUrl ? { adminUrl } : {}) }));
}
printResults(results, concurrency);
printTargets(results);
