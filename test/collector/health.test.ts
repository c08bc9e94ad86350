import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig } from '@tapheal/collector';
import { createDb, type Db } from '@tapheal/db';
import { testDatabases } from '../helpers/db.js';

const config = loadConfig({});

describe.each(testDatabases())('GET /health on $name', ({ open }) => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await open();
    app = await buildApp({ config, db, logger: false });
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
});

describe('GET /health without a database', () => {
  it('answers 503 with Retry-After when the database does not answer', async () => {
    const db = await createDb({ url: 'postgres://nobody@127.0.0.1:1/none', migrate: false });
    const app = await buildApp({ config, db, logger: false });
    const response = await app.inject({ method: 'GET', url: '/health' });
    await app.close();
    await db.close();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });
});
