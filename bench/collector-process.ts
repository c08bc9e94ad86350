/**
 * The collector as the benchmarks run it: its own process, started as `npm start` does (one node
 * process), on PGlite in `dataDir` or on `databaseUrl`, rate limits and the trainer schedule off.
 * BENCH_COLLECTOR_NODE_ARGS adds node flags, e.g. `--cpu-prof`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const SERVER = join(REPO_ROOT, 'apps', 'collector', 'src', 'server.ts');
const READY_TIMEOUT_MS = 60_000;
/** Longer than the collector's own shutdown timeout (10 s), after which SIGKILL. */
const EXIT_TIMEOUT_MS = 15_000;

export interface CollectorProcess {
  /** The collector's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `dataDir` holds PGlite's files without `databaseUrl`, and the generated signing key either way. */
/** `extraEnv` adds or overrides variables (e.g. a known TAPHEAL_ADMIN_TOKEN). */
export async function startCollectorProcess(dataDir: string, databaseUrl?: string, extraEnv: Record<string, string> = {}): Promise<CollectorProcess> {
  const env = { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', TAPHEAL_TRAINER_INTERVAL_MINUTES: '0' };
  const limits = { TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0' };
  const nodeArgs = process.env.BENCH_COLLECTOR_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, ...limits, TAPHEAL_ADMIN_TOKEN: randomBytes(16).toString('hex'), DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...extraEnv },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const address = new Promise<string>((resolveReady, rejectReady) => {
    let ready = false;
    let pending = '';
    const fail = (why: string) => rejectReady(new Error(`the collector did not start: ${why}\n${stderr}`));
    const timer = setTimeout(() => fail(`no "collector ready" within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.once('exit', (code) => fail(`it exited with ${code}`));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return; // after the ready line the log is only drained, so that the pipe never fills
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop()!;
      const line = lines.find((text) => text.includes('"msg":"collector ready"'));
      if (!line) return;
      ready = true;
      clearTimeout(timer);
      resolveReady((JSON.parse(line) as { address: string }).address);
    });
  });
  const stop = () => stopProcess(child);
  const url = await address.catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, pid: child.pid!, stop };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
