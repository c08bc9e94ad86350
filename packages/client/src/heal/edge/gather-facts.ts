/**
 * The edge of the heal loop: reads what a fixer needs from the machine (files, the login shell,
 * endpoints, the person at a prompt) so the fixer itself stays pure. Only what the diagnosis's fix
 * kind needs is gathered. Never throws: what cannot be read is simply not a fact.
 */
import { constants } from 'node:fs';
import { access, readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, posix, win32 } from 'node:path';
import type { ConfigFormat, McpServerConfig } from '../../config/mcp-server-config.js';
import { commandSearchDirs, nodeRuntimeRoots, sortRuntimes } from '../command-search-dirs.js';
import type { FailureDiagnosis } from '../diagnose.js';
import { parseEnvFile } from '../env-file.js';
import { emptyFacts, type MachineFacts, type NodeRuntime } from '../machine-facts.js';
import { endpointVariants } from '../url-variants.js';
import { isPlaceholder, wantedVariables } from '../wanted-variables.js';
import { readLoginShellPath } from './login-shell-path.js';
import { isPortListening, probeEndpoint } from './probe-endpoint.js';

/** Asks the person for a variable's value with hidden input; undefined when they give none. */
export type PromptSecret = (name: string, why: string) => Promise<string | undefined>;

export interface FactSources {
  platform: NodeJS.Platform;
  home: string;
  /** The person's own environment (the terminal's), where variables and SHELL are looked up. */
  env: Readonly<Record<string, string | undefined>>;
  /** .env files the person pointed to (`--env-file`), read in order. */
  envFiles: readonly string[];
  /** Present only on a terminal, when prompting is allowed. */
  prompt?: PromptSecret;
  /** The login shell's PATH; read once per run and shared (see memoise). */
  loginPath: () => Promise<string[]>;
}

export function memoise<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= read());
}

export function defaultLoginPath(env: Readonly<Record<string, string | undefined>>): () => Promise<string[]> {
  return memoise(() => readLoginShellPath(env));
}

export async function gatherFacts(server: McpServerConfig, diagnosis: FailureDiagnosis, format: ConfigFormat | undefined, sources: FactSources): Promise<MachineFacts> {
  const facts = emptyFacts(sources.platform, sources.home);
  switch (diagnosis.fix) {
    case 'resolve_command_path':
    case 'use_compatible_runtime': {
      facts.nodeRuntimes = await readNodeRuntimes(sources);
      if (diagnosis.fix === 'use_compatible_runtime' || !server.command) break;
      facts.loginPath = await sources.loginPath();
      const name = (sources.platform === 'win32' ? win32 : posix).basename(server.command);
      const dirs = commandSearchDirs({ ...sources, loginPath: facts.loginPath, nodeRuntimes: facts.nodeRuntimes });
      facts.commands[name] = await findExecutable(name, dirs, sources.platform);
      break;
    }
    case 'set_env_from_user':
      await findVariables(wantedVariables(server, diagnosis.evidence, diagnosis.category, format), server, facts, sources);
      break;
    case 'switch_transport':
    case 'try_alternate_url':
      if (server.transport !== 'stdio' && server.url) {
        const variants = endpointVariants({ transport: server.transport, url: server.url });
        [facts.endpoints, facts.portListening] = await Promise.all([
          Promise.all(variants.map((variant) => probeEndpoint(variant, server.headers))),
          isPortListening(server.url),
        ]);
      }
      break;
    default:
      break;
  }
  return facts;
}

async function findVariables(names: readonly string[], server: McpServerConfig, facts: MachineFacts, sources: FactSources): Promise<void> {
  const files: Array<{ path: string; values: Record<string, string> }> = [];
  for (const path of sources.envFiles) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) files.push({ path, values: parseEnvFile(text) });
  }
  const usable = (value: string | undefined): value is string => value !== undefined && value !== '' && !isPlaceholder(value);
  for (const name of names) {
    const current = server.env?.[name];
    const fromEnv = sources.env[name];
    const fromFile = files.find((file) => usable(file.values[name]) && file.values[name] !== current);
    if (usable(fromEnv) && fromEnv !== current) facts.variables[name] = { value: fromEnv, source: 'your environment' };
    else if (fromFile) facts.variables[name] = { value: fromFile.values[name]!, source: fromFile.path };
    else facts.missingVariables.push(name);
  }
  // Ask for the first one nothing holds; one value is usually what a server needs.
  const ask = facts.missingVariables[0];
  if (ask !== undefined && sources.prompt && Object.keys(facts.variables).length === 0) {
    const value = await sources.prompt(ask, `${server.name} needs ${ask}`).catch(() => undefined);
    if (usable(value)) {
      facts.variables[ask] = { value, source: 'your input' };
      facts.missingVariables.shift();
    }
  }
}

async function findExecutable(name: string, dirs: readonly string[], platform: NodeJS.Platform): Promise<string | null> {
  const path = platform === 'win32' ? win32 : posix;
  const names = platform === 'win32' && !/\.\w+$/.test(name) ? ['.exe', '.cmd', '.bat', ''].map((extension) => `${name}${extension}`) : [name];
  for (const dir of dirs) {
    for (const candidate of names) {
      const full = path.join(dir, candidate);
      if (await access(full, platform === 'win32' ? constants.F_OK : constants.X_OK).then(() => true, () => false)) return full;
    }
  }
  return null;
}

async function readNodeRuntimes({ home, platform, env }: FactSources): Promise<NodeRuntime[]> {
  const runtimes: NodeRuntime[] = [];
  for (const root of nodeRuntimeRoots(home, platform, env)) {
    const entries = await readdir(root.dir).catch(() => [] as string[]);
    for (const entry of entries) {
      const version = /^v?(\d+\.\d+\.\d+)$/.exec(entry)?.[1];
      if (!version) continue;
      const binDir = root.binOf(entry);
      const node = join(binDir, platform === 'win32' ? 'node.exe' : 'node');
      if (isAbsolute(binDir) && (await access(node).then(() => true, () => false))) runtimes.push({ version, binDir });
    }
  }
  return sortRuntimes(runtimes);
}
