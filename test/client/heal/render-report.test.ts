/** What `tapheal check` prints, from hand-built outcomes: the JSON DESIGN.md specifies, the text a person reads, the exit verdict. */
import { describe, expect, it } from 'vitest';
import { checkSucceeded, renderJson, renderText, type AttemptRecord, type ConfigOutcome, type ServerOutcome } from '@tapheal/client';

const FILE = '/home/ana/.config/Claude/claude_desktop_config.json';

function outcome(extra: Partial<ServerOutcome> & Pick<ServerOutcome, 'name'>): ServerOutcome {
  return {
    ok: true,
    healed: false,
    category: null,
    attempts: [],
    error: null,
    evidence: null,
    nextStep: null,
    stopReason: null,
    server: { name: extra.name, transport: 'stdio', command: 'npx', args: ['-y', `server-${extra.name}`] },
    changes: [],
    tools: [],
    firstFailure: null,
    firstDiagnosis: null,
    notes: [],
    durationMs: 120,
    ...extra,
  };
}

const pathFix: AttemptRecord = {
  category: 'command_not_found',
  ruleId: 'command_not_found.spawn_enoent',
  fix: 'resolve_command_path',
  outcome: 'healed',
  changes: [{ field: 'command', description: 'use the absolute path /opt/homebrew/bin/npx' }],
  evidence: 'spawn npx ENOENT',
};

const working = outcome({ name: 'time', tools: ['get_time', 'convert_time'] });
const healed = outcome({
  name: 'github',
  healed: true,
  category: 'command_not_found',
  attempts: [pathFix],
  evidence: 'spawn npx ENOENT',
  changes: pathFix.changes,
  tools: ['search_repositories'],
});
const failing = outcome({
  name: 'brave',
  ok: false,
  category: 'missing_env_var',
  attempts: [{ category: 'missing_env_var', ruleId: 'missing_env_var.env_var_unset', fix: 'set_env_from_user', outcome: 'cannot_fix', changes: [], evidence: 'Error: BRAVE_API_KEY environment variable is required' }],
  error: 'MCP error -32000: Connection closed',
  evidence: 'Error: BRAVE_API_KEY environment variable is required',
  nextStep: 'Set BRAVE_API_KEY and run tapheal check again.',
  stopReason: 'cannot_fix',
  notes: ['BRAVE_API_KEY is not set in your environment'],
});

function config(servers: ServerOutcome[], extra: Partial<ConfigOutcome> = {}): ConfigOutcome {
  return { file: FILE, format: 'claude-desktop', servers, invalid: [], changed: servers.filter((server) => server.healed).map((server) => server.name), written: null, writeError: null, ...extra };
}
const written = (changed: string[]): ConfigOutcome['written'] => ({ written: true, file: FILE, backup: `${FILE}.bak`, changed });

