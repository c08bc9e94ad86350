/**
 * bench:templates: the template miner on the 16 Loghub-2k datasets (../shared/data/loghub-2k, read in
 * place), one setting for all, against a plain classic Drain measured in the same run (depth 4,
 * similarity 0.5, 100 children, digit tokens masked; bench/drain-baseline.ts). Each dataset's `Content`
 * column goes in one message per line; grouping accuracy (GA) is scored against the corrected labels
 * grouped by `EventTemplate` (and, for comparison with the 2019 numbers, against the original ones).
 * Lines per second: single thread, the best of ROUNDS runs after a warm-up, each a fresh miner over
 * the 2,000 lines with every line's final cluster resolved.
 */
import { createMiner, groupingAccuracy } from '@tapheal/trainer';
import { LOGHUB_DATASETS, readLoghub } from '../test/trainer/mine/loghub.js';
import { createDrainBaseline } from './drain-baseline.js';

const ROUNDS = 5;

const mineOurs = (messages: readonly string[]): string[] => {
  const miner = createMiner();
  const joined = messages.map((message) => miner.add(message).cluster);
  return joined.map((cluster) => miner.resolve(cluster).clusterId);
};

const mineDrain = (messages: readonly string[]): string[] => {
  const drain = createDrainBaseline();
  return messages.map((message) => String(drain.add(message)));
};

/** Lines per second: the fastest of ROUNDS runs after one warm-up run. */
function linesPerSecond(messages: readonly string[], mine: (messages: readonly string[]) => string[]): number {
  let sink = mine(messages).length;
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    sink += mine(messages).length;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  if (sink < 0) console.log(sink);
  return messages.length / best;
}

interface Row {
  dataset: string;
  groups: number;
  ours: { ga: number; gaOriginal: number; templates: number; perSecond: number };
  drain: { ga: number; gaOriginal: number; templates: number; perSecond: number };
}

const measure = (messages: readonly string[], truth: readonly string[], original: readonly string[], mine: (messages: readonly string[]) => string[]) => {
  const predicted = mine(messages);
  return {
    ga: groupingAccuracy(predicted, truth),
    gaOriginal: groupingAccuracy(predicted, original),
    templates: new Set(predicted).size,
    perSecond: linesPerSecond(messages, mine),
  };
};

const rows: Row[] = LOGHUB_DATASETS.map((dataset) => {
  const { messages, truth } = readLoghub(dataset);
  const original = readLoghub(dataset, 'original').truth;
  return { dataset, groups: new Set(truth).size, ours: measure(messages, truth, original, mineOurs), drain: measure(messages, truth, original, mineDrain) };
});

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
/** Over all datasets: total lines over total time. */
const overall = (perSecond: number[]): number => (2_000 * perSecond.length) / perSecond.reduce((sum, value) => sum + 2_000 / value, 0);
const ga = (value: number): string => value.toFixed(3);
const rate = (value: number): string => Math.round(value).toLocaleString('en-US');

console.log(`template mining on Loghub-2k, corrected labels grouped by EventTemplate (original labels in brackets); node ${process.version}, one thread`);
console.log('| dataset | groups | GA ours | GA Drain | templates ours / Drain | lines/s ours | lines/s Drain |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const { dataset, groups, ours, drain } of rows) {
  console.log(
    `| ${dataset} | ${groups} | ${ga(ours.ga)} (${ga(ours.gaOriginal)}) | ${ga(drain.ga)} (${ga(drain.gaOriginal)}) | ${ours.templates} / ${drain.templates} | ${rate(ours.perSecond)} | ${rate(drain.perSecond)} |`,
  );
}
const column = (pick: (row: Row) => number): number[] => rows.map(pick);
console.log(
  `| **mean** | | **${ga(mean(column((r) => r.ours.ga)))}** (${ga(mean(column((r) => r.ours.gaOriginal)))}) | **${ga(mean(column((r) => r.drain.ga)))}** (${ga(mean(column((r) => r.drain.gaOriginal)))}) | | **${rate(overall(column((r) => r.ours.perSecond)))}** | **${rate(overall(column((r) => r.drain.perSecond)))}** |`,
);
const lowest = rows.reduce((low, row) => (row.ours.ga < low.ours.ga ? row : low));
console.log(`\nlowest GA (ours): ${lowest.dataset} ${ga(lowest.ours.ga)}; lines/s overall is total lines over total time`);
