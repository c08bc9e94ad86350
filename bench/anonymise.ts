/**
 * bench:anonymise: messages per second and MB/s through the anonymiser and the normaliser, on the real
 * messages of ../shared/data/mcp-errors repeated to about 100,000, against baselines measured in the
 * same run on the same data: a loop that reads every character (the floor of touching every message;
 * `slice` would be optimised away) and one `String.prototype.replace` with a simple e-mail regex (what
 * the cheapest possible scrubber costs).
 * Also: the worst time on 100 KB adversarial inputs, which must stay far below 500 ms.
 */
import { anonymiseMessage, normaliseMessage } from '@tapheal/rules';
import { measure, printTable, readMessages, repeatTo } from './support.js';

const TARGET_MESSAGES = 100_000;
const ADVERSARIAL_LENGTH = 100_000;

const messages = repeatTo(readMessages('mcp-errors/mcp-errors-dev.jsonl'), TARGET_MESSAGES);
const anonymised = messages.map(anonymiseMessage);
const SIMPLE_EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;

function readEveryCharacter(message: string): number {
  let sum = 0;
  for (let i = 0; i < message.length; i++) sum = (sum + message.charCodeAt(i)) | 0;
  return sum | 1;
}

const rows = [
  measure('baseline: read every character', messages, readEveryCharacter),
  measure('baseline: one e-mail RegExp replace', messages, (m) => m.replace(SIMPLE_EMAIL, '<email>')),
  measure('anonymiseMessage', messages, (m) => anonymiseMessage(m)),
  measure('normaliseMessage (raw messages)', messages, (m) => normaliseMessage(m)),
  measure('normaliseMessage (anonymised messages)', anonymised, (m) => normaliseMessage(m)),
  measure('anonymise then normalise', messages, (m) => normaliseMessage(anonymiseMessage(m))),
];

const average = Math.round(messages.reduce((sum, m) => sum + m.length, 0) / messages.length);
console.log(`${messages.length.toLocaleString('en-US')} real MCP failure messages (average ${average} characters), single thread, node ${process.version}`);
printTable('anonymise and normalise', rows);

const repeat = (unit: string): string => unit.repeat(Math.ceil(ADVERSARIAL_LENGTH / unit.length)).slice(0, ADVERSARIAL_LENGTH);
const ADVERSARIAL: Record<string, string> = {
  'a…': repeat('a'),
  '=…': repeat('='),
  '/Users/…': repeat('/Users/'),
  'base64…': repeat('QUJDRGVmZ2hpams0NTY3ODkrLw'),
  'token=…': repeat('token='),
  'a.a.…': repeat('a.'),
  'a:a:…': repeat('a:'),
  '://a:b…': repeat('://a:b'),
  'BEGIN PRIVATE KEY…': repeat('-----BEGIN PRIVATE KEY-----'),
  '"x": "…': repeat('"x": "'),
  'C:\\Users\\a b …': repeat('C:\\Users\\a b '),
};

console.log(`\nadversarial inputs of ${ADVERSARIAL_LENGTH.toLocaleString('en-US')} characters`);
console.log('| input | anonymise ms | normalise ms |');
console.log('|---|---:|---:|');
for (const [name, text] of Object.entries(ADVERSARIAL)) {
  const time = (fn: (t: string) => string): string => {
    const started = performance.now();
    fn(text);
    return (performance.now() - started).toFixed(1);
  };
  console.log(`| ${name} | ${time(anonymiseMessage)} | ${time(normaliseMessage)} |`);
}
