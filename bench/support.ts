/** Shared pieces of the benchmarks: timing and data from ../shared (read in place, never copied). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');

export function readMessages(file: string): string[] {
  return readFileSync(resolve(SHARED_DATA, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { message: string }).message);
}

/** Repeats the list until it holds at least `count` items. */
export function repeatTo<T>(items: readonly T[], count: number): T[] {
  const out: T[] = [];
  while (out.length < count) out.push(...items);
  return out;
}

export interface Measurement {
  name: string;
  seconds: number;
  items: number;
  bytes: number;
}

/** Runs `fn` over all items `rounds` times after one warm-up round; keeps the fastest round. */
export function measure(name: string, items: readonly string[], fn: (item: string) => unknown, rounds = 5): Measurement {
  let sink = 0;
  const bytes = items.reduce((sum, item) => sum + item.length, 0);
  for (const item of items) sink += fn(item) ? 1 : 0;
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (const item of items) sink += fn(item) ? 1 : 0;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  if (sink < 0) console.log(sink);
  return { name, seconds: best, items: items.length, bytes };
}

export function printTable(title: string, rows: readonly Measurement[]): void {
  console.log(`\n${title}`);
  console.log('| what | items/s | MB/s | µs/item |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) {
    const perSecond = row.items / row.seconds;
    console.log(
      `| ${row.name} | ${Math.round(perSecond).toLocaleString('en-US')} | ${(row.bytes / row.seconds / 1e6).toFixed(1)} | ${((row.seconds / row.items) * 1e6).toFixed(2)} |`,
    );
  }
}
