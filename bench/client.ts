/**
 * bench:client: what telemetry costs its host. `report()` per call (µs, p50 and p99) with telemetry on
 * (anonymise, build, write the queue file) against off (consent checked, nothing written), measured in
 * the same run; then the wall time of one `flush()` of the queue to a collector running as its own
 * process on loopback, against posting the same batches with a bare fetch.
 *
 *   npm run bench:client [-- --reports N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTelemetry, type Failure } from '@tapheal/client';
import { startCollectorProcess } from './collector-process.js';
import { readMessages } from './support.js';

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

const dir = await mkdtemp(join(tmpdir(), 'tapheal-bench-client-'));
try {
  const collector = await startCollectorProcess(join(dir, 'collector'));
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
