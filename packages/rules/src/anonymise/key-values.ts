/**
 * Secrets given by name: `token=…`, `api_key=…` in text and query strings, `FOO_API_KEY=…` in env dumps,
 * `"apiKey": "…"` in JSON (also inside an escaped JSON string), `x-api-key: …` headers and `--token …`
 * flags. The name stays; the value becomes a placeholder. Values that carry a diagnosis rather than a
 * secret stay too: empty, `undefined`, `<REDACTED>`, `${VAR}` (an unexpanded reference is a finding).
 */
import { isServiceAccount } from './accounts.js';
import { classifyKeyName, type KeyKind } from './key-names.js';
import { isPlaceholder, PLACEHOLDER } from './placeholders.js';
import { AUTH_SCHEMES } from './secrets.js';
import { looksLikeSecretValue } from './text.js';

/**
 * Every name worth a look holds one of these words (see key-names.ts); the scan finds them, then reads
 * the whole name around the hit and the separator after it. Far cheaper than trying every word as a name.
 */
const NAME_HINT = /pass|pwd|s(?:ecret|ig|id|ession)|token|key|auth|c(?:red|ookie|omput)|user|log(?:in|name)|owner|host|machine|domain|nodename/gi;
/** After the name: its closing quote, then `=`, `:`, `:=` or `=>`, spaces either side. */
const SEPARATOR = /(\\?["']?)([ \t]{0,3})(:=|=>|[:=])([ \t]{0,3})/y;
/** After a `--flag` name: the space before its value. */
const FLAG_GAP = /[ \t]+(?=[^\s<{[(=-])/y;
const MAX_NAME = 64;

const isNameCode = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45 || code === 46 || code === 36;

const SAFE_VALUE =
  /^(?:undefined|null|none|nil|true|false|yes|no|on|off|missing|unset|empty|required|optional|string|redacted|hidden|value\d*|x+|\*+|\.{2,}|…|\$\{[^}]*\}|\{\{[^}]*\}\}|\$[A-Z_][A-Z0-9_]*|%[A-Z_][A-Z0-9_]*%)$/i;

const isSafeValue = (value: string): boolean => value === '' || isPlaceholder(value) || SAFE_VALUE.test(value);

interface Value {
  start: number;
  end: number;
  quoted: boolean;
}

const UNQUOTED_STOP = new Set([' ', '\t', '\n', '\r', '"', "'", '`', '\\', ',', ';', '&']);
/** A bare value after a colon also ends at a colon (`key:atLOI:ofKind:` is a selector) or an `@`. */
const STRICT_STOP = new Set([...UNQUOTED_STOP, ':', '@']);
const COOKIE_STOP = new Set(['\n', '\r', '"', "'", '`', '\\']);
const CANNOT_START = new Set([...UNQUOTED_STOP, '{', '[', '(', '<', '=']);
const MAX_VALUE = 4096;

/** Reads the value that starts at `at`: quoted ("…", '…', \"…\") or bare up to a delimiter. */
function readValue(text: string, at: number, stops: ReadonlySet<string>): Value | null {
  const first = text[at];
  if (first === undefined) return null;
  const escaped = first === '\\' && text[at + 1] === '"';
  if (first === '"' || first === "'" || escaped) {
    const quote = escaped ? '\\"' : first;
    const start = at + quote.length;
    const end = text.indexOf(quote, start);
    if (end < 0 || end - start > MAX_VALUE || text.slice(start, end).includes('\n')) return null;
    return { start, end, quoted: true };
  }
  if (CANNOT_START.has(first)) return null;
  let end = at + 1;
  while (end < text.length && end - at < MAX_VALUE && !stops.has(text[end]!)) end++;
  while (end > at + 1 && '.:)]}>'.includes(text[end - 1]!)) end--;
  return { start: at, end, quoted: false };
}

/**
 * What replaces a value of this kind, or null to keep it. `strict` is a bare value after a colon, which
 * is as often prose (`Invalid token: expired`) as YAML or a header, so it must look like a credential.
 */
function replacement(kind: KeyKind, value: string, strict: boolean): string | null {
  if (isSafeValue(value) || /^[a-z][\w+.-]*:\/\//i.test(value)) return null;
  if (kind !== 'secret') {
    if (strict || (kind === 'user' && isServiceAccount(value))) return null;
    if (kind === 'machine' && /^localhost$/i.test(value)) return null;
    return kind === 'user' ? PLACEHOLDER.user : PLACEHOLDER.machine;
  }
  if (strict && !looksLikeSecretValue(value)) return null;
  const scheme = /^(\w+) /.exec(value)?.[1];
  if (scheme !== undefined && AUTH_SCHEMES.some((s) => s.toLowerCase() === scheme.toLowerCase())) return `${scheme} ${PLACEHOLDER.secret}`;
  return PLACEHOLDER.secret;
}

/** The whole name around a hint, or null when it is longer than a name should be. */
function nameAround(text: string, hintStart: number, hintEnd: number): { start: number; end: number } | null {
  let start = hintStart;
  let end = hintEnd;
  while (start > 0 && isNameCode(text.charCodeAt(start - 1))) if (hintStart - --start > MAX_NAME) return null;
  while (end < text.length && isNameCode(text.charCodeAt(end))) if (++end - hintEnd > MAX_NAME) return null;
  return { start, end };
}

/**
 * Where the value starts and how it was introduced, or null when nothing introduces one. `logname= uid=0`
 * has an empty value followed by the next pair (a space after `=` but none before it).
 */
function valueStart(text: string, name: string, end: number): { at: number; separator: string } | null {
  SEPARATOR.lastIndex = end;
  const match = SEPARATOR.exec(text);
  if (match !== null) {
    const separator = match[3]!;
    if (separator === '=' && match[4] !== '' && match[2] === '') return null;
    return { at: SEPARATOR.lastIndex, separator };
  }
  if (!name.startsWith('-')) return null;
  FLAG_GAP.lastIndex = end;
  return FLAG_GAP.test(text) ? { at: FLAG_GAP.lastIndex, separator: '=' } : null;
}

/** `a=b=c`: what follows `a=` is the next pair, not a value. */
const ANOTHER_PAIR = /[A-Za-z_][\w.-]{0,63}=[^=]/y;

interface Outcome {
  /** Where the scan for the next name goes on. */
  resume: number;
  /** The value to replace, when it is replaced. */
  edit?: { start: number; end: number; text: string };
}

/** Reads the value after one name and decides whether it goes. */
function maskOne(text: string, name: string, end: number): Outcome {
  const start = valueStart(text, name, end);
  const kind = start === null ? null : classifyKeyName(name);
  if (kind === null || start === null) return { resume: end };
  const isCookie = /cookie$/i.test(name);
  ANOTHER_PAIR.lastIndex = start.at;
  if (!isCookie && ANOTHER_PAIR.test(text)) return { resume: start.at };
  const colon = start.separator === ':' && !isCookie;
  const value = readValue(text, start.at, isCookie ? COOKIE_STOP : colon ? STRICT_STOP : UNQUOTED_STOP);
  if (value === null) return { resume: start.at };
  const masked = replacement(kind, text.slice(value.start, value.end), colon && !value.quoted);
  return masked === null ? { resume: value.end } : { resume: value.end, edit: { start: value.start, end: value.end, text: masked } };
}

export function maskKeyValues(text: string): string {
  let out = '';
  let last = 0;
  NAME_HINT.lastIndex = 0;
  for (let hint = NAME_HINT.exec(text); hint !== null; hint = NAME_HINT.exec(text)) {
    const name = nameAround(text, hint.index, hint.index + hint[0].length);
    if (name === null || name.start < last) continue;
    const { resume, edit } = maskOne(text, text.slice(name.start, name.end), name.end);
    NAME_HINT.lastIndex = Math.max(resume, name.end);
    if (edit === undefined) continue;
    out += text.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return last === 0 ? text : out + text.slice(last);
}
