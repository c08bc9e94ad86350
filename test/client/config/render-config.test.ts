/**
 * Writing a changed server back into each fixture: the new text differs from the original only inside
 * the changed entry, and reads back as the server that was written.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigFile, McpServerConfig, ServerEntry } from '../../../packages/client/src/config/mcp-server-config.js';
import { parseConfig } from '../../../packages/client/src/config/parse-config.js';
import { renderConfig } from '../../../packages/client/src/config/render-config.js';
import { CONFIG_FIXTURES, readFixture, type FixtureName } from './fixtures.js';

function load(name: FixtureName, projectDir?: string): ConfigFile {
  const parsed = parseConfig(readFixture(name), { file: CONFIG_FIXTURES[name].file, ...(projectDir ? { projectDir } : {}) });
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.value;
}

const entry = (config: ConfigFile, name: string): ServerEntry => config.servers.find((candidate) => candidate.server.name === name)!;

function render(config: ConfigFile, name: string, change: (server: McpServerConfig) => McpServerConfig): string {
  const found = entry(config, name);
  const rendered = renderConfig(config, [{ path: found.path, server: change(structuredClone(found.server)) }]);
  if (!rendered.ok) throw new Error(rendered.detail);
  return rendered.value.text;
}

/** The text outside the first differing span: what stayed the same before and after it. */
function diffWindow(before: string, after: string): { prefix: string; removed: string; added: string } {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end += 1;
  return { prefix: before.slice(0, start), removed: before.slice(start, before.length - end), added: after.slice(start, after.length - end) };
}

