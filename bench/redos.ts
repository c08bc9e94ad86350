/**
 * bench:redos: what a hostile pack pattern costs. For patterns that backtrack catastrophically, the time
 * of the tapheal engine per message length (it should grow linearly) against V8's backtracking RegExp
 * measured in the same run on the same inputs (it grows exponentially, so it only gets short inputs).
 */
import { compilePatterns } from '@tapheal/rules';

const CASES = [
  { pattern: '(a+)+$', text: (n: number) => 'a'.repeat(n) + '!' },
  { pattern: '(a|aa)+b', text: (n: number) => 'a'.repeat(n) },
  { pattern: '(x+x+)+y', text: (n: number) => 'x'.repeat(n) },
];
const TAPHEAL_LENGTHS = [10_000, 40_000, 160_000, 640_000];
const V8_LENGTHS = [16, 20, 24, 26];

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

for (const { pattern, text } of CASES) {
  const compiled = compilePatterns([pattern]);
  if (!compiled.ok) throw new Error(compiled.detail);
  const set = compiled.value;
  const v8 = new RegExp(pattern, 'm');
  console.log(`\npattern ${pattern}`);
  console.log('| engine | input length | ms |');
  console.log('|---|---:|---:|');
  for (const n of TAPHEAL_LENGTHS) console.log(`| tapheal lazy DFA | ${n.toLocaleString('en-US')} | ${time(() => set.scan(text(n))).toFixed(2)} |`);
  for (const n of V8_LENGTHS) console.log(`| V8 RegExp (backtracking) | ${n} | ${time(() => v8.test(text(n))).toFixed(2)} |`);
}
