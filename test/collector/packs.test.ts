/** Pack distribution, open to everyone: the built-in pack as signed v1, ETag/304, versioned URLs, keys. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { BUILTIN_PACK, publicKeyFromPem, verifyPack } from '@tapheal/rules';
import type { Db } from '@tapheal/db';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { testDatabases } from '../helpers/db.js';

const NOW = new Date('2026-11-25T12:00:00Z');

describe.each(testDatabases())('pack distribution on $name', ({ open }) => {
  let db: Db;
  let first: TestApp;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await open();
    first = await buildTestApp(db, { now: () => NOW, env: { TAPHEAL_PACK_TTL_DAYS: '30' } });
    app = first.app;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const latest = (headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/v1/packs/latest', headers });

  it('serves the built-in pack as version 1 on a fresh database, signed with the key of /v1/keys', async () => {
    const response = await latest();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['tapheal-pack-version']).toBe('1');
    const keys = (await app.inject({ method: 'GET', url: '/v1/keys' })).json() as { keys: { keyid: string; pem: string }[] };
    expect(keys.keys.map((key) => key.keyid)).toEqual([first.signingKey.keyid]);
    const trusted = publicKeyFromPem(keys.keys[0]!.pem);
    if (!trusted.ok) throw new Error(trusted.detail);
    expect(trusted.value.keyid).toBe(keys.keys[0]!.keyid);
    const verified = verifyPack(response.body, { trustedKeys: [trusted.value], now: NOW });
    if (!verified.ok) throw new Error(`${verified.reason}: ${verified.detail}`);
    expect(verified.value.pack.version).toBe(1);
    expect(verified.value.pack.rules.map((rule) => rule.id)).toEqual(BUILTIN_PACK.rules.map((rule) => rule.id));
    expect(verified.value.pack.expiresAt).toBe('2026-12-25T12:00:00.000Z');
    expect(verified.value.matcher.classify('spawn npx ENOENT').category).toBe('command_not_found');
  });

  it('answers 304 without a body to a matching If-None-Match, also weak, listed or *', async () => {
    const etag = (await latest()).headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await latest({ 'if-none-match': header });
      expect(response.statusCode, header).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers.etag).toBe(etag);
    }
    expect((await latest({ 'if-none-match': '"stale"' })).statusCode).toBe(200);
  });

  it('tells caches to revalidate latest and to keep a versioned pack', async () => {
    expect((await latest()).headers['cache-control']).toBe('no-cache');
    const versioned = await app.inject({ method: 'GET', url: '/v1/packs/1' });
    expect(versioned.statusCode).toBe(200);
    expect(versioned.headers['cache-control']).toMatch(/immutable/);
    expect(versioned.body).toBe((await latest()).body);
  });

  it.each([
    ['/v1/packs/99', 404, 'not_found'],
    ['/v1/packs/0', 400, 'invalid_request'],
    ['/v1/packs/one', 400, 'invalid_request'],
  ])('answers GET %s with %i', async (url, status, error) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toBe(error);
  });

  it('publishes nothing again when another app starts on the same database, and lists both keys', async () => {
    const before = await latest();
    const second = await buildTestApp(db, { now: () => NOW });
    try {
      const after = await second.app.inject({ method: 'GET', url: '/v1/packs/latest' });
      expect(after.headers.etag).toBe(before.headers.etag);
      expect(after.body).toBe(before.body);
      const keys = (await second.app.inject({ method: 'GET', url: '/v1/keys' })).json() as { keys: { keyid: string }[] };
      expect(keys.keys.map((key) => key.keyid).sort()).toEqual([first.signingKey.keyid, second.signingKey.keyid].sort());
    } finally {
      await second.app.close();
    }
  });
});

describe.each(testDatabases())('pack distribution with nothing servable, on $name', ({ open }) => {
  it('answers 404 no_pack when every pack is gone', async () => {
    const db = await open();
    const { app } = await buildTestApp(db);
    await db.query('delete from packs');
    const response = await app.inject({ method: 'GET', url: '/v1/packs/latest' });
    await app.close();
    await db.close();
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('no_pack');
  });
});
