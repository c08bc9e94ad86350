/**
 * The PATH of the person's login shell, which a GUI-launched client never sees (nvm, Homebrew and the
 * like are set up there). The shell runs detached with a bounded wall time and is killed past it.
 */
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';

export const LOGIN_SHELL_TIMEOUT_MS = 3_000;
const MARKER = '__TAPHEAL_PATH__';

export function readLoginShellPath(env: Readonly<Record<string, string | undefined>>, timeoutMs = LOGIN_SHELL_TIMEOUT_MS): Promise<string[]> {
  const shell = env.SHELL;
  if (process.platform === 'win32' || !shell) return Promise.resolve([]);
  return new Promise((resolve) => {
    let output = '';
    let done = false;
    const finish = (dirs: string[]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(dirs);
    };
    // -i reads the rc files where nvm and friends are usually set up; detached, so it has no terminal.
    const child = spawn(shell, ['-ilc', `printf '\\n${MARKER}%s\\n' "$PATH"`], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      finish([]);
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', () => finish([]));
    child.on('close', () => {
      const line = output.split('\n').find((candidate) => candidate.startsWith(MARKER));
      finish(line ? line.slice(MARKER.length).split(delimiter).filter((dir) => dir.startsWith('/')) : []);
    });
  });
}
