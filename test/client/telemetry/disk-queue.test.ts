/** The on-disk telemetry queue: arrival order, bounds, restarts, crashes mid-write, corrupt files, no throws. */
import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiskQueue } from '../../../packages/client/src/telemetry/disk-queue.js';
import { makeTempDir } from '../../helpers/packs.js';

interface Item {
  n: number;
  pad?: string;
}

const clock = (start = 1_800_000_000_000) => {
  let t = start;
  return () => t++;
};

const open = (dir: string, bounds: { maxReports?: number; maxBytes?: number } = {}) =>
  createDiskQueue<Item>({ dir, maxReports: bounds.maxReports ?? 100, maxBytes: bounds.maxBytes ?? 1_000_000, now: clock() });

describe('createDiskQueue', () => {
  it('gives entries back oldest first, and forgets the ones removed', async () => {
    const queue = open(join(makeTempDir(), 'queue'));
    for (let n = 0; n < 5; n++) expect(await queue.append({ n })).toEqual({ ok: true, dropped: 0 });
    const first = await queue.read(3);
    expect(first.entries.map((entry) => entry.value.n)).toEqual([0, 1, 2]);
    await queue.remove(first.entries.map((entry) => entry.name));
    expect((await queue.read(10)).entries.map((entry) => entry.value.n)).toEqual([3, 4]);
    expect(await queue.size()).toEqual({ reports: 2, bytes: 2 * JSON.stringify({ n: 3 }).length });
  });

  it('keeps what it holds across a reopen, as after a restart', async () => {
    const dir = join(makeTempDir(), 'queue');
    const before = open(dir);
    for (let n = 0; n < 3; n++) await before.append({ n });
    const after = createDiskQueue<Item>({ dir, maxReports: 100, maxBytes: 1_000_000, now: clock(1_900_000_000_000) });
    await after.append({ n: 3 });
    expect((await after.read(10)).entries.map((entry) => entry.value.n)).toEqual([0, 1, 2, 3]);
  });

  it('drops the oldest entries past maxReports, and says how many', async () => {
    const queue = open(join(makeTempDir(), 'queue'), { maxReports: 3 });
    const outcomes = [];
    for (let n = 0; n < 5; n++) outcomes.push(await queue.append({ n }));
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.dropped : -1))).toEqual([0, 0, 0, 1, 1]);
    expect((await queue.read(10)).entries.map((entry) => entry.value.n)).toEqual([2, 3, 4]);
  });

  it('drops the oldest entries past maxBytes, and refuses one entry larger than the whole queue', async () => {
    const pad = 'x'.repeat(90);
    const entryBytes = JSON.stringify({ n: 0, pad }).length;
    const queue = open(join(makeTempDir(), 'queue'), { maxBytes: entryBytes * 2 + 10 });
    for (let n = 0; n < 4; n++) await queue.append({ n, pad });
    expect((await queue.read(10)).entries.map((entry) => entry.value.n)).toEqual([2, 3]);
    const huge = await queue.append({ n: 9, pad: 'y'.repeat(entryBytes * 3) });
    expect(huge).toMatchObject({ ok: false, reason: 'too_large' });
    expect((await queue.size()).reports).toBe(2);
  });

  it('ignores and removes what a writer killed mid-write left, and skips and removes a corrupt entry', async () => {
    const dir = join(makeTempDir(), 'queue');
    const queue = open(dir);
    await queue.append({ n: 1 });
    writeFileSync(join(dir, '.tmp-0123456789ab'), '{"n": 2, "pa');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, '.tmp-0123456789ab'), anHourAgo, anHourAgo);
    writeFileSync(join(dir, '.tmp-live00000000'), '{"n": 4');
    writeFileSync(join(dir, '1799999999999-000000-0000abcd-5.json'), '{"n":');
    const reopened = createDiskQueue<Item>({ dir, maxReports: 100, maxBytes: 1_000_000, now: clock(1_900_000_000_000) });
    await reopened.append({ n: 3 });
    const read = await reopened.read(10);
    expect(read.entries.map((entry) => entry.value.n)).toEqual([1, 3]);
    expect(read.corrupt).toBe(1);
    // The abandoned temporary file and the corrupt entry are gone; a young temporary file may be a live writer's.
    expect(readdirSync(dir).filter((name) => !name.endsWith('.json') || name.startsWith('1799'))).toEqual(['.tmp-live00000000']);
  });

  it('loses nothing when a process is SIGKILLed while appending in a loop: every file left reads', async () => {
    const dir = join(makeTempDir(), 'queue');
    const script = `
      const { createDiskQueue } = await import(${JSON.stringify(join(process.cwd(), 'packages/client/src/telemetry/disk-queue.ts'))});
      const queue = createDiskQueue({ dir: ${JSON.stringify(dir)}, maxReports: 1e6, maxBytes: 1e9 });
      let n = 0;
      for (;;) { await queue.append({ n: n++, pad: 'z'.repeat(20000) }); if (n === 20) process.stdout.write('going\\n'); }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const read = await open(dir).read(1e6);
    expect(read.corrupt).toBe(0);
    const ns = read.entries.map((entry) => entry.value.n);
    expect(ns.length).toBeGreaterThanOrEqual(20);
    expect(ns).toEqual(ns.map((_, i) => i));
  }, 20_000);

  it('keeps two writers on one directory apart', async () => {
    const dir = join(makeTempDir(), 'queue');
    const a = open(dir);
    const b = open(dir);
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).append({ n })));
    expect((await a.read(100)).entries.map((entry) => entry.value.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('never throws: a directory it cannot create comes back as a disk_error', async () => {
    const parent = makeTempDir();
    chmodSync(parent, 0o500);
    try {
      const queue = open(join(parent, 'queue'));
      const outcome = await queue.append({ n: 1 });
      if (process.getuid?.() === 0) {
        // root writes through the mode; the refusal cannot be shown as root.
        expect(outcome.ok).toBe(true);
      } else {
        expect(outcome).toMatchObject({ ok: false, reason: 'disk_error' });
      }
      expect(await queue.read(10)).toMatchObject({ corrupt: 0 });
    } finally {
      chmodSync(parent, 0o700);
    }
  });
});
