/**
 * `tapheal pack update|status` through the real executable: what a person or a script sees (one line or
 * one JSON object, exit 0 / 3 / 1 / 2), against a stand-in collector on loopback.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTaphealAsync } from '../../helpers/cli.js';
import { closedPort, startPackServer, type PackServer } from '../../helpers/pack-server.js';
import { generateTestKey, makePack, makeTempDir, signedPackJson, writeFile } from '../../helpers/packs.js';

const key = generateTestKey();
const stranger = generateTestKey();

function setup(options: { pinned?: boolean } = {}) {
  const dir = makeTempDir();
  const home = join(dir, 'home');
  const keyFile = writeFile(dir, 'collector.pem', key.publicPem);
  if (options.pinned ?? true) {
    mkdirSync(join(home, 'trusted-keys'), { recursive: true });
    writeFileSync(join(home, 'trusted-keys', 'collector.pem'), key.publicPem);
  }
  return { dir, home, keyFile };
}

describe('tapheal pack', () => {
  let server: PackServer;
  beforeAll(async () => {
    server = await startPackServer();
  });
  afterAll(() => server.close());

  it('update holds a newer pack and says so on one line; status then shows it, where it came from and the check', async () => {
    const { home } = setup();
    server.serve(signedPackJson(makePack({ version: 2 }), [key]));
    const run = await runTaphealAsync(['pack', 'update', '--endpoint', server.url], { home });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(`updated: pack v2 (was v1), signed by ${key.public.keyid.slice(0, 16)}\n`);

    const status = await runTaphealAsync(['pack', 'status'], { home });
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`pack in use: v2, held (${join(home, 'packs', 'current.json')}), 1 rules`);
    expect(status.stdout).toMatch(/^created: 2026-01-01T00:00:00\.000Z \(\d+ days ago\)$/m);
    expect(status.stdout).toContain('expires: 2099-01-01T00:00:00.000Z');
    expect(status.stdout).toContain(`signed by: ${key.public.keyid}`);
    expect(status.stdout).toMatch(new RegExp(`^came from: ${server.url}/v1/packs/latest at \\S+Z$`, 'm'));
    expect(status.stdout).toMatch(/^last check: \S+ \(\d+ s ago\) at \S+: updated to pack 2$/m);
  });

  it('status --json names the pack in use, its age and source', async () => {
    const { home } = setup();
    const run = await runTaphealAsync(['pack', 'status', '--json'], { home });
    expect(run.status).toBe(0);
    expect(run.lines).toEqual([
      expect.objectContaining({ source: 'builtin', version: 1, ageSeconds: expect.any(Number), path: null, from: null, fallbackReason: null, lastCheck: null }),
    ]);
  });

  it('status says why a corrupt held pack was passed over for the built-in one', async () => {
    const { home } = setup();
    mkdirSync(join(home, 'packs'), { recursive: true });
    writeFileSync(join(home, 'packs', 'current.json'), '{"signed":');
    const run = await runTaphealAsync(['pack', 'status'], { home });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('pack in use: v1, built-in');
    expect(run.stdout).toMatch(/^held pack passed over: pack refused \(unparseable\): not JSON/m);
  });

  it('refuses a rollback with exit 3 and one line on stderr that names the pack kept', async () => {
    const { home } = setup();
    mkdirSync(join(home, 'packs'), { recursive: true });
    const held = signedPackJson(makePack({ version: 5 }), [key]);
    writeFileSync(join(home, 'packs', 'current.json'), held);
    server.serve(signedPackJson(makePack({ version: 4 }), [key]));
    const run = await runTaphealAsync(['pack', 'update', '--endpoint', server.url], { home });
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('tapheal: refused (not newer): pack version 4 is not newer than version 5 already held; keeping v5\n');
    expect(readFileSync(join(home, 'packs', 'current.json'), 'utf8')).toBe(held);
  });

  it('prints the result as one JSON object with --json, refusals included', async () => {
    const { home } = setup();
    server.serve(signedPackJson(makePack({ version: 2 }), [stranger]));
    const run = await runTaphealAsync(['pack', 'update', '--json', '--endpoint', server.url], { home });
    expect(run.status).toBe(3);
    expect(run.lines).toEqual([{ outcome: 'refused', reason: 'untrusted_key', detail: expect.stringMatching(/does not trust/), version: 1, source: 'builtin' }]);
  });

  it('skips a second check within 10 minutes (exit 0) and checks with --force, getting a 304', async () => {
    const { home } = setup();
    server.serve(signedPackJson(makePack({ version: 2 }), [key]));
    await runTaphealAsync(['pack', 'update', '--endpoint', server.url], { home });
    const requests = server.requests.length;
    const skipped = await runTaphealAsync(['pack', 'update', '--endpoint', server.url], { home });
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toMatch(/^skipped: checked at \S+; next check from \S+ \(--force to check now\); using v2\n$/);
    expect(server.requests.length).toBe(requests);
    const forced = await runTaphealAsync(['pack', 'update', '--force', '--endpoint', server.url], { home });
    expect([forced.status, forced.stdout]).toEqual([0, 'up to date: 304 not modified since pack 2; using v2\n']);
    expect(server.requests.at(-1)?.ifNoneMatch).toMatch(/^"/);
  });

  it('takes the collector from TAPHEAL_ENDPOINT', async () => {
    const { home } = setup();
    server.serve(signedPackJson(makePack({ version: 2 }), [key]));
    const run = await runTaphealAsync(['pack', 'update'], { home, env: { TAPHEAL_ENDPOINT: server.url } });
    expect([run.status, run.stdout]).toEqual([0, `updated: pack v2 (was v1), signed by ${key.public.keyid.slice(0, 16)}\n`]);
  });

  it('pins a --trust-key key once it signed an accepted pack, so later commands use the pack without the flag', async () => {
    const { home, keyFile } = setup({ pinned: false });
    server.serve(signedPackJson(makePack({ version: 2 }), [key]));
    const run = await runTaphealAsync(['pack', 'update', '--trust-key', keyFile, '--endpoint', server.url], { home });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`pinned 1 key(s): ${key.public.keyid.slice(0, 16)}`);
    expect(readFileSync(join(home, 'trusted-keys', `${key.public.keyid}.pem`), 'utf8')).toBe(key.publicPem);
    expect((await runTaphealAsync(['pack', 'status', '--json'], { home })).lines[0]).toMatchObject({ source: 'held', version: 2 });
  });

  it('exits 1 with a clear line when the collector cannot be reached', async () => {
    const { home } = setup();
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const run = await runTaphealAsync(['pack', 'update', '--endpoint', endpoint], { home });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`tapheal: update failed (unreachable): cannot reach ${endpoint}/v1/packs/latest: connect ECONNREFUSED ${endpoint.slice(7)}; keeping v1 (built-in)\n`);
  });

  it.each([
    [['pack'], /pack needs one of: status, update/],
    [['pack', 'upgrade'], /pack needs one of: status, update/],
    [['pack', 'update', '--endpoint', 'ftp://example.org'], /the endpoint must be an http:\/\/ or https:\/\/ URL/],
    [['pack', 'status', '--verbose'], /Unknown option '--verbose'/],
  ])('answers %j with a usage error (exit 2)', async (args, message) => {
    const { home } = setup();
    const run = await runTaphealAsync(args, { home });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses an unreadable --trust-key file with exit 3', async () => {
    const { home, dir } = setup();
    const run = await runTaphealAsync(['pack', 'update', '--trust-key', join(dir, 'missing.pem'), '--endpoint', server.url], { home });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/cannot read key .*missing\.pem: ENOENT/);
  });
});