describe('renderJson', () => {
  const parse = (configs: ConfigOutcome[]) => JSON.parse(renderJson(configs)) as { servers: Array<Record<string, unknown>>; configs: Array<Record<string, unknown>> };

  it('prints one line of JSON', () => {
    const text = renderJson([config([working, failing])]);

    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd()).not.toContain('\n');
  });

  it("gives each server DESIGN.md's fields, then the extra ones, and nothing else", () => {
    const { servers } = parse([config([working, healed, failing])]);

    for (const server of servers) {
      expect(Object.keys(server)).toEqual(['name', 'ok', 'healed', 'category', 'attempts', 'error', 'config', 'written', 'evidence', 'nextStep', 'changes', 'tools', 'notes', 'durationMs']);
    }
  });

  it('gives each attempt exactly category, ruleId, fix and outcome', () => {
    const { servers } = parse([config([healed, failing])]);

    expect(servers.map((server) => server.attempts)).toEqual([
      [{ category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', fix: 'resolve_command_path', outcome: 'healed' }],
      [{ category: 'missing_env_var', ruleId: 'missing_env_var.env_var_unset', fix: 'set_env_from_user', outcome: 'cannot_fix' }],
    ]);
  });

  it('carries the values of each server', () => {
    const { servers } = parse([config([working, failing])]);

    expect(servers[0]).toMatchObject({ name: 'time', ok: true, healed: false, category: null, attempts: [], error: null, tools: ['get_time', 'convert_time'], config: FILE, written: false });
    expect(servers[1]).toMatchObject({
      name: 'brave',
      ok: false,
      healed: false,
      category: 'missing_env_var',
      error: 'MCP error -32000: Connection closed',
      evidence: 'Error: BRAVE_API_KEY environment variable is required',
      nextStep: 'Set BRAVE_API_KEY and run tapheal check again.',
      notes: ['BRAVE_API_KEY is not set in your environment'],
    });
  });

  it('marks a healed server written only when the file was written with it', () => {
    expect(parse([config([healed])]).servers[0]!.written).toBe(false);
    expect(parse([config([healed], { written: written(['github']) })]).servers[0]!.written).toBe(true);
  });

  it('describes each config file: changed servers, backup, write error and skipped entries', () => {
    const outcomeWritten = config([healed], { written: written(['github']), invalid: [{ name: 'broken', path: ['mcpServers', 'broken'], reason: 'has neither command nor url' }] });
    const outcomeFailedWrite = config([healed], { writeError: 'write_failed: EACCES' });

    const { configs } = parse([outcomeWritten, outcomeFailedWrite]);

    expect(configs).toEqual([
      { file: FILE, format: 'claude-desktop', changed: ['github'], written: true, backup: `${FILE}.bak`, writeError: null, invalid: [{ name: 'broken', reason: 'has neither command nor url' }] },
      { file: FILE, format: 'claude-desktop', changed: ['github'], written: false, backup: null, writeError: 'write_failed: EACCES', invalid: [] },
    ]);
  });
});

describe('renderText', () => {
  it('shows a working server with its tools', () => {
    const text = renderText([config([working])], { heal: false });

    expect(text).toContain('[ok]');
    expect(text).toContain('works: 2 tools (get_time, convert_time)');
    expect(text).toMatch(/1 of 1 servers work\.\n$/);
  });

  it('shows a failing server with its category, what was tried, the evidence, the next step and the notes', () => {
    const text = renderText([config([failing])], { heal: false });

    expect(text).toContain('[FAILING] brave  missing_env_var');
    expect(text).toContain('evidence: Error: BRAVE_API_KEY environment variable is required');
    expect(text).toContain('1. set_env_from_user -> no automatic fix');
    expect(text).toContain('next:     Set BRAVE_API_KEY and run tapheal check again.');
    expect(text).toContain('note:     BRAVE_API_KEY is not set in your environment');
    expect(text).toMatch(/0 of 1 servers work; 1 needs attention\.\n$/);
  });

  it('without --heal, shows a fixable server, what would be written, and to run with --heal', () => {
    const text = renderText([config([healed])], { heal: false });

    expect(text).toContain('[FIXABLE] github  command_not_found, works after one fix');
    expect(text).toContain('evidence: spawn npx ENOENT');
    expect(text).toContain('1. resolve_command_path -> works: use the absolute path /opt/homebrew/bin/npx');
    expect(text).toContain('would write: command (run with --heal to write it)');
    expect(text).toContain(`tapheal check --heal would write github into ${FILE} (saving the original as ${FILE}.bak).`);
  });

  it('with --heal and the file written, shows the server healed and where the original is', () => {
    const text = renderText([config([healed], { written: written(['github']) })], { heal: true });

    expect(text).toContain('[HEALED] github');
    expect(text).toContain('wrote:    command');
    expect(text).not.toContain('run with --heal');
    expect(text).toContain(`Wrote ${FILE} (github); the original is saved as ${FILE}.bak.`);
    expect(text).toMatch(/1 of 1 servers work\.\n$/);
  });

  it('with --heal and a failed write, says nothing was written and the server still needs attention', () => {
    const text = renderText([config([healed], { writeError: 'write_failed: EACCES' })], { heal: true });

    expect(text).toContain('[FIXABLE] github');
    expect(text).toContain('could not write: command');
    expect(text).toContain(`Nothing was written: write_failed: EACCES. ${FILE} is as it was.`);
    expect(text).toMatch(/0 of 1 servers work; 1 needs attention\.\n$/);
  });

  it('counts servers across config files and lists skipped entries', () => {
    const other = { ...config([failing]), file: '/home/ana/proj/.mcp.json', format: 'claude-code' as const, invalid: [{ name: 'broken', path: ['mcpServers', 'broken'], reason: 'has neither command nor url' }] };

    const text = renderText([config([working]), other], { heal: false });

    expect(text).toContain(`${FILE} (claude-desktop): 1 server`);
    expect(text).toContain('/home/ana/proj/.mcp.json (claude-code): 1 server');
    expect(text).toContain('[skipped] broken: has neither command nor url');
    expect(text).toMatch(/1 of 2 servers work; 1 needs attention\.\n$/);
  });
});

describe('checkSucceeded', () => {
  it('is true when every server works as its file stands', () => {
    expect(checkSucceeded([config([working]), config([healed], { written: written(['github']) })])).toBe(true);
  });

  it('is false when a server fails', () => {
    expect(checkSucceeded([config([working, failing])])).toBe(false);
  });

  it('is false when a healed server was not written', () => {
    expect(checkSucceeded([config([healed])])).toBe(false);
    expect(checkSucceeded([config([healed], { written: written(['another']) })])).toBe(false);
  });

  it('is true when there is nothing to check', () => {
    expect(checkSucceeded([])).toBe(true);
    expect(checkSucceeded([config([])])).toBe(true);
  });
});
