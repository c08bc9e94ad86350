/**
 * `tapheal check` end to end: the real CLI on a real config of real server processes and loopback
 * HTTP servers. Broken servers are healed where a fixer exists, written back with --heal, and found
 * working by a second check; the rest are reported with their evidence and a next step.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTaphealAsync } from '../../helpers/cli.js';
import { createScenario, fixture, survivors, type Scenario } from './scenario.js';

interface ServerJson {
  name: string;
  ok: boolean;
  healed: boolean;
  category: string | null;
  attempts: Array<{ category: string; ruleId: string | null; fix: string; outcome: string }>;
  error: string | null;
  written: boolean;
  evidence: string | null;
  nextStep: string | null;
  changes: Array<{ field: string; description: string }>;
}

const byName = (stdout: string) => {
  const report = JSON.parse(stdout) as { servers: ServerJson[]; configs: Array<{ written: boolean; backup: string | null; changed: string[] }> };
  return { report, server: (name: string) => report.servers.find((server) => server.name === name)! };
};

describe('tapheal check on a config of eight servers', { timeout: 60_000 }, () => {
  let scenario: Scenario;
  let original: string;

  beforeAll(async () => {
    scenario = await createScenario(({ marker, http, sse, refusedPort }) => ({
      working: { command: process.execPath, args: [fixture('working-stdio.mjs'), marker] },
      'not-on-path': { command: 'fixture-mcp', args: [marker] },
      'needs-key': { command: process.execPath, args: [fixture('needs-env-stdio.mjs'), marker] },
      'wrong-transport': { type: 'sse', url: `${http.origin.replace('127.0.0.1', 'localhost')}/sse`, headers: { Authorization: 'Bearer ${FIXTURE_TOKEN}' } },
      crashes: { command: process.execPath, args: [fixture('crash-stdio.mjs'), marker] },
      'junk-stdout': { command: process.execPath, args: [fixture('junk-stdout-stdio.mjs'), marker] },
      'nothing-listens': { type: 'http', url: `http://127.0.0.1:${refusedPort}/mcp` },
      'old-sse': { type: 'sse', url: `${sse.origin}/sse` },
    }));
    original = await readFile(scenario.configFile, 'utf8');
  });
  afterAll(() => scenario?.close());

  it('without --heal says what it would change and writes nothing', async () => {
    const run = await runTaphealAsync(['check', '--config', scenario.configFile, '--json', '--timeout', '3000', '--env-file', scenario.envFile], { home: scenario.home, env: scenario.env });

    expect(run.status, run.stderr).toBe(1);
    const { server, report } = byName(run.stdout);
    expect(server('not-on-path')).toMatchObject({ ok: true, healed: true, written: false, category: 'command_not_found' });
    expect(report.configs[0]).toMatchObject({ written: false, backup: null });
    expect(await readFile(scenario.configFile, 'utf8')).toBe(original);
    expect(await survivors(scenario.marker)).toEqual([]);
  });

  it('with --heal heals the healable ones, writes them, and reports the rest with evidence and a next step', async () => {
    const run = await runTaphealAsync(['check', '--config', scenario.configFile, '--heal', '--json', '--timeout', '3000', '--env-file', scenario.envFile], { home: scenario.home, env: scenario.env });

    expect(run.status, run.stderr).toBe(1);
    const { server, report } = byName(run.stdout);
    expect(report.servers.map((entry) => entry.name)).toEqual(['working', 'not-on-path', 'needs-key', 'wrong-transport', 'crashes', 'junk-stdout', 'nothing-listens', 'old-sse']);
    expect(server('working')).toMatchObject({ ok: true, healed: false, category: null, attempts: [], error: null });
    expect(server('old-sse')).toMatchObject({ ok: true, healed: false });

    expect(server('not-on-path')).toMatchObject({ ok: true, healed: true, written: true, category: 'command_not_found', attempts: [{ category: 'command_not_found', fix: 'resolve_command_path', outcome: 'healed' }] });
    expect(server('needs-key')).toMatchObject({ ok: true, healed: true, written: true, category: 'missing_env_var', attempts: [{ fix: 'set_env_from_user', outcome: 'healed' }] });
    expect(server('wrong-transport')).toMatchObject({ ok: true, healed: true, written: true, category: 'transport_mismatch' });
    expect(server('wrong-transport').attempts.at(-1)).toMatchObject({ outcome: 'healed' });

    expect(server('crashes')).toMatchObject({ ok: false, healed: false, category: 'server_crashed' });
    expect(server('crashes').evidence).toContain("TypeError: Cannot read properties of null (reading 'port')");
    expect(server('crashes').attempts.map((attempt) => attempt.outcome)).toEqual(['same_failure']);
    expect(server('junk-stdout')).toMatchObject({ ok: false, category: 'transport_mismatch', attempts: [{ fix: 'report_only', outcome: 'cannot_fix' }] });
    expect(server('junk-stdout').nextStep).toMatch(/not MCP to stdout/);
    expect(server('nothing-listens')).toMatchObject({ ok: false });
    expect(server('nothing-listens').nextStep).toMatch(/Nothing listens on 127\.0\.0\.1:\d+/);
    for (const entry of report.servers) expect(entry.attempts.length).toBeLessThanOrEqual(3);

    const written = JSON.parse(await readFile(scenario.configFile, 'utf8')) as { mcpServers: Record<string, Record<string, unknown>> };
    expect(written.mcpServers['not-on-path']!.command).toBe(`${scenario.home}/.local/bin/fixture-mcp`);
    expect(written.mcpServers['needs-key']!.env).toEqual({ FOO_API_KEY: expect.stringMatching(/^foo-/) });
    expect(written.mcpServers['wrong-transport']).toMatchObject({ type: 'http', url: expect.stringMatching(/\/mcp$/) });
    expect(written.mcpServers.crashes).toEqual(JSON.parse(original).mcpServers.crashes);
    expect(await readFile(`${scenario.configFile}.bak`, 'utf8')).toBe(original);
    // The key came from the .env file: it is in the config, and never in what was printed.
    const key = (await readFile(scenario.envFile, 'utf8')).match(/FOO_API_KEY=(.*)/)![1]!;
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(run.stdout + run.stderr).not.toContain(scenario.token);
    expect(await survivors(scenario.marker)).toEqual([]);
  });

  it('a second check finds the healed servers working as written', async () => {
    const run = await runTaphealAsync(['check', '--config', scenario.configFile, '--json', '--timeout', '3000'], { home: scenario.home, env: scenario.env });

    const { server } = byName(run.stdout);
    for (const name of ['working', 'not-on-path', 'needs-key', 'wrong-transport', 'old-sse']) {
      expect(server(name), name).toMatchObject({ ok: true, healed: false, attempts: [] });
    }
    expect(server('crashes')).toMatchObject({ ok: false });
    expect(run.status).toBe(1);
  });
});
