/** `tapheal telemetry ...` through the real executable, and the host process never held open by telemetry. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTelemetry } from '@tapheal/client';
import { createDb, type Db } from '@tapheal/db';
import { buildTestApp } from '../helpers/build-app.js';
import { runTapheal, runTaphealAsync } from '../helpers/cli.js';
import { closedPort } from '../helpers/pack-server.js';
import { makeTempDir } from '../helpers/packs.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startCollector(): Promise<{ url: string; db: Db; app: FastifyInstance }> {
  const db = await createDb();
  const { app } = await buildTestApp(db);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => (await app.close(), await db.close()));
  return { url, db, app };
}


describe('tapheal telemetry', () => {
  it('status --json prints the contract fields, off until enabled', () => {
    const home = makeTempDir();
    const off = runTapheal(['telemetry', 'status', '--json'], { home, env: { TAPHEAL_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(off.status).toBe(0);
    expect(off.lines).toEqual([{ enabled: false, reason: 'not_enabled', endpoint: 'http://127.0.0.1:9', queued: 0, sent: 0, dropped: {} }]);
    expect(runTapheal(['telemetry', 'enable'], { home }).status).toBe(0);
    expect(runTapheal(['telemetry', 'status', '--json'], { home }).lines[0]).toMatchObject({ enabled: true, reason: 'enabled', endpoint: 'http://127.0.0.1:8787' });
    expect(runTapheal(['telemetry', 'status', '--json'], { home, env: { DO_NOT_TRACK: '1' } }).lines[0]).toMatchObject({ enabled: false, reason: 'do_not_track' });
  });

  it('reset-id gives the install a new random id', () => {
    const home = makeTempDir();
    runTapheal(['telemetry', 'enable'], { home });
    const before = runTapheal(['telemetry', 'status'], { home }).stdout.match(/install\s+(\S+)/)?.[1];
    const reset = runTapheal(['telemetry', 'reset-id'], { home });
    const after = runTapheal(['telemetry', 'status'], { home }).stdout.match(/install\s+(\S+)/)?.[1];
    expect(reset.status).toBe(0);
    expect(before).toMatch(/^[\w-]{16,}$/);
    expect(after).toMatch(/^[\w-]{16,}$/);
    expect(after).not.toBe(before);
    expect(reset.stdout).toContain(after!);
  });

  it('says in enable that consent is stored but telemetry stays off under CI', () => {
    const run = runTapheal(['telemetry', 'enable'], { home: makeTempDir(), env: { CI: 'true' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/consent stored, but telemetry stays off: CI is set/);
  });

  // Five CLI processes in a row: about 4.5 s on an idle machine, so it gets more than vitest's 5 s default.
  it('previews the queue as JSON Lines, flushes it to the collector, and disable empties it', async () => {
    const collector = await startCollector();
    const home = makeTempDir();
    const telemetry = createTelemetry({ home, env: {}, endpoint: collector.url, flushDelayMs: 60_000 });
    await telemetry.enable();
    await telemetry.report({ message: 'spawn uvx ENOENT', phase: 'connect' });
    await telemetry.report({ message: 'MCP error -32001: Request timed out', phase: 'call' });
    telemetry.close();

    const preview = runTapheal(['telemetry', 'preview'], { home });
    expect(preview.lines.map((line) => (line.error as { message: string }).message)).toEqual(['spawn uvx ENOENT', 'MCP error -32001: Request timed out']);
    const flush = await runTaphealAsync(['telemetry', 'flush', '--json', '--endpoint', collector.url], { home });
    expect(flush.status).toBe(0);
    expect(flush.lines[0]).toMatchObject({ sent: 2, queued: 0, done: true });
    const ids = (await collector.db.query<{ id: string }>('select id::text as id from reports')).map((row) => row.id).sort();
    expect(ids).toEqual(preview.lines.map((line) => line.id as string).sort());

    await createTelemetry({ home, env: {}, endpoint: collector.url }).report({ message: 'again', phase: 'other' });
    const disable = runTapheal(['telemetry', 'disable'], { home });
    expect(disable.stdout).toMatch(/telemetry off; 1 queued report deleted/);
    expect(runTapheal(['telemetry', 'preview'], { home }).stdout).toBe('');
  }, 20_000);

  it('exits 1 from flush with the reason when the collector cannot be reached, keeping the queue', async () => {
    const home = makeTempDir();
    await createTelemetry({ home, env: {} }).enable();
    await createTelemetry({ home, env: {}, flushDelayMs: 60_000 }).report({ message: 'x', phase: 'other' });
    const run = runTapheal(['telemetry', 'flush', '--endpoint', `http://127.0.0.1:${await closedPort()}`, '--timeout', '3000'], { home });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/not sent: no answer \(ECONNREFUSED\)/);
    expect(runTapheal(['telemetry', 'status', '--json'], { home }).lines[0]).toMatchObject({ queued: 1 });
  });

  it.each([
    [['telemetry'], /telemetry needs one of: status, enable, disable, preview, flush, reset-id/],
    [['telemetry', 'status', '--bogus'], /Unknown option '--bogus'/],
    [['telemetry', 'flush', '--timeout', 'soon'], /--timeout must be a positive number/],
    [['telemetry', 'status', '--endpoint', 'ftp://x'], /the endpoint must be an http/],
  ])('refuses %j with exit 2 and a clear line', (args, message) => {
    const run = runTapheal(args, { home: makeTempDir() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('telemetry in a host process', () => {
  it('never keeps the host alive: a process that reported and scheduled a send exits at once', async () => {
    const home = makeTempDir();
    const script = `
      const { createTelemetry } = await import(${JSON.stringify(join(REPO_ROOT, 'packages/client/src/index.ts'))});
      const telemetry = createTelemetry({ home: ${JSON.stringify(home)}, env: {}, hostEnabled: true, endpoint: 'http://127.0.0.1:9' });
      console.log(await telemetry.report({ message: 'spawn npx ENOENT', phase: 'connect' }));`;
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stdout.trim()).toBe('queued');
    expect(code).toBe(0);
    // The send is scheduled 5 s out; exiting well before it shows the timer does not hold the process.
    expect(Date.now() - started).toBeLessThan(4_500);
  }, 15_000);
});
