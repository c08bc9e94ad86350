/**
 * bench:builtin-pack: the built-in pack's precision, recall and F1 per category on the real labelled
 * messages of ../shared/data/mcp-errors and on our hand-written variants, with mcp-tap's own classifier's
 * published figure on the same real messages (macro-F1 0.252) as the reference point.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_CATEGORY_IDS, compileMatcher, scoreClassifications } from '@tapheal/rules';
import { BUILTIN_PACK } from '@tapheal/rules';
import { SHARED_DATA } from './support.js';

interface Labelled {
  id: string;
  message: string;
  category: string;
}

const read = (path: string): Labelled[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Labelled);

const compiled = compileMatcher(BUILTIN_PACK);
if (!compiled.ok) throw new Error(compiled.detail);
const matcher = compiled.value;

for (const [name, path] of [
  ['real messages (mcp-errors-dev)', join(SHARED_DATA, 'mcp-errors', 'mcp-errors-dev.jsonl')],
  ['hand-written variants (test/fixtures)', new URL('../test/fixtures/mcp-variants.jsonl', import.meta.url).pathname],
] as const) {
  const messages = read(path);
  const scores = scoreClassifications(
    messages.map((m) => ({ expected: m.category, actual: matcher.classify(m.message).category })),
    BASE_CATEGORY_IDS,
  );
  console.log(`\n${name}: ${messages.length} messages, macro-F1 ${scores.macroF1.toFixed(3)}, accuracy ${scores.accuracy.toFixed(3)}`);
  console.log('| category | n | precision | recall | F1 |');
  console.log('|---|---:|---:|---:|---:|');
  for (const s of scores.perCategory) {
    console.log(`| ${s.category} | ${s.support} | ${s.precision.toFixed(2)} | ${s.recall.toFixed(2)} | ${s.f1.toFixed(2)} |`);
  }
  for (const e of scores.errors) console.log(`  wrong: ${messages[e.index]!.id} labelled ${e.expected}, classified ${e.actual}`);
}
console.log('\nreference: mcp-tap\'s own classifier on the full labelled corpus: macro-F1 0.252, accuracy 0.266 (mcp-errors README)');
