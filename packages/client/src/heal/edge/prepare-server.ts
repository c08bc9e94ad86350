/**
 * The server as its client would start it: `${...}` references expanded where the client expands them,
 * a relative `cwd` resolved against the workspace, and VS Code's `envFile` loaded into `env`. The config
 * itself is never changed by this; only what is tested is. Never throws.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { ConfigFormat, McpServerConfig } from '../../config/mcp-server-config.js';
import { parseEnvFile } from '../env-file.js';

export interface PrepareContext {
  format?: ConfigFormat;
  /** The config file the server came from: a relative cwd and envFile are resolved against its workspace. */
  configFile?: string;
  /** The environment references are expanded from. */
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

export interface PreparedServer {
  server: McpServerConfig;
  /** What could not be prepared, one sentence each (a `${input:...}` only VS Code can ask for, an unreadable envFile). */
  notes: string[];
}

export async function prepareServer(server: McpServerConfig, context: PrepareContext): Promise<PreparedServer> {
  const notes: string[] = [];
  const workspace = workspaceOf(context.configFile, context.home);
  const expand = (value: string) => expandReferences(value, context, workspace, notes);
  const prepared: McpServerConfig = { ...server };
  if (server.command !== undefined) prepared.command = expand(server.command);
  if (server.args) prepared.args = server.args.map(expand);
  if (server.url !== undefined) prepared.url = expand(server.url);
  if (server.headers) prepared.headers = Object.fromEntries(Object.entries(server.headers).map(([key, value]) => [key, expand(value)]));
  if (server.cwd !== undefined) {
    const cwd = expand(server.cwd);
    prepared.cwd = isAbsolute(cwd) || workspace === undefined ? cwd : resolve(workspace, cwd);
  }
  let fileEnv: Record<string, string> = {};
  if (server.envFile !== undefined) {
    const path = expand(server.envFile);
    const full = isAbsolute(path) || workspace === undefined ? path : resolve(workspace, path);
    const text = await readFile(full, 'utf8').catch((error: NodeJS.ErrnoException) => {
      notes.push(`the envFile ${full} could not be read (${error.code ?? error.message}); the server was tested without it`);
      return undefined;
    });
    if (text !== undefined) fileEnv = parseEnvFile(text);
  }
  if (server.env || server.envFile !== undefined) {
    prepared.env = { ...fileEnv, ...Object.fromEntries(Object.entries(server.env ?? {}).map(([key, value]) => [key, expand(value)])) };
  }
  return { server: prepared, notes: [...new Set(notes)] };
}

/**
 * The folder a project config belongs to: the parent of `.vscode/` or `.cursor/`, or the folder of a
 * `.mcp.json`. A user-scope file has none (`~/.cursor/mcp.json` is Cursor's global config).
 */
export function workspaceOf(configFile: string | undefined, home?: string): string | undefined {
  if (configFile === undefined) return undefined;
  const dir = dirname(configFile);
  if (basename(dir) === '.vscode' || basename(dir) === '.cursor') return home !== undefined && resolve(dirname(dir)) === resolve(home) ? undefined : dirname(dir);
  return basename(configFile) === '.mcp.json' ? dir : undefined;
}

const REFERENCE = /\$\{([^}]*)\}/g;

function expandReferences(value: string, context: PrepareContext, workspace: string | undefined, notes: string[]): string {
  return value.replace(REFERENCE, (whole, inner: string) => {
    if (inner.startsWith('input:')) {
      notes.push(`${whole} is asked for by VS Code when it starts the server; tapheal tested without it`);
      return whole;
    }
    if (inner === 'userHome') return context.home;
    if (inner === 'workspaceFolder') return workspace ?? whole;
    if (inner === 'pathSeparator' || inner === '/') return '/';
    const env = inner.startsWith('env:') ? inner.slice(4) : context.format === 'claude-code' ? inner : undefined;
    if (env === undefined) return whole;
    const [name, fallback] = splitDefault(env);
    const found = context.env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    notes.push(`${name} is not set in your environment`);
    // The editors put an empty string in place of an unset variable; Claude Code refuses to start the server.
    return context.format === 'vscode' || context.format === 'cursor' ? '' : whole;
  });
}

function splitDefault(reference: string): [string, string | undefined] {
  const at = reference.indexOf(':-');
  return at < 0 ? [reference, undefined] : [reference.slice(0, at), reference.slice(at + 2)];
}
