/** 429 with Retry-After per client address and per install, on the report route. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { countReports, createDb, type Db } from '@tapheal/db';
import { buildTestApp } from '../helpers/build-app.js';
import { makeReports } from '../helpers/reports.js';

describe('rate limits on POST /v1/reports', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createDb();
    ({ app } = await buildTestApp(db, { env: { TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '3', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '10' } }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const post = (reports: unknown[], remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/reports', payload: { reports }, remoteAddress });

  it('answers 429 with Retry-After once an address has sent its requests for the minute, and stores nothing of it', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(makeReports(1, { installId: `address-test-${i}` }), '10.0.0.1')).statusCode);
    expect(statuses).toEqual([202, 202, 202]);
    const stored = await countReports(db);
    const refused = await post(makeReports(1, { installId: 'address-test-9' }), '10.0.0.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.json()).toMatchObject({ error: 'rate_limited' });
    expect(await countReports(db)).toBe(stored);
    expect((await post(makeReports(1, { installId: 'address-test-10' }), '10.0.0.2')).statusCode).toBe(202);
  });

  it('answers 429 once an install has sent its reports for the minute, from any address', async () => {
    expect((await post(makeReports(6, { installId: 'busy-install' }), '10.0.1.1')).statusCode).toBe(202);
    const refused = await post(makeReports(6, { installId: 'busy-install' }), '10.0.1.2');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await post(makeReports(4, { installId: 'busy-install' }), '10.0.1.3')).statusCode).toBe(202);
    expect((await post(makeReports(6, { installId: 'calm-install' }), '10.0.1.4')).statusCode).toBe(202);
  });

  it('counts refused batches in /metrics', async () => {
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^tapheal_report_batches_rejected_total\{reason="rate_limited"\} 2$/m);
  });
});

describe('rate limits turned off', () => {
  it('never answers 429 when both limits are 0', async () => {
    const db = await createDb();
    const { app } = await buildTestApp(db, { env: { TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0' } });
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) statuses.add((await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: makeReports(100, { installId: 'install-one' }) } })).statusCode);
    await app.close();
    await db.close();
    expect([...statuses]).toEqual([202]);
  });
});
