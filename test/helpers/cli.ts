/** Runs the real `tapheal` executable in a child process, as a user or a script would. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './shared-data.js';

export const TAPHEAL_BIN = join(REPO_ROOT, 'packages', 'client', 'bin', 'tapheal.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON Lines (parsed when read, so a run that prints prose can still be checked). */
  readonly lines: Record<string, unknown>[];
}

export function runTapheal(args: string[], options: { input?: string; home: string; env?: Record<string, string> }): CliRun {
  const result = spawnSync(process.execPath, [TAPHEAL_BIN, ...args], {
    input: options.input ?? '',
    env: { PATH: process.env.PATH ?? '', TAPHEAL_HOME: options.home, ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    get lines() {
      return result.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

/**
 * The same, without blocking this process: use it when the CLI talks to a server this test process
 * runs (spawnSync would stop that server from answering).
 */
export function runTaphealAsync(args: string[], options: { input?: string; home: string; env?: Record<string, string> }): Promise<CliRun> {
  const child = spawn(process.execPath, [TAPHEAL_BIN, ...args], { env: { PATH: process.env.PATH ?? '', TAPHEAL_HOME: options.home, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve) => {
    child.once('close', (status) =>
      resolve({
        status,
        stdout,
        stderr,
        get lines() {
          return stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
        },
      }),
    );
  });
}

export const jsonLines = (records: readonly unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
