/** Reading each client's config format into the normalised server model. */
import { describe, expect, it } from 'vitest';
import type { ConfigFile, ServerEntry } from '../../../packages/client/src/config/mcp-server-config.js';
import { parseConfig } from '../../../packages/client/src/config/parse-config.js';
import { CONFIG_FIXTURES, readFixture, type FixtureName } from './fixtures.js';

function parseFixture(name: FixtureName, projectDir?: string): ConfigFile {
  const parsed = parseConfig(readFixture(name), { file: CONFIG_FIXTURES[name].file, ...(projectDir ? { projectDir } : {}) });
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.value;
}

const byName = (config: ConfigFile): Record<string, ServerEntry> =>
  Object.fromEntries(config.servers.map((entry) => [entry.path.join('/'), entry]));

describe('parseConfig on real-world files', () => {
  it('reads Claude Desktop stdio servers, with inline and multi-line args and env', () => {
    const config = parseFixture('claudeDesktop');
    expect(config).toMatchObject({ format: 'claude-desktop', detectedBy: 'name', invalid: [], inputs: [] });
    expect(config.servers.map((entry) => entry.server)).toEqual([
      { name: 'filesystem', transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/ana/Desktop', '/Users/ana/Downloads'] },
      { name: 'github', transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '<YOUR_TOKEN>' } },
      { name: 'weather', transport: 'stdio', command: 'uv', args: ['--directory', '/Users/ana/src/weather', 'run', 'weather.py'] },
    ]);
    expect(config.servers[1]!.path).toEqual(['mcpServers', 'github']);
  });

  it('reads Cursor url entries as streamable HTTP, or SSE when the path ends in /sse', () => {
    const servers = byName(parseFixture('cursor'));
    expect(servers['mcpServers/context7']!.server).toEqual({
      name: 'context7',
      transport: 'http',
      url: 'https://mcp.context7.com/mcp',
      headers: { CONTEXT7_API_KEY: '${env:CONTEXT7_API_KEY}' },
    });
    expect(servers['mcpServers/context7']!.references).toEqual([{ kind: 'env', name: 'CONTEXT7_API_KEY', field: 'headers.CONTEXT7_API_KEY' }]);
    expect(servers['mcpServers/legacy-sse']!.server).toMatchObject({ transport: 'sse', url: 'http://localhost:8000/sse' });
    expect(servers['mcpServers/playwright']!.server).toEqual({ name: 'playwright', transport: 'stdio', command: 'npx', args: ['@playwright/mcp@latest'], env: {} });
  });

  it('reads Claude Code types, ${VAR} references, numbers in env and the per-server timeout', () => {
    const config = parseFixture('claudeCodeProject');
    const servers = byName(config);
    expect(config.format).toBe('claude-code');
    expect(servers['mcpServers/sentry']!.server).toEqual({ name: 'sentry', transport: 'http', url: 'https://mcp.sentry.dev/mcp' });
    expect(servers['mcpServers/asana']!.server.transport).toBe('sse');
    expect(servers['mcpServers/asana']!.references).toEqual([{ kind: 'env', name: 'ASANA_TOKEN', field: 'headers.Authorization' }]);
    expect(servers['mcpServers/airtable']!.server).toEqual({
      name: 'airtable',
      transport: 'stdio',
      command: 'npx',
      args: ['-y', 'airtable-mcp-server'],
      env: { AIRTABLE_API_KEY: '${AIRTABLE_API_KEY:-}', PORT: '3000' },
      timeoutMs: 120000,
    });
    expect(servers['mcpServers/airtable']!.references).toEqual([{ kind: 'env', name: 'AIRTABLE_API_KEY', field: 'env.AIRTABLE_API_KEY' }]);
  });

  it("reads ~/.claude.json's user servers and the local servers of the current project only", () => {
    const config = parseFixture('claudeCodeUser', '/home/ana/src/app');
    expect(config.servers.map((entry) => entry.path)).toEqual([
      ['mcpServers', 'memory'],
      ['projects', '/home/ana/src/app', 'mcpServers', 'postgres'],
    ]);
    expect(parseFixture('claudeCodeUser').servers.map((entry) => entry.server.name)).toEqual(['memory']);
  });

  it('reads VS Code JSONC: comments, trailing commas, inputs, envFile, null env values and references', () => {
    const config = parseFixture('vscode');
    const servers = byName(config);
    expect(config).toMatchObject({ format: 'vscode', jsonc: { comments: true, trailingCommas: true }, invalid: [] });
    expect(config.inputs).toEqual([{ id: 'perplexity-key', type: 'promptString', description: 'Perplexity API Key', password: true }]);
    const perplexity = servers['servers/perplexity']!;
    expect(perplexity.server).toEqual({
      name: 'perplexity',
      transport: 'stdio',
      command: 'docker',
      args: ['run', '-i', '--rm', '-e', 'PERPLEXITY_API_KEY', 'mcp/perplexity-ask'],
      env: { PERPLEXITY_API_KEY: '${input:perplexity-key}', LOG_DIR: '${workspaceFolder}/logs' },
      envFile: '${workspaceFolder}/.env',
    });
    expect(perplexity.references).toEqual([
      { kind: 'input', name: 'perplexity-key', field: 'env.PERPLEXITY_API_KEY' },
      { kind: 'variable', name: 'workspaceFolder', field: 'env.LOG_DIR' },
      { kind: 'variable', name: 'workspaceFolder', field: 'envFile' },
    ]);
    expect(perplexity.notes).toEqual(['env.UNSET_ME is null and is left out']);
    expect(servers['servers/github']!.server).toMatchObject({ transport: 'http', headers: { Authorization: 'Bearer ${env:GITHUB_TOKEN}' } });
  });
});

