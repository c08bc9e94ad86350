/**
 * Where each client keeps its MCP config for the current user and project. `clientConfigCandidates`
 * is pure (home, platform, cwd and env come in as arguments); `findClientConfigs` checks which exist.
 *
 * - Claude Desktop: macOS `~/Library/Application Support/Claude/claude_desktop_config.json`, Windows
 *   `%APPDATA%\Claude\claude_desktop_config.json`, Linux (community builds) `$XDG_CONFIG_HOME/Claude/...`.
 * - Claude Code: `~/.claude.json` (user scope, and local scope under `projects[cwd]`), `<cwd>/.mcp.json` (project scope).
 * - Cursor: `~/.cursor/mcp.json` (global), `<cwd>/.cursor/mcp.json` (project).
 * - VS Code: `<cwd>/.vscode/mcp.json` (workspace) and `mcp.json` in the user profile folder
 *   (`Code/User`, and `Code - Insiders/User`, under Application Support, %APPDATA% or $XDG_CONFIG_HOME).
 */
import { posix, win32 } from 'node:path';
import { nodeConfigFs, type ConfigFs } from './config-fs.js';
import type { ConfigFormat } from './mcp-server-config.js';

export interface ConfigCandidate {
  /** The client, which is also the file's format. */
  client: ConfigFormat;
  scope: 'user' | 'project';
  path: string;
  /** For Claude Code's `~/.claude.json`: the project whose local-scope servers to read as well. */
  projectDir?: string;
}

export interface ConfigSearch {
  home: string;
  platform: NodeJS.Platform;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function clientConfigCandidates({ home, platform, cwd, env }: ConfigSearch): ConfigCandidate[] {
  const path = platform === 'win32' ? win32 : posix;
  const appData = platform === 'darwin'
    ? path.join(home, 'Library', 'Application Support')
    : platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : (env.XDG_CONFIG_HOME || path.join(home, '.config'));
  const candidates: ConfigCandidate[] = [
    { client: 'claude-desktop', scope: 'user', path: path.join(appData, 'Claude', 'claude_desktop_config.json') },
    { client: 'claude-code', scope: 'user', path: path.join(home, '.claude.json'), projectDir: cwd },
    { client: 'claude-code', scope: 'project', path: path.join(cwd, '.mcp.json') },
    { client: 'cursor', scope: 'user', path: path.join(home, '.cursor', 'mcp.json') },
    { client: 'cursor', scope: 'project', path: path.join(cwd, '.cursor', 'mcp.json') },
    { client: 'vscode', scope: 'user', path: path.join(appData, 'Code', 'User', 'mcp.json') },
    { client: 'vscode', scope: 'user', path: path.join(appData, 'Code - Insiders', 'User', 'mcp.json') },
    { client: 'vscode', scope: 'project', path: path.join(cwd, '.vscode', 'mcp.json') },
  ];
  // In the home directory a project file is the user file; list it once.
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.path) && seen.add(candidate.path));
}

export interface FoundConfigs {
  /** The candidates that exist, in the order above. */
  found: ConfigCandidate[];
  /** Every candidate looked at, so `tapheal check` can say where it looked. */
  searched: ConfigCandidate[];
}

export async function findClientConfigs(search: ConfigSearch, fs: ConfigFs = nodeConfigFs): Promise<FoundConfigs> {
  const searched = clientConfigCandidates(search);
  const exists = await Promise.all(searched.map((candidate) => fs.exists(candidate.path)));
  return { found: searched.filter((_, index) => exists[index]), searched };
}
