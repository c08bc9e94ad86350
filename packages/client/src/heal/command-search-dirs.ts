/**
 * Where a command may be installed that a GUI-launched client does not look: the login shell's PATH,
 * version managers (volta, asdf, nvm, fnm), Homebrew, and the per-user bin directories of pip, uv,
 * cargo, bun and deno. Pure: home, platform, environment and what was found on disk come in.
 */
import { posix, win32 } from 'node:path';
import type { NodeRuntime } from './machine-facts.js';

export interface SearchContext {
  home: string;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  loginPath: readonly string[];
  nodeRuntimes: readonly NodeRuntime[];
}

export function commandSearchDirs({ home, platform, env, loginPath, nodeRuntimes }: SearchContext): string[] {
  const path = platform === 'win32' ? win32 : posix;
  const inHome = (...parts: string[]) => path.join(home, ...parts);
  const dirs: Array<string | undefined> = [...loginPath];
  if (platform === 'win32') {
    dirs.push(
      env.APPDATA && path.join(env.APPDATA, 'npm'),
      env.ProgramFiles && path.join(env.ProgramFiles, 'nodejs'),
      env.VOLTA_HOME ? path.join(env.VOLTA_HOME, 'bin') : env.LOCALAPPDATA && path.join(env.LOCALAPPDATA, 'Volta', 'bin'),
      ...nodeRuntimes.map((runtime) => runtime.binDir),
      inHome('.local', 'bin'),
      inHome('.cargo', 'bin'),
      inHome('.bun', 'bin'),
      inHome('.deno', 'bin'),
      env.ProgramFiles && path.join(env.ProgramFiles, 'Docker', 'Docker', 'resources', 'bin'),
    );
  } else {
    dirs.push(
      env.VOLTA_HOME ? path.join(env.VOLTA_HOME, 'bin') : inHome('.volta', 'bin'),
      env.ASDF_DATA_DIR ? path.join(env.ASDF_DATA_DIR, 'shims') : inHome('.asdf', 'shims'),
      ...nodeRuntimes.map((runtime) => runtime.binDir),
      '/opt/homebrew/bin',
      '/usr/local/bin',
      '/home/linuxbrew/.linuxbrew/bin',
      env.UV_TOOL_BIN_DIR,
      env.XDG_BIN_HOME,
      inHome('.local', 'bin'),
      inHome('.cargo', 'bin'),
      inHome('.bun', 'bin'),
      inHome('.deno', 'bin'),
      '/snap/bin',
      '/usr/bin',
      '/bin',
    );
  }
  const seen = new Set<string>();
  return dirs.filter((dir): dir is string => typeof dir === 'string' && dir !== '' && path.isAbsolute(dir) && !seen.has(dir) && seen.add(dir) !== undefined);
}

/** Node.js versions under version managers' directories, as [version, binDir], for readNodeRuntimes. */
export function nodeRuntimeRoots(home: string, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): Array<{ dir: string; binOf: (entry: string) => string }> {
  const path = platform === 'win32' ? win32 : posix;
  const bin = platform === 'win32' ? [] : ['bin'];
  const nvm = env.NVM_DIR ?? path.join(home, '.nvm');
  const fnm = env.FNM_DIR ?? (platform === 'darwin' ? path.join(home, 'Library', 'Application Support', 'fnm') : path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'fnm'));
  const roots = [
    { dir: path.join(nvm, 'versions', 'node'), binOf: (entry: string) => path.join(nvm, 'versions', 'node', entry, ...bin) },
    { dir: path.join(fnm, 'node-versions'), binOf: (entry: string) => path.join(fnm, 'node-versions', entry, 'installation', ...bin) },
    { dir: path.join(home, '.volta', 'tools', 'image', 'node'), binOf: (entry: string) => path.join(home, '.volta', 'tools', 'image', 'node', entry, ...bin) },
    { dir: path.join(env.ASDF_DATA_DIR ?? path.join(home, '.asdf'), 'installs', 'nodejs'), binOf: (entry: string) => path.join(env.ASDF_DATA_DIR ?? path.join(home, '.asdf'), 'installs', 'nodejs', entry, ...bin) },
  ];
  if (platform === 'win32' && env.NVM_HOME) roots.push({ dir: env.NVM_HOME, binOf: (entry: string) => path.join(env.NVM_HOME!, entry) });
  return roots;
}

/** Newest first, by numeric version. */
export function sortRuntimes(runtimes: NodeRuntime[]): NodeRuntime[] {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return runtimes.sort((a, b) => {
    const [x, y] = [parts(a.version), parts(b.version)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (y[i] ?? 0) - (x[i] ?? 0);
    return 0;
  });
}