describe('parseConfig on variants and mistakes', () => {
  const entries: Array<[string, string, unknown, { transport?: string; invalid?: RegExp; notes?: string[] }]> = [
    ['a type alias for streamable HTTP', 'x.json', { type: 'streamable-http', url: 'https://h/mcp' }, { transport: 'http' }],
    ['an /sse/ url with a query', 'x.json', { url: 'https://h/sse/?key=1' }, { transport: 'sse' }],
    ['a Claude Code url entry without type', '.mcp.json', { url: 'https://h/mcp' }, { transport: 'http', notes: ['Claude Code expects "type" ("http" or "sse") on an entry with a "url"'] }],
    ['both command and url', 'x.json', { command: 'srv', url: 'https://h/mcp' }, { transport: 'stdio', notes: ['the entry has both "command" and "url"; it is read as stdio'] }],
    ['an unknown type', 'x.json', { type: 'websocket', url: 'ws://h' }, { invalid: /unknown "type" "websocket"/ }],
    ['neither command nor url', 'x.json', { args: [] }, { invalid: /neither a "command" nor a "url"/ }],
    ['a stdio type without command', 'x.json', { type: 'stdio', args: ['a'] }, { invalid: /needs a "command"/ }],
    ['an http type without url', 'x.json', { type: 'http', command: 'x' }, { invalid: /needs a "url"/ }],
    ['args that are not a list', 'x.json', { command: 'x', args: '-y pkg' }, { invalid: /"args" is not a list/ }],
    ['an env value that is an object', 'x.json', { command: 'x', env: { A: { b: 1 } } }, { invalid: /"env.A" is not a string/ }],
    ['a command that is not a string', 'x.json', { command: ['npx'] }, { invalid: /"command" is not a string/ }],
    ['an entry that is not an object', 'x.json', 'npx server', { invalid: /not an object/ }],
  ];
  it.each(entries)('handles %s', (_name, file, entry, expected) => {
    const parsed = parseConfig(JSON.stringify({ mcpServers: { s: entry } }), { file });
    if (!parsed.ok) throw new Error(parsed.detail);
    if (expected.invalid) {
      expect(parsed.value.servers).toEqual([]);
      expect(parsed.value.invalid).toEqual([{ name: 's', path: ['mcpServers', 's'], reason: expect.stringMatching(expected.invalid) }]);
    } else {
      expect(parsed.value.invalid).toEqual([]);
      expect(parsed.value.servers[0]!.server.transport).toBe(expected.transport);
      expect(parsed.value.servers[0]!.notes).toEqual(expected.notes ?? []);
    }
  });

  const formats: Array<[string, string, string, string, string]> = [
    ['Cursor by its folder', 'C:\\Users\\ana\\.cursor\\mcp.json', '{"mcpServers": {}}', 'cursor', 'name'],
    ['VS Code by its user folder', '/home/ana/.config/Code/User/mcp.json', '{"servers": {}}', 'vscode', 'name'],
    ['VS Code by shape', '/tmp/some.json', '{"servers": {}}', 'vscode', 'shape'],
    ['Claude Code by shape (typed entries)', '/tmp/some.json', '{"mcpServers": {"a": {"type": "http", "url": "u"}}}', 'claude-code', 'shape'],
    ['Claude Desktop by shape (the generic mcpServers file)', '/tmp/some.json', '{"mcpServers": {"a": {"command": "x"}}}', 'claude-desktop', 'shape'],
  ];
  it.each(formats)('detects %s', (_name, file, text, format, detectedBy) => {
    expect(parseConfig(text, { file })).toMatchObject({ ok: true, value: { format, detectedBy } });
  });

  it('takes the format from the caller over the name', () => {
    expect(parseConfig('{"servers": {}}', { file: '/x/.mcp.json', format: 'vscode' })).toMatchObject({ ok: true, value: { format: 'vscode', detectedBy: 'option' } });
  });

  const refusals: Array<[string, string, string, string]> = [
    ['invalid JSON, naming the file and position', 'bad.json', '{"mcpServers": {', 'invalid_json'],
    ['a JSON file of another kind', 'package.json', '{"name": "x"}', 'unknown_format'],
    ['a known name whose content is not an object', '.mcp.json', '[1, 2]', 'unknown_format'],
  ];
  it.each(refusals)('refuses %s', (_name, file, text, reason) => {
    const parsed = parseConfig(text, { file });
    expect(parsed).toMatchObject({ ok: false, reason, detail: expect.stringContaining(file) });
  });
});
