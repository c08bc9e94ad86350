/**
 * bench:classify: messages per second through the matcher with the built-in pack, on the real messages of
 * ../shared/data/mcp-errors repeated to about 100,000, against two V8 RegExp baselines measured in the same
 * run: one precompiled RegExp per rule tried in the pack's order, and one alternation of all patterns.
 */
import { compileMatcher } from '@tapheal/rules';
import { BUILTIN_PACK } from '@tapheal/rules';
import { measure, printTable, readMessages, repeatTo } from './support.js';

const TARGET_MESSAGES = 100_000;

const messages = repeatTo(readMessages('mcp-errors/mcp-errors-dev.jsonl'), TARGET_MESSAGES);
const rules = BUILTIN_PACK.rules;

const compileStarted = performance.now();
const compiled = compileMatcher(BUILTIN_PACK);
const compileMs = performance.now() - compileStarted;
if (!compiled.ok) throw new Error(compiled.detail);
const matcher = compiled.value;

const toRegExp = (pattern: string) =>
  new RegExp(pattern.replace(/^\(\?i\)/, ''), pattern.startsWith('(?i)') ? 'im' : 'm');
const perRule = rules.map((rule) => toRegExp(rule.pattern));
const alternation = new RegExp(rules.map((rule) => `(?:${rule.pattern.replace(/^\(\?i\)/, '')})`).join('|'), 'im');

const coldStarted = performance.now();
for (const message of messages.slice(0, 79)) matcher.classify(message);
const coldMs = performance.now() - coldStarted;

const rows = [
  measure('tapheal matcher (lazy DFA, all rules, best rule chosen)', messages, (m) => matcher.classify(m).ruleId),
  measure('baseline: one V8 RegExp per rule, all tried', messages, (m) => perRule.filter((re) => re.test(m)).length),
  measure('baseline: one V8 RegExp alternation (first match only)', messages, (m) => alternation.test(m)),
];

console.log(`built-in pack: ${rules.length} rules; compiled in ${compileMs.toFixed(1)} ms; first pass over 79 messages (cold DFA) ${coldMs.toFixed(1)} ms`);
console.log(`automaton: ${JSON.stringify(matcher.stats())}`);
printTable(`classify ${messages.length.toLocaleString('en-US')} real messages (single thread, node ${process.version})`, rows);
