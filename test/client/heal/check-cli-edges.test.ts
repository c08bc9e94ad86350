/**
 * `tapheal check` at its edges: bad input gets a clear error and leaves files alone, configs are found
 * without --config, Ctrl-C ends every server, VS Code's envFile is loaded, and with telemetry on a
 * failure is queued anonymised.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTaphealAsync, TAPHEAL_BIN } from '../../helpers/cli.js';
import { fixture, survivors } from './scenario.js';

let dir: string;
let home: string;
let env: Record<string, string>;
const marker = `tapheal-edges-${randomUUID()}`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tapheal-check-edges-'));
  home = join(dir, 'home');
  await mkdir(home);
  env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const working = { command: process.execPath, args: [fixture('working-stdio.mjs'), marker] };

describe('tapheal check: bad input', () => {
  it('names a config file that does not exist', async () => {
    const run = await runTaphealAsync(['check', '--config', join(dir, 'missing.json')], { home, env });

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missing\.json: no such file/);
    expect(run.stdout).toBe('');
  });

  it('refuses a config that is not JSON and leaves it as it was', async () => {
    const file = join(dir, 'mcp.json');
    const text = '{ "mcpServers": { "a": { "command": "x", }\n';
    await writeFile(file, text);

    const run = await runTaphealAsync(['check', '--config', file, '--heal'], { home, env });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(file);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it.each(['--timeout soon', '--timeout 0', '--unknown'])('refuses "%s" as a usage error', async (args) => {
    const run = await runTaphealAsync(['check', ...args.split(' ')], { home, env });

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^tapheal: /);
  });

  it('says where it looked when no client config exists', async () => {
    const run = await runTaphealAsync(['check'], { home, env });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no MCP client config found');
    expect(run.stderr).toContain(join(home, '.cursor', 'mcp.json'));
  });
});

describe('tapheal check: finding and reading configs', { timeout: 30_000 }, () => {
  it('finds the configs of the clients installed for the user and says which it read', async () => {
    await mkdir(join(home, '.cursor'));
    await writeFile(join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { tools: working } }));
    await mkdir(join(home, '.config', 'Claude'), { recursive: true });
    await writeFile(join(home, '.config', 'Claude', 'claude_desktop_config.json'), JSON.stringify({ mcpServers: { desk: working } }));

    const run = await runTaphealAsync(['check', '--json'], { home, env });

    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { servers: Array<{ name: string; ok: boolean; config: string }> };
    expect(report.servers.map(({ name, ok }) => ({ name, ok }))).toEqual([{ name: 'desk', ok: true }, { name: 'tools', ok: true }]);
    const text = await runTaphealAsync(['check'], { home, env });
    expect(text.stderr).toContain(`read ${join(home, '.cursor', 'mcp.json')} (Cursor, user scope)`);
    expect(text.stdout).toMatch(/2 of 2 servers work\./);
  });

  it("loads VS Code's envFile, relative to the workspace, before testing", async () => {
    const workspace = join(dir, 'project');
    await mkdir(join(workspace, '.vscode'), { recursive: true });
    await writeFile(join(workspace, 'secrets.env'), `FOO_API_KEY=from-env-file-${randomUUID()}\n`);
    const file = join(workspace, '.vscode', 'mcp.json');
    await writeFile(file, JSON.stringify({ servers: { needs: { type: 'stdio', command: process.execPath, args: [fixture('needs-env-stdio.mjs'), marker], envFile: '${workspaceFolder}/secrets.env' } } }, null, 2));

    const run = await runTaphealAsync(['check', '--config', file, '--json'], { home, env });

    expect(run.status, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout).servers[0]).toMatchObject({ name: 'needs', ok: true, healed: false });
  });
});

describe('tapheal check: Ctrl-C', { timeout: 30_000 }, () => {
  it('ends every server it started and exits 130', async () => {
    const file = join(dir, '.mcp.json');
    const slow = { command: process.execPath, args: [fixture('slow-stdio.mjs'), marker], env: { SLOW_START_MS: '60000' } };
    await writeFile(file, JSON.stringify({ mcpServers: { one: slow, two: slow } }));
    const child = spawn(process.execPath, [TAPHEAL_BIN, 'check', '--config', file, '--timeout', '20000'], { env: { ...env, TAPHEAL_HOME: home } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Wait until both servers run.
    const deadline = Date.now() + 10_000;
    while ((await survivors(marker)).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await survivors(marker)).length).toBe(2);

    const started = Date.now();
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));

    expect(status).toBe(130);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stderr).toContain('interrupted');
    expect(await survivors(marker)).toEqual([]);
  });
});

describe('tapheal check: telemetry', { timeout: 30_000 }, () => {
  it('queues an anonymised report of a failure when telemetry is on, and none when it is off', async () => {
    const file = join(dir, '.mcp.json');
    await writeFile(file, JSON.stringify({ mcpServers: { crashes: { command: process.execPath, args: [fixture('crash-stdio.mjs'), marker] } } }));
    // Nothing listens at the endpoint: the report stays queued for later.
    const telemetryEnv = { ...env, TAPHEAL_ENDPOINT: 'http://127.0.0.1:1' };

    await runTaphealAsync(['check', '--config', file], { home, env: telemetryEnv });
    expect((await runTaphealAsync(['telemetry', 'preview'], { home, env: telemetryEnv })).stdout).toBe('');

    expect((await runTaphealAsync(['telemetry', 'enable'], { home, env: telemetryEnv })).status).toBe(0);
    const run = await runTaphealAsync(['check', '--config', file], { home, env: telemetryEnv });
    expect(run.status).toBe(1);
    const preview = await runTaphealAsync(['telemetry', 'preview'], { home, env: telemetryEnv });
    expect(preview.lines).toHaveLength(1);
    const report = preview.lines[0] as { server: { name: string }; diagnosis: { category: string }; healing: { healed: boolean; attempts: Array<{ fix: string; outcome: string }> }; error: { message: string } };
    expect(report.diagnosis.category).toBe('server_crashed');
    expect(report.healing).toEqual({ healed: false, attempts: [{ category: 'server_crashed', ruleId: 'server_crashed.connection_closed', fix: 'retry', outcome: 'same_failure' }] });
    expect(report.server.name).not.toContain('crashes');
    expect(report.error.message).not.toContain(dir);
  });
});
