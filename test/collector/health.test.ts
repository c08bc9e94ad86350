import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@tapheal/db';
import { buildTestApp } from '../helpers/build-app.js';
import { testDatabases } from '../helpers/db.js';

describe.each(testDatabases())('GET /health on $name', ({ open }) => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await open();
    ({ app } = await buildTestApp(db));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 with Retry-After once the database is gone', async () => {
    const gone = await open();
    const { app: orphan } = await buildTestApp(gone);
    await gone.close();
    const response = await orphan.inject({ method: 'GET', url: '/health' });
    await orphan.close();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });
});
