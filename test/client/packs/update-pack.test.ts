/**
 * The pack updater as a library, against a stand-in collector on loopback that serves crafted envelopes:
 * every refusal leaves the held pack and the pinned keys as they were, byte for byte; 304s, the client-side
 * rate limit, a corrupt held pack, key rotation and network failures.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadActivePack, readTrustedKeys, updatePack, type PackUpdateResult, type UpdatePackOptions } from '@tapheal/client';
import type { Pack } from '@tapheal/rules';
import { closedPort, startPackServer, type PackServer } from '../../helpers/pack-server.js';
import { generateTestKey, makePack, makeRule, makeTempDir, signedPackJson, type TestKey } from '../../helpers/packs.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const MINUTE = 60_000;
const current = generateTestKey();
const next = generateTestKey();
const stranger = generateTestKey();

const keyEntry = (key: TestKey) => ({ keyid: key.public.keyid, pem: key.publicPem });
const signed = (overrides: Partial<Pack>, keys: TestKey[] = [current]) => signedPackJson(makePack(overrides), keys);
const HELD_V3 = signed({ version: 3 });

function makeHome(options: { pin?: TestKey[]; held?: string | Buffer } = {}): string {
  const home = join(makeTempDir(), 'home');
  mkdirSync(join(home, 'trusted-keys'), { recursive: true });
  // Named by the person, not by keyid: the updater must recognise a pinned key by its keyid.
  for (const [i, key] of (options.pin ?? [current]).entries()) writeFileSync(join(home, 'trusted-keys', `collector-${i}.pem`), key.publicPem);
  if (options.held !== undefined) {
    mkdirSync(join(home, 'packs'), { recursive: true });
    writeFileSync(join(home, 'packs', 'current.json'), options.held);
  }
  return home;
}

/** Every file of the held pack and the pinned keys (not the update state), with its bytes. */
function snapshot(home: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ['packs', 'trusted-keys']) {
    if (!existsSync(join(home, dir))) continue;
    for (const name of readdirSync(join(home, dir))) {
      if (name !== 'state.json') files[`${dir}/${name}`] = readFileSync(join(home, dir, name)).toString('base64');
    }
  }
  return files;
}

const readState = (home: string) => JSON.parse(readFileSync(join(home, 'packs', 'state.json'), 'utf8')) as Record<string, unknown>;

async function active(home: string, now = NOW) {
  const keys = readdirSync(join(home, 'trusted-keys')).map((name) => join(home, 'trusted-keys', name));
  return loadActivePack(home, { trustedKeys: await readTrustedKeys(keys), now });
}

