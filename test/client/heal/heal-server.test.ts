/**
 * The heal loop as a library (healServer, checkServer) on real server processes and loopback HTTP:
 * fixes that need a longer wait, a token, or the login shell's PATH; the attempt and time limits; and
 * no server process outliving the loop.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PACK, checkServer, defaultLoginPath, healServer, type FactSources, type HealOptions } from '@tapheal/client';
import { compileMatcher } from '@tapheal/rules';
import { startStreamableHttpServer, type FixtureServer } from '../../fixtures/mcp-servers/http-servers.js';
import { fixture, survivors } from './scenario.js';

const compiled = compileMatcher(BUILTIN_PACK);
if (!compiled.ok) throw new Error(compiled.detail);
const matcher = compiled.value;

let dir: string;
let home: string;
const marker = `tapheal-heal-server-${randomUUID()}`;
const sources = (extra: Partial<FactSources> = {}): FactSources => ({
  platform: process.platform,
  home,
  env: { PATH: process.env.PATH ?? '', HOME: home },
  envFiles: [],
  loginPath: async () => [],
  ...extra,
});
const options = (extra: Partial<HealOptions> = {}): HealOptions => ({ matcher, timeoutMs: 3_000, sources: sources(), ...extra });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tapheal-heal-server-'));
  home = join(dir, 'home');
  await mkdir(home);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('healServer', { timeout: 30_000 }, () => {
  it('heals a slow start with a longer timeout and records it where the format has a field', async () => {
    const server = { name: 'slow', transport: 'stdio' as const, command: process.execPath, args: [fixture('slow-stdio.mjs'), marker], env: { SLOW_START_MS: '1500' } };

    const outcome = await healServer(server, options({ timeoutMs: 800, format: 'claude-code' }));

    expect(outcome).toMatchObject({ ok: true, healed: true, category: 'timeout', attempts: [{ category: 'timeout', fix: 'increase_timeout', outcome: 'healed' }] });
    expect(outcome.server.timeoutMs).toBe(2_400);
    expect(outcome.changes).toEqual([{ field: 'timeout', description: expect.stringMatching(/^record a timeout of 2400 ms; .*MCP_TIMEOUT=2400/) }]);
    expect(await survivors(marker)).toEqual([]);
  });

  it('only retries longer where the format has no timeout field', async () => {
    const server = { name: 'slow', transport: 'stdio' as const, command: process.execPath, args: [fixture('slow-stdio.mjs'), marker], env: { SLOW_START_MS: '1500' } };

    const outcome = await healServer(server, options({ timeoutMs: 800, format: 'cursor' }));

    expect(outcome).toMatchObject({ ok: true, healed: true, changes: [] });
    expect(outcome.server).toEqual(server);
  });

  describe('over HTTP', () => {
    let http: FixtureServer;
    const token = `t-${randomUUID()}`;
    beforeAll(async () => {
      http = await startStreamableHttpServer({ token });
    });
    afterAll(() => http.close());

    it('heals a 401 by putting the token from a .env file into the header that references it', async () => {
      const server = { name: 'api', transport: 'http' as const, url: `${http.origin}/mcp`, headers: { Authorization: 'Bearer ${API_TOKEN}' } };
      const envFile = join(dir, 'api.env');
      await writeFile(envFile, `API_TOKEN="${token}"\n`);
      const outcome = await healServer(server, options({ format: 'claude-code', sources: sources({ envFiles: [envFile] }) }));

      expect(outcome).toMatchObject({ ok: true, healed: true, category: 'auth_failed', attempts: [{ fix: 'set_env_from_user', outcome: 'healed' }] });
      expect(outcome.server.headers).toEqual({ Authorization: `Bearer ${token}` });
      expect(JSON.stringify(outcome.changes)).not.toContain(token);
    });

    it('stops at once on a 401 it cannot fix and names what to do', async () => {
      const outcome = await healServer({ name: 'api', transport: 'http', url: `${http.origin}/mcp` }, options());

      expect(outcome).toMatchObject({ ok: false, healed: false, category: 'auth_failed', stopReason: 'cannot_fix', attempts: [{ fix: 'set_env_from_user', outcome: 'cannot_fix' }] });
      expect(outcome.nextStep).toMatch(/rejected the credentials/);
    });

    it('moves a wrong path to the one the server answers on', async () => {
      const outcome = await healServer({ name: 'api', transport: 'http', url: `${http.origin}/v1/wrong`, headers: { Authorization: `Bearer ${token}` } }, options());

      expect(outcome).toMatchObject({ ok: true, healed: true, server: { transport: 'http', url: `${http.origin}/mcp` } });
    });
  });

  it('finds a command on the PATH only the login shell has', async () => {
    const loginBin = join(dir, 'login-only-bin');
    await mkdir(loginBin, { recursive: true });
    const command = join(loginBin, 'fixture-login-only');
    await writeFile(command, `#!/bin/sh\nexec "${process.execPath}" "${fixture('working-stdio.mjs')}" "$@"\n`);
    await chmod(command, 0o755);
    await writeFile(join(home, '.profile'), `PATH="${loginBin}:$PATH"\nexport PATH\n`);
    const env = { PATH: '/usr/bin:/bin', HOME: home, SHELL: '/bin/sh' };

    const outcome = await healServer(
      { name: 'login', transport: 'stdio', command: 'fixture-login-only', args: [marker] },
      options({ sources: sources({ env, loginPath: defaultLoginPath(env) }), testEnv: { PATH: `${process.execPath.replace(/\/node$/, '')}:/usr/bin:/bin`, HOME: home } }),
    );

    expect(outcome).toMatchObject({ ok: true, healed: true, server: { command } });
    expect(await survivors(marker)).toEqual([]);
  });

  it('never goes past its attempt limit or its time budget', async () => {
    const server = { name: 'never', transport: 'stdio' as const, command: process.execPath, args: [fixture('slow-stdio.mjs'), marker], env: { SLOW_START_MS: '60000' } };
    const started = performance.now();

    const outcome = await healServer(server, options({ timeoutMs: 400, budgetMs: 2_500, format: 'claude-code' }));

    const elapsed = performance.now() - started;
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts.length).toBeGreaterThanOrEqual(1);
    expect(outcome.attempts.length).toBeLessThanOrEqual(3);
    // Each attempt is bounded by the remaining budget; ending a server adds up to about a second.
    expect(elapsed).toBeLessThan(2_500 + 1_500);
    expect(outcome.stopReason).toMatch(/^(?:time_limit|same_failure)$/);
    expect(await survivors(marker)).toEqual([]);
  });

  it('ends the attempt and its server when aborted', async () => {
    const controller = new AbortController();
    const server = { name: 'never', transport: 'stdio' as const, command: process.execPath, args: [fixture('slow-stdio.mjs'), marker], env: { SLOW_START_MS: '60000' } };
    setTimeout(() => controller.abort(new Error('interrupted')), 500);
    const started = performance.now();

    const outcome = await healServer(server, options({ timeoutMs: 20_000, signal: controller.signal }));

    expect(outcome.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(outcome.nextStep).toMatch(/interrupted/);
    expect(await survivors(marker)).toEqual([]);
  });
});

describe('checkServer', { timeout: 30_000 }, () => {
  it('diagnoses without trying any fix', async () => {
    const outcome = await checkServer({ name: 'needs', transport: 'stdio', command: process.execPath, args: [fixture('needs-env-stdio.mjs'), marker] }, options({ sources: sources({ env: { HOME: home, FOO_API_KEY: 'would-fix-it' } }) }));

    expect(outcome).toMatchObject({ ok: false, healed: false, category: 'missing_env_var', attempts: [] });
    expect(outcome.evidence).toContain('Missing FOO_API_KEY');
    expect(outcome.nextStep).toBeTruthy();
  });

  it('reports a working server with its tools', async () => {
    const outcome = await checkServer({ name: 'ok', transport: 'stdio', command: process.execPath, args: [fixture('working-stdio.mjs'), marker] }, options());

    expect(outcome).toMatchObject({ ok: true, healed: false, category: null, tools: ['echo', 'add'], error: null, nextStep: null });
  });
});
