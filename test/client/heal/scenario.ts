/**
 * A project with a Claude Code `.mcp.json` of real fixture servers, some working, some broken in ways
 * tapheal can heal, some not; a fake home holding what the fixers should find; and a marker in every
 * server's arguments, so a test can tell whether any server process outlived the command.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedPort } from '../../helpers/pack-server.js';
import { startSseServer, startStreamableHttpServer, type FixtureServer } from '../../fixtures/mcp-servers/http-servers.js';

export const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/mcp-servers/${name}`, import.meta.url));

export interface Scenario {
  dir: string;
  home: string;
  configFile: string;
  envFile: string;
  marker: string;
  token: string;
  /** The environment the CLI runs with: a PATH that finds node, and the fake home. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface ScenarioServers {
  [name: string]: Record<string, unknown>;
}

/** Every server process this scenario started that still runs (by the marker in its arguments). */
export async function survivors(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const zombie = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
    if (cmdline.includes(marker) && !zombie) pids.push(Number(entry));
  }
  return pids;
}

export async function createScenario(build: (context: { marker: string; token: string; http: FixtureServer; sse: FixtureServer; refusedPort: number; home: string }) => ScenarioServers): Promise<Scenario> {
  const dir = await mkdtemp(join(tmpdir(), 'tapheal-heal-'));
  const home = join(dir, 'home');
  const marker = `tapheal-scenario-${randomUUID()}`;
  const token = `fixture-${randomUUID()}`;
  await mkdir(join(home, '.local', 'bin'), { recursive: true });
  // A launcher installed where only the login shell's PATH and ~/.local/bin would find it.
  const launcher = join(home, '.local', 'bin', 'fixture-mcp');
  await writeFile(launcher, `#!/bin/sh\nexec "${process.execPath}" "${fixture('working-stdio.mjs')}" "$@"\n`);
  await chmod(launcher, 0o755);
  const envFile = join(dir, '.env');
  await writeFile(envFile, `# generated for the test\nFOO_API_KEY=foo-${randomUUID()}\nFIXTURE_TOKEN=${token}\n`);
  const [http, sse, refusedPort] = await Promise.all([startStreamableHttpServer({ token }), startSseServer(), closedPort()]);
  const configFile = join(dir, '.mcp.json');
  await writeFile(configFile, `${JSON.stringify({ mcpServers: build({ marker, token, http, sse, refusedPort, home }) }, null, 2)}\n`);
  return {
    dir,
    home,
    configFile,
    envFile,
    marker,
    token,
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, SHELL: '/bin/sh' },
    async close() {
      await Promise.all([http.close(), sse.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
