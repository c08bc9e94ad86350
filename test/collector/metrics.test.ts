/** GET /metrics: Prometheus text with requests, report outcomes, refusals by reason, latency, database errors. */
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/build-app.js';
import { testDatabases } from '../helpers/db.js';
import { makeReports } from '../helpers/reports.js';

const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  if (!line) throw new Error(`no series ${series} in:\n${text.slice(0, 2000)}`);
  return Number(line.slice(series.length + 1));
};

describe.each(testDatabases())('GET /metrics on $name', ({ open }) => {
  it('counts what happened to every report batch, and the database errors', async () => {
    const db = await open();
    const { app } = await buildTestApp(db);
    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/v1/reports', payload: payload as never, headers: { 'content-type': 'application/json', ...headers } });
    const batch = makeReports(5);
    const statuses = [
      (await post({ reports: batch })).statusCode,
      (await post({ reports: batch.slice(0, 2) })).statusCode,
      (await post('{"reports": [')).statusCode,
      (await post({ reports: [] })).statusCode,
      (await post({ reports: makeReports(1) }, { 'content-encoding': 'br' })).statusCode,
      (await post(JSON.stringify({ reports: makeReports(1) }).padEnd(2 * 1024 * 1024, ' '))).statusCode,
    ];
    await db.close();
    statuses.push((await post({ reports: makeReports(1) })).statusCode);
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    await app.close();

    expect(statuses).toEqual([202, 202, 400, 400, 415, 413, 503]);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(sample(text, 'tapheal_reports_total{outcome="accepted"}')).toBe(5);
    expect(sample(text, 'tapheal_reports_total{outcome="duplicate"}')).toBe(2);
    expect(sample(text, 'tapheal_report_batches_rejected_total{reason="invalid"}')).toBe(2);
    expect(sample(text, 'tapheal_report_batches_rejected_total{reason="unsupported_encoding"}')).toBe(1);
    expect(sample(text, 'tapheal_report_batches_rejected_total{reason="too_large"}')).toBe(1);
    expect(sample(text, 'tapheal_report_batches_rejected_total{reason="unavailable"}')).toBe(1);
    expect(sample(text, 'tapheal_report_batches_rejected_total{reason="rate_limited"}')).toBe(0);
    expect(sample(text, 'tapheal_database_errors_total{kind="unavailable"}')).toBe(1);
    expect(sample(text, 'tapheal_ingest_duration_seconds_count')).toBe(2);
    expect(sample(text, 'tapheal_http_requests_total{method="POST",route="/v1/reports",status="202"}')).toBe(2);
    expect(sample(text, 'tapheal_http_requests_total{method="POST",route="/v1/reports",status="503"}')).toBe(1);
    expect(text).toMatch(/^tapheal_collector_process_cpu_user_seconds_total /m);
  }, 30_000);

  it('shows how many anonymiser threads run and, at 0, the batches they handed back', async () => {
    const db = await open();
    const scrape = async (threads: string) => {
      const { app } = await buildTestApp(db, { env: { TAPHEAL_ANONYMISER_THREADS: threads } });
      try {
        expect((await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: makeReports(3) } })).statusCode).toBe(202);
        return (await app.inject({ method: 'GET', url: '/metrics' })).body;
      } finally {
        await app.close();
      }
    };
    try {
      for (const threads of [0, 2]) {
        const text = await scrape(String(threads));
        expect(sample(text, 'tapheal_anonymiser_threads')).toBe(threads);
        expect(sample(text, 'tapheal_anonymiser_hand_backs_total{reason="failed"}')).toBe(0);
        expect(sample(text, 'tapheal_anonymiser_hand_backs_total{reason="died"}')).toBe(0);
      }
    } finally {
      await db.close();
    }
  }, 30_000);
});