describe('renderConfig round trips', () => {
  it('gives back the exact text when nothing changed, for every fixture', () => {
    for (const name of Object.keys(CONFIG_FIXTURES) as FixtureName[]) {
      const config = load(name, '/home/ana/src/app');
      const rendered = renderConfig(config, config.servers);
      expect(rendered, name).toEqual({ ok: true, value: { text: config.text, changed: [] } });
    }
  });

  it('Claude Desktop (2 spaces): an absolute command path changes one value, nothing else', () => {
    const config = load('claudeDesktop');
    const text = render(config, 'github', (server) => ({ ...server, command: '/opt/homebrew/bin/npx' }));
    expect(text).toBe(config.text.replace('"command": "npx",\n      "args": [\n', '"command": "/opt/homebrew/bin/npx",\n      "args": [\n'));
    expect(text).toContain('"x-notes": "added by mcp-tap"');
    expect(text).toContain('"globalShortcut": "Alt+Space"');
  });

  it('Claude Desktop: a new env variable is added in the entry, two-space indented', () => {
    const config = load('claudeDesktop');
    const text = render(config, 'weather', (server) => ({ ...server, env: { WEATHER_API_KEY: 'k' } }));
    const diff = diffWindow(config.text, text);
    expect(diff.removed).toBe('');
    expect(diff.added).toBe(',\n      "env": {\n        "WEATHER_API_KEY": "k"\n      }');
  });

  it('Cursor (4 spaces, no final newline): switching to SSE writes "type" and keeps the missing newline', () => {
    const config = load('cursor');
    const text = render(config, 'context7', (server) => ({ ...server, transport: 'sse', url: 'https://mcp.context7.com/sse' }));
    expect(text.endsWith('}')).toBe(true);
    const diff = diffWindow(config.text, text);
    expect(diff).toMatchObject({ removed: 'mcp', added: 'sse' });
    expect(parseConfig(text, { file: config.file })).toMatchObject({ ok: true });
    const switched = render(config, 'context7', (server) => ({ ...server, transport: 'sse' }));
    expect(diffWindow(config.text, switched).added).toBe(',\n            "type": "sse"');
  });

  it('Claude Code (tabs, CRLF): an added env variable keeps tabs, CRLF, the number 3000 and the timeout', () => {
    const config = load('claudeCodeProject');
    const text = render(config, 'airtable', (server) => ({ ...server, env: { ...server.env, DEBUG: '1' } }));
    expect(diffWindow(config.text, text)).toMatchObject({ removed: '', added: ',\r\n\t\t\t\t"DEBUG": "1"' });
    expect(text).toContain('"PORT": 3000');
  });

  it('Claude Code: a longer timeout is recorded in its "timeout" field', () => {
    const config = load('claudeCodeProject');
    const text = render(config, 'airtable', (server) => ({ ...server, timeoutMs: 300000 }));
    expect(diffWindow(config.text, text)).toMatchObject({ removed: '12', added: '30' });
  });

  it('Claude Code: a url entry without "type" gets one when it is written', () => {
    const config = parseConfig('{\n  "mcpServers": {\n    "a": {\n      "url": "https://h/mcp"\n    }\n  }\n}\n', { file: '/p/.mcp.json' });
    if (!config.ok) throw new Error(config.detail);
    const rendered = renderConfig(config.value, [{ path: ['mcpServers', 'a'], server: { name: 'a', transport: 'http', url: 'https://h/v2/mcp' } }]);
    expect(rendered.ok && rendered.value.text).toBe('{\n  "mcpServers": {\n    "a": {\n      "url": "https://h/v2/mcp",\n      "type": "http"\n    }\n  }\n}\n');
  });

  it("~/.claude.json: a project's local server is written in place; the rest of the file is untouched", () => {
    const config = load('claudeCodeUser', '/home/ana/src/app');
    const text = render(config, 'postgres', (server) => ({ ...server, command: '/usr/local/bin/npx' }));
    expect(diffWindow(config.text, text)).toMatchObject({ removed: '', added: '/usr/local/bin/' });
  });

  it('VS Code (JSONC, tabs): comments, trailing commas, inputs, null env values and references survive a change', () => {
    const config = load('vscode');
    const text = render(config, 'perplexity', (server) => ({ ...server, command: '/usr/local/bin/docker', env: { ...server.env, EXTRA: 'x' } }));
    const untouched = config.text.replace('"command": "docker"', '"command": "/usr/local/bin/docker"').replace('"UNSET_ME": null,', '"UNSET_ME": null,\n\t\t\t\t"EXTRA": "x",');
    expect(text).toBe(untouched);
    for (const kept of ['// never written resolved', '/* A local server started through Docker. */', '${input:perplexity-key}', '"dev": { "watch": "src/**/*.ts" }']) {
      expect(text).toContain(kept);
    }
  });

  it('only the changed server is reported as changed', () => {
    const config = load('claudeDesktop');
    const updates = config.servers.map((found) => (found.server.name === 'weather' ? { ...found, server: { ...found.server, command: '/usr/bin/uv' } } : found));
    expect(renderConfig(config, updates)).toMatchObject({ ok: true, value: { changed: ['weather'] } });
  });
});

describe('renderConfig refusals', () => {
  const config = load('claudeDesktop');
  const github = entry(config, 'github');
  const cases: Array<[string, Parameters<typeof renderConfig>[1], string]> = [
    ['an entry that is not in the file', [{ path: ['mcpServers', 'nope'], server: github.server }], 'unknown_entry'],
    ['a stdio server without a command', [{ path: github.path, server: { name: 'github', transport: 'stdio' } }], 'invalid_server'],
    ['an http server without a url', [{ path: github.path, server: { name: 'github', transport: 'http' } }], 'invalid_server'],
    ['a timeout where the format has none', [{ path: github.path, server: { ...github.server, timeoutMs: 60000 } }], 'unsupported_field'],
    ['a server that would not read back as written (http, but a command left in)', [{ path: github.path, server: { ...github.server, transport: 'http', url: 'https://h/mcp' } }], 'render_mismatch'],
  ];
  it.each(cases)('refuses %s', (_name, updates, reason) => {
    expect(renderConfig(config, updates)).toMatchObject({ ok: false, reason });
  });
});