describe('updatePack', () => {
  let server: PackServer;
  beforeAll(async () => {
    server = await startPackServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const update = (home: string, extra: Partial<UpdatePackOptions> = {}): Promise<PackUpdateResult> =>
    updatePack({ home, endpoint: server.url, now: NOW, ...extra });

  it('holds a newer pack signed by a pinned key, byte for byte, and uses it from then on', async () => {
    const home = makeHome();
    const body = signed({ version: 2 });
    const etag = server.serve(body);
    const result = await update(home);
    expect(result).toMatchObject({ outcome: 'updated', version: 2, source: 'held', previousVersion: 1, keyid: current.public.keyid, pinnedKeys: [] });
    expect(readFileSync(join(home, 'packs', 'current.json'), 'utf8')).toBe(body);
    expect(readState(home)).toMatchObject({ etag, version: 2, url: `${server.url}/v1/packs/latest`, checkedAt: NOW.toISOString() });
    expect(await active(home)).toMatchObject({ source: 'held', pack: { version: 2 } });
    expect(server.requests).toEqual([{ path: '/v1/packs/latest', ifNoneMatch: null }]);
  });

  describe('refusals keep the last good pack and the pinned keys byte for byte', () => {
    const cases: [string, () => string | Buffer, string, RegExp][] = [
      ['too large (over 5 MiB, with Content-Length)', () => HELD_V3.replace('"version":3', '"version":4') + ' '.repeat(5 * 1024 * 1024), 'too_large', /over the limit of 5242880/],
      ['unparseable', () => 'this is not a pack', 'unparseable', /not JSON/],
      ['signed only by an unknown key', () => signed({ version: 4 }, [stranger]), 'untrusted_key', /does not trust/],
      ['tampered after signing', () => signed({ version: 4 }).replace('spawn', 'spawm'), 'bad_signature', /does not match the pack content/],
      ['signed but not a pack', () => signedPackJson({ ...makePack({ version: 4 }), rules: 'none' } as never, [current]), 'invalid_pack', /rules:/],
      ['unsafe (a look-ahead pattern)', () => signed({ version: 4, rules: [makeRule({ id: 'x.ahead', pattern: 'a(?=b)' })] }), 'unsafe_pattern', /rule x\.ahead/],
      ['expired', () => signed({ version: 4, expiresAt: '2026-11-25T11:59:59.000Z' }), 'expired', /expired at 2026-11-25T11:59:59/],
      ['older than the held one (rollback)', () => signed({ version: 2 }), 'not_newer', /version 2 is not newer than version 3/],
      ['the held version with other content', () => signed({ version: 3, createdAt: '2026-02-01T00:00:00.000Z' }), 'not_newer', /version 3 is not newer than version 3/],
      ['for a newer client (minClientVersion)', () => signed({ version: 4, minClientVersion: '99.0.0' }), 'needs_newer_client', /needs client >= 99\.0\.0; this client is 0\.1\.0/],
    ];

    it.each(cases)('refuses a pack that is %s', async (_what, body, reason, detail) => {
      const home = makeHome({ held: HELD_V3 });
      server.serve(HELD_V3);
      expect(await update(home)).toMatchObject({ outcome: 'up_to_date' }); // leaves the state of a good check behind
      const before = snapshot(home);
      const stateBefore = readState(home);
      server.serve(body());
      const result = await update(home, { force: true });
      expect(result).toMatchObject({ outcome: 'refused', reason, version: 3, source: 'held' });
      expect(result.outcome === 'refused' && result.detail).toMatch(detail);
      expect(snapshot(home)).toEqual(before);
      expect(await active(home)).toMatchObject({ source: 'held', pack: { version: 3 } });
      // The refused pack's ETag is not recorded, so a later check cannot answer 304 for it.
      expect(readState(home)).toMatchObject({ etag: stateBefore.etag, version: 3, lastResult: expect.stringMatching(new RegExp(`^refused \\(${reason}\\)`)) });
    });

    it('stops reading a body without Content-Length once it passes the limit', async () => {
      const home = makeHome({ held: HELD_V3 });
      const before = snapshot(home);
      server.serve(Buffer.alloc(64 * 1024 * 1024, 0x20), { chunked: true });
      const started = Date.now();
      const result = await update(home, { maxBytes: 256 * 1024 });
      expect(result).toMatchObject({ outcome: 'refused', reason: 'too_large', detail: expect.stringMatching(/over the limit of 262144 bytes \(stopped reading\)/) });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(snapshot(home)).toEqual(before);
    });

    it('never pins a key listed by a pack it refuses', async () => {
      const home = makeHome({ held: HELD_V3 });
      const before = snapshot(home);
      server.serve(signed({ version: 2, keys: [keyEntry(next)] }));
      expect(await update(home)).toMatchObject({ outcome: 'refused', reason: 'not_newer' });
      expect(snapshot(home)).toEqual(before);
    });
  });

  describe('checks are cheap and rate-limited', () => {
    it('sends the held pack\'s ETag as If-None-Match and changes nothing on 304', async () => {
      const home = makeHome();
      const etag = server.serve(signed({ version: 2 }));
      await update(home);
      const before = snapshot(home);
      const result = await update(home, { force: true });
      expect(result).toMatchObject({ outcome: 'up_to_date', notModified: true, version: 2, source: 'held' });
      expect(server.requests.map((r) => r.ifNoneMatch)).toEqual([null, etag]);
      expect(snapshot(home)).toEqual(before);
    });

    it('skips a check within 10 minutes of the last one, without a request, unless forced', async () => {
      const home = makeHome();
      server.serve(signed({ version: 2 }));
      await update(home);
      const skipped = await update(home, { now: new Date(NOW.getTime() + 9 * MINUTE) });
      expect(skipped).toMatchObject({ outcome: 'skipped', version: 2, checkedAt: NOW.toISOString(), nextCheckAt: new Date(NOW.getTime() + 10 * MINUTE).toISOString() });
      expect(server.requests).toHaveLength(1);
      expect(await update(home, { now: new Date(NOW.getTime() + 9 * MINUTE), force: true })).toMatchObject({ outcome: 'up_to_date' });
      expect(server.requests).toHaveLength(2);
    });

    it('checks again once 10 minutes have passed', async () => {
      const home = makeHome();
      server.serve(signed({ version: 2 }));
      await update(home);
      expect(await update(home, { now: new Date(NOW.getTime() + 10 * MINUTE) })).toMatchObject({ outcome: 'up_to_date', notModified: true });
      expect(server.requests).toHaveLength(2);
    });

    it('does not rate-limit or send the ETag to another collector', async () => {
      const home = makeHome();
      server.serve(signed({ version: 2 }));
      await update(home);
      const other = await startPackServer();
      try {
        other.serve(signed({ version: 3 }));
        expect(await update(home, { endpoint: other.url })).toMatchObject({ outcome: 'updated', version: 3 });
        expect(other.requests).toEqual([{ path: '/v1/packs/latest', ifNoneMatch: null }]);
      } finally {
        await other.close();
      }
    });
  });

  describe('what the client holds', () => {
    it('passes over a corrupt held pack for the built-in one, and repairs it with a full check', async () => {
      const home = makeHome({ held: '{"signed": tor' });
      writeFileSync(join(home, 'packs', 'state.json'), JSON.stringify({ url: `${server.url}/v1/packs/latest`, etag: '"v3"', version: 3, checkedAt: '2026-11-20T00:00:00.000Z' }));
      expect(await active(home)).toMatchObject({ source: 'builtin', pack: { version: 1 }, fallbackReason: expect.stringMatching(/pack refused \(unparseable\)/) });
      server.serve(HELD_V3);
      expect(await update(home)).toMatchObject({ outcome: 'updated', previousVersion: 1, version: 3 });
      expect(server.requests.map((r) => r.ifNoneMatch)).toEqual([null]);
      expect(await active(home)).toMatchObject({ source: 'held', pack: { version: 3 } });
    });

    it('reads a corrupt state file as no state: a full check', async () => {
      const home = makeHome({ held: HELD_V3 });
      writeFileSync(join(home, 'packs', 'state.json'), '\0\0garbage');
      server.serve(signed({ version: 4 }));
      expect(await update(home)).toMatchObject({ outcome: 'updated', version: 4 });
      expect(server.requests.map((r) => r.ifNoneMatch)).toEqual([null]);
    });

    it('is up to date, not refused, when the collector serves the very pack held (state lost)', async () => {
      const home = makeHome({ held: HELD_V3 });
      const etag = server.serve(HELD_V3);
      expect(await update(home)).toMatchObject({ outcome: 'up_to_date', notModified: false, version: 3, source: 'held' });
      expect(readState(home)).toMatchObject({ etag, version: 3 });
    });

    it('is up to date when the collector serves version 1, the built-in pack, and holds nothing', async () => {
      const home = makeHome();
      const etag = server.serve(signed({ version: 1 }));
      expect(await update(home)).toMatchObject({ outcome: 'up_to_date', version: 1, source: 'builtin', detail: "pack 1 is the built-in pack's version" });
      expect(existsSync(join(home, 'packs', 'current.json'))).toBe(false);
      expect(readState(home)).toMatchObject({ etag, version: 1 });
      expect(await update(home, { force: true })).toMatchObject({ outcome: 'up_to_date', notModified: true });
      expect(server.requests.map((r) => r.ifNoneMatch)).toEqual([null, etag]);
    });
  });

  describe('key rotation', () => {
    it('pins the keys a pack signed by the current key introduces, and accepts a later pack signed only by the new key', async () => {
      const home = makeHome();
      server.serve(signed({ version: 2, keys: [keyEntry(next)] }));
      expect(await update(home)).toMatchObject({ outcome: 'updated', version: 2, pinnedKeys: [next.public.keyid] });
      expect(readFileSync(join(home, 'trusted-keys', `${next.public.keyid}.pem`), 'utf8')).toBe(next.publicPem);

      const v3 = signed({ version: 3 }, [next]);
      server.serve(v3);
      expect(await update(home, { force: true })).toMatchObject({ outcome: 'updated', version: 3, keyid: next.public.keyid, pinnedKeys: [] });
      expect(readFileSync(join(home, 'packs', 'current.json'), 'utf8')).toBe(v3);
      expect(await active(home)).toMatchObject({ source: 'held', pack: { version: 3 }, keyid: next.public.keyid });
    });

    it('refuses a pack signed only by the new key when no trusted pack introduced it', async () => {
      const home = makeHome({ held: signed({ version: 2 }) });
      const before = snapshot(home);
      server.serve(signed({ version: 3 }, [next]));
      expect(await update(home)).toMatchObject({ outcome: 'refused', reason: 'untrusted_key', version: 2 });
      expect(snapshot(home)).toEqual(before);
    });

    it('refuses a pack signed by an unknown key that introduces itself', async () => {
      const home = makeHome({ held: signed({ version: 2 }) });
      const before = snapshot(home);
      server.serve(signed({ version: 3, keys: [keyEntry(stranger)] }, [stranger]));
      expect(await update(home)).toMatchObject({ outcome: 'refused', reason: 'untrusted_key', version: 2 });
      expect(snapshot(home)).toEqual(before);
    });

    it('refuses a pack that introduces a key under another key\'s keyid', async () => {
      const home = makeHome({ held: signed({ version: 2 }) });
      const before = snapshot(home);
      server.serve(signed({ version: 3, keys: [{ keyid: next.public.keyid, pem: stranger.publicPem }] }));
      expect(await update(home)).toMatchObject({ outcome: 'refused', reason: 'invalid_pack', detail: expect.stringMatching(/keys\.0\.keyid: does not match its pem/) });
      expect(snapshot(home)).toEqual(before);
    });

    it('accepts a pack signed by a --trust-key key and pins that key, so the held pack loads later', async () => {
      const home = makeHome({ pin: [] });
      server.serve(signed({ version: 2 }));
      expect(await update(home, { extraKeys: [current.public] })).toMatchObject({ outcome: 'updated', version: 2, pinnedKeys: [current.public.keyid] });
      expect(readdirSync(join(home, 'trusted-keys'))).toEqual([`${current.public.keyid}.pem`]);
      expect(await active(home)).toMatchObject({ source: 'held', pack: { version: 2 } });
    });
  });

  describe('failures', () => {
    it('answers a collector that is down as unreachable, keeping the pack, and does not count it as a check', async () => {
      const home = makeHome({ held: HELD_V3 });
      const before = snapshot(home);
      const port = await closedPort();
      const result = await update(home, { endpoint: `http://127.0.0.1:${port}` });
      expect(result).toMatchObject({ outcome: 'failed', reason: 'unreachable', version: 3, source: 'held', detail: expect.stringMatching(/ECONNREFUSED/) });
      expect(snapshot(home)).toEqual(before);
      expect(existsSync(join(home, 'packs', 'state.json'))).toBe(false);
    });

    it('gives up on a collector that does not answer in time', async () => {
      const home = makeHome();
      server.hang();
      const result = await update(home, { timeoutMs: 200 });
      expect(result).toMatchObject({ outcome: 'failed', reason: 'timeout', detail: expect.stringMatching(/no answer within 200 ms/) });
    });

    it('reports an error answer with its message and counts it as a check', async () => {
      const home = makeHome();
      server.fail(404, 'no pack has been published');
      expect(await update(home)).toMatchObject({ outcome: 'failed', reason: 'http_error', detail: 'the collector answered 404: no pack has been published' });
      expect(await update(home)).toMatchObject({ outcome: 'skipped' });
    });

    it('answers a home it cannot write to as a failure instead of throwing', async () => {
      const dir = makeTempDir();
      const home = join(dir, 'a-file');
      writeFileSync(home, 'not a directory');
      server.serve(signed({ version: 2 }));
      expect(await update(home)).toMatchObject({ outcome: 'failed', reason: 'storage', version: 1, detail: expect.stringMatching(/ENOTDIR/) });
    });
  });
});
