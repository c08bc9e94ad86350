/**
 * The collector as a real process (apps/collector/src/server.ts under tsx), for tests that need what
 * `inject` cannot give: signals, a listening socket, a database that goes away under a live process.
 * startCollector resolves once the "collector ready" line names the address, and every process it
 * started is killed by stopAllCollectors(), which suites call in afterEach/afterAll so a failing test
 * leaves nothing behind.
 *
 * tsx's CLI is a wrapper process that runs server.ts in a child node process. Signals for the test go
 * to that server process (its pid is on every log line), never to the wrapper: the wrapper relays a
 * SIGTERM and SIGKILLs its child when the child does not acknowledge within about 30 ms, which a busy
 * server often does not, and a SIGKILL to the wrapper would orphan the server. The wrapper is started
 * as a process-group leader, so cleanup kills the whole group, server included, even before ready.
 *
 * Without DATA_DIR in `env` each collector gets an empty temporary one, removed when it exits: with
 * DATABASE_URL the collector still writes its generated secrets there, and the default (./.data) is
 * the repository.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './shared-data.js';

const SERVER = join(REPO_ROOT, 'apps', 'collector', 'src', 'server.ts');
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
export const READY_TIMEOUT_MS = 30_000;
const KILL_WAIT_MS = 5_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One pino JSON line of the collector's stdout (non-JSON lines are kept as `{ msg: line }`). */
export interface LogLine {
  msg?: string;
  level?: number;
  [field: string]: unknown;
}

export interface CollectorProcess {
  /** http://127.0.0.1:PORT, from the ready line. */
  url: string;
  /** The tsx wrapper process. */
  child: ChildProcess;
  /** The node process that runs server.ts (the wrapper's child), from the ready line. */
  serverPid: number;
  /** Sends `signal` to the server process itself. */
  kill(signal: NodeJS.Signals): void;
  /** Every stdout line so far, parsed; it keeps growing while the process runs. */
  stdoutLines: LogLine[];
  /** Everything on stderr so far. */
  stderr(): string;
  /** Sends `signal` (default SIGTERM) to the server and resolves with the exit; SIGKILLs after 5 s if still alive. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  /**
   * The wrapper's exit, which follows the server's: the server's exit code, or 128 + the signal number
   * when the server died of a signal (137 for SIGKILL).
   */
  exited: Promise<Exit>;
  /** Resolves with the first stdout line (already seen or still to come) that `predicate` accepts. */
  waitForLine(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

/** Running wrappers, with the temporary data directory each owns. */
const running = new Map<ChildProcess, string | undefined>();
// A worker that exits without running afterAll must not leave collectors (or their directories) behind.
process.once('exit', () => {
  for (const [child, ownDataDir] of running) {
    killGroup(child, 'SIGKILL');
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  }
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** The environment every test collector gets; `env` adds DATA_DIR or DATABASE_URL and any override. */
export function collectorEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    TAPHEAL_ADMIN_TOKEN: randomBytes(16).toString('hex'),
    TAPHEAL_TRAINER_INTERVAL_MINUTES: '0',
    TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0',
    ...env,
  };
}

export async function startCollector(env: Record<string, string>, readyTimeoutMs = READY_TIMEOUT_MS): Promise<CollectorProcess> {
  const ownDataDir = env.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'tapheal-collector-')) : undefined;
  const child = spawn(process.execPath, [TSX, SERVER], {
    env: collectorEnv({ ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.set(child, ownDataDir);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  const stdoutLines: LogLine[] = [];
  const waiters = new Set<{ predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = parseLine(text);
    stdoutLines.push(line);
    for (const waiter of waiters) {
      if (waiter.predicate(line)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });

  const waitForLine = (predicate: (line: LogLine) => boolean, timeoutMs = READY_TIMEOUT_MS): Promise<LogLine> => {
    const seen = stdoutLines.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      const describe = (why: string) =>
        new Error(`collector: ${why} while waiting for a log line\n--- stderr ---\n${stderr}\n--- last stdout ---\n${stdoutLines.slice(-10).map((l) => JSON.stringify(l)).join('\n')}`);
      const waiter = {
        predicate,
        resolve: (line: LogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(describe(`no match after ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(waiter);
      void exited.then(({ code, signal }) => {
        if (!waiters.delete(waiter)) return;
        clearTimeout(timer);
        reject(describe(`exited (code ${code}, signal ${signal})`));
      });
    });
  };

  try {
    const ready = await waitForLine((line) => line.msg === 'collector ready', readyTimeoutMs);
    const { address, pid } = ready;
    if (typeof address !== 'string' || typeof pid !== 'number') throw new Error(`collector: ready line without address or pid: ${JSON.stringify(ready)}`);
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone; `exited` tells how
      }
    };
    const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> => {
      kill(signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), KILL_WAIT_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    };
    return { url: address, child, serverPid: pid, kill, stdoutLines, stderr: () => stderr, stop, exited, waitForLine };
  } catch (error) {
    killGroup(child, 'SIGKILL');
    await exited;
    throw error;
  }
}

/** SIGKILLs every collector still running (wrapper and server) and waits for each to be gone. For afterEach/afterAll. */
export async function stopAllCollectors(): Promise<void> {
  const children = [...running.keys()];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          killGroup(child, 'SIGKILL');
        }),
    ),
  );
}

function parseLine(text: string): LogLine {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as LogLine;
  } catch {
    // not JSON: keep the text
  }
  return { msg: text };
}
