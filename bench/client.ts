/**
 * bench:client: what telemetry costs its host. `report()` per call (µs, p50 and p99) with telemetry on
 * (anonymise, build, write the queue file) against off (consent checked, nothing written), measured in
 * the same run; then the wall time of one `flush()` of the queue to a collector running as its own
 * process on loopback, against posting the same batches with a bare fetch.
 *
 *   npm run bench:client [-- --reports N]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTelemetry, type Failure } from '@tapheal/client';
import { readMessages } from './support.js';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const DEFAULT_REPORTS = 1_000;

const { values } = parseArgs({ options: { reports: { type: 'string' } } });
const reports = Number(values.reports ?? DEFAULT_REPORTS);
const messages = readMessages('mcp-errors/mcp-errors-dev.jsonl');
const failures: Failure[] = Array.from({ length: reports }, (_, i) => ({ message: messages[i % messages.length]!, phase: 'connect', code: 'ENOENT' }));

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function timeReports(enabled: boolean, home: string, endpoint: string) {
  const telemetry = createTelemetry({ home, env: {}, endpoint, flushDelayMs: 3_600_000, maxQueuedReports: reports + 10 });
  if (enabled) await telemetry.enable();
  const times = new Float64Array(failures.length);
  for (const [i, failure] of failures.entries()) {
    const started = process.hrtime.bigint();
    await telemetry.report(failure);
    times[i] = Number(process.hrtime.bigint() - started) / 1e3;
  }
  telemetry.close();
  times.sort();
  return { telemetry, p50: percentile(times, 0.5), p99: percentile(times, 0.99), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

async function startCollector(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'apps/collector/src/server.ts')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir, TAPHEAL_ADMIN_TOKEN: randomBytes(16).toString('hex'), TAPHEAL_TRAINER_INTERVAL_MINUTES: '0', TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0' },
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const ready = buffered.split('\n').map((line) => { try { return JSON.parse(line) as { msg?: string; address?: string }; } catch { return {}; } }).find((line) => line.msg === 'collector ready');
      if (ready?.address) resolveUrl(ready.address);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  return { url, stop: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); } };
}

const dir = await mkdtemp(join(tmpdir(), 'tapheal-bench-client-'));
try {
  const collector = await startCollector(join(dir, 'collector'));
  try {
    const off = await timeReports(false, join(dir, 'off'), collector.url);
    const on = await timeReports(true, join(dir, 'on'), collector.url);
    const preview = await on.telemetry.preview();
    const flushStarted = performance.now();
    const done = await on.telemetry.flush(60_000);
    const flushMs = performance.now() - flushStarted;
    const bareStarted = performance.now();
    for (let i = 0; i < preview.length; i += 100) {
      const batch = preview.slice(i, i + 100).map((report) => ({ ...report, id: crypto.randomUUID() }));
      const response = await fetch(new URL('/v1/reports', collector.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reports: batch }) });
      await response.text();
    }
    const bareMs = performance.now() - bareStarted;
    console.log(`\nbench:client, ${reports} reports of real MCP failure messages, node ${process.version}`);
    console.log('| what | p50 µs | p99 µs | mean µs |');
    console.log('|---|---:|---:|---:|');
    console.log(`| report(), telemetry off (baseline) | ${off.p50.toFixed(1)} | ${off.p99.toFixed(1)} | ${off.mean.toFixed(1)} |`);
    console.log(`| report(), telemetry on (anonymise + queue file) | ${on.p50.toFixed(1)} | ${on.p99.toFixed(1)} | ${on.mean.toFixed(1)} |`);
    console.log(`\n| what | ms for ${preview.length} reports | emptied |`);
    console.log('|---|---:|---|');
    console.log(`| flush() to the collector (read queue, gzip, post, remove files) | ${flushMs.toFixed(0)} | ${done} |`);
    console.log(`| baseline: the same batches posted with a bare fetch | ${bareMs.toFixed(0)} | |`);
  } finally {
    await collector.stop();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
