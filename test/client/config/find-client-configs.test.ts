/** Where each client keeps its config, per platform, and which of those exist. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientConfigCandidates, findClientConfigs, type ConfigSearch } from '../../../packages/client/src/config/find-client-configs.js';
import { makeTempDir } from '../../helpers/packs.js';

const pathsOf = (search: ConfigSearch): string[] => clientConfigCandidates(search).map((c) => `${c.client} ${c.scope} ${c.path}`);

describe('clientConfigCandidates', () => {
  it('lists the macOS locations', () => {
    expect(pathsOf({ home: '/Users/ana', platform: 'darwin', cwd: '/Users/ana/src/app', env: {} })).toEqual([
      'claude-desktop user /Users/ana/Library/Application Support/Claude/claude_desktop_config.json',
      'claude-code user /Users/ana/.claude.json',
      'claude-code project /Users/ana/src/app/.mcp.json',
      'cursor user /Users/ana/.cursor/mcp.json',
      'cursor project /Users/ana/src/app/.cursor/mcp.json',
      'vscode user /Users/ana/Library/Application Support/Code/User/mcp.json',
      'vscode user /Users/ana/Library/Application Support/Code - Insiders/User/mcp.json',
      'vscode project /Users/ana/src/app/.vscode/mcp.json',
    ]);
  });

  it('lists the Windows locations under %APPDATA% with backslashes', () => {
    expect(pathsOf({ home: 'C:\\Users\\ana', platform: 'win32', cwd: 'D:\\work', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' } })).toEqual([
      'claude-desktop user C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
      'claude-code user C:\\Users\\ana\\.claude.json',
      'claude-code project D:\\work\\.mcp.json',
      'cursor user C:\\Users\\ana\\.cursor\\mcp.json',
      'cursor project D:\\work\\.cursor\\mcp.json',
      'vscode user C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\mcp.json',
      'vscode user C:\\Users\\ana\\AppData\\Roaming\\Code - Insiders\\User\\mcp.json',
      'vscode project D:\\work\\.vscode\\mcp.json',
    ]);
  });

  it('falls back to AppData\\Roaming on Windows when APPDATA is unset', () => {
    expect(pathsOf({ home: 'C:\\Users\\ana', platform: 'win32', cwd: 'D:\\work', env: {} })[0]).toBe(
      'claude-desktop user C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
  });

  const linux: Array<[string, Record<string, string>, string]> = [
    ['~/.config by default', {}, '/home/ana/.config'],
    ['$XDG_CONFIG_HOME when set', { XDG_CONFIG_HOME: '/xdg' }, '/xdg'],
    ['~/.config when $XDG_CONFIG_HOME is empty', { XDG_CONFIG_HOME: '' }, '/home/ana/.config'],
  ];
  it.each(linux)('uses %s on Linux for Claude Desktop and VS Code', (_name, env, base) => {
    const paths = pathsOf({ home: '/home/ana', platform: 'linux', cwd: '/srv/app', env });
    expect(paths).toContain(`claude-desktop user ${base}/Claude/claude_desktop_config.json`);
    expect(paths).toContain(`vscode user ${base}/Code/User/mcp.json`);
  });

  it('asks for the current project’s local servers in ~/.claude.json', () => {
    const claudeJson = clientConfigCandidates({ home: '/home/ana', platform: 'linux', cwd: '/srv/app', env: {} }).find((c) => c.path.endsWith('.claude.json'));
    expect(claudeJson).toEqual({ client: 'claude-code', scope: 'user', path: '/home/ana/.claude.json', projectDir: '/srv/app' });
  });

  it('lists a file once when the project is the home directory', () => {
    const paths = pathsOf({ home: '/home/ana', platform: 'linux', cwd: '/home/ana', env: {} });
    expect(paths.filter((path) => path.endsWith('/home/ana/.cursor/mcp.json'))).toEqual(['cursor user /home/ana/.cursor/mcp.json']);
    expect(new Set(paths.map((path) => path.split(' ')[2])).size).toBe(paths.length);
  });
});

describe('findClientConfigs', () => {
  it('finds the configs that exist and says where it looked', async () => {
    const home = makeTempDir('tapheal-home-');
    const cwd = join(home, 'src', 'app');
    for (const file of [join(home, '.cursor', 'mcp.json'), join(cwd, '.vscode', 'mcp.json'), join(home, '.config', 'Claude', 'claude_desktop_config.json')]) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, '{}');
    }
    const { found, searched } = await findClientConfigs({ home, platform: 'linux', cwd, env: {} });
    expect(found.map((c) => `${c.client} ${c.scope}`)).toEqual(['claude-desktop user', 'cursor user', 'vscode project']);
    expect(searched).toHaveLength(8);
  });

  it('finds nothing in an empty home', async () => {
    const home = makeTempDir('tapheal-home-');
    expect((await findClientConfigs({ home, platform: 'darwin', cwd: home, env: {} })).found).toEqual([]);
  });
});
