/**
 * normaliseMessage: the form the trainer clusters on (template mining) and that telemetry sends as the
 * short normalised message. It keeps the words of a failure and replaces what varies between two
 * occurrences of the same failure with placeholders.
 *
 * Multi-line logs are normal input. In this order:
 *   - each line's log prefix goes: a leading timestamp with the `[level]`, `[component]`, `WRN`, `-`, `|`
 *     tags after it (`2025-06-03T07:23:52.664Z [error] [vscode-mcp-server] `, `[14:50:10] [error] `,
 *     `02:09:15 WRN [stdio] `), and a lone leading `[error]`. A level word with a colon (`INFO:`) stays.
 *   - whitespace runs collapse to one space;
 *   - `file://` URLs and file paths (POSIX, Windows, relative with 3+ parts or a file name) → `<path>`;
 *     the whole path goes, file name included, so that the same failure in another file or another
 *     user's directory clusters with the first (`Cannot find module '<path>'`);
 *   - other URLs → `<url>` (scheme and host included: after anonymising, hosts are mostly `<host>`);
 *   - UUIDs → `<uuid>`; timestamps, dates and clock times → `<ts>`; IPv4/IPv6 → `<ip>`;
 *   - hex ids (`0x1f`, commit ids, npx cache dirs: 7+ hex digits with a letter and a digit) → `<hex>`;
 *   - versions (`1.2.3`, `v20.19.0`, `v1.2`) → `<ver>`; other numbers → `<num>`, except those that name
 *     the failure: JSON-RPC codes (`-32000`), HTTP statuses where they read as one (`(401)`, `| 500 |`,
 *     `Non-200`, `403 Forbidden`), and numbers after `code`, `status`, `errno`, `Errno`, `WinError`,
 *     `exit`, `signal`, `HTTP` (`exit code 127`, `[Errno 98]`, `status code 400`);
 *   - short single-line quoted values ('…', "…", `…`, up to 80 characters) → `<str>`, but not JSON keys
 *     (`"code":`) and not quoted prose (three words or more), which is the error text itself;
 *   - lines are trimmed; empty lines go, and a line equal to the one before it goes; order is kept.
 * No mask crosses a line break, so each runs once over the whole message rather than once per line.
 * The anonymiser's placeholders (`<secret>`, `<user>`, `<host>`, …) pass through untouched. Pure,
 * deterministic and idempotent; no placeholder contains a digit, a quote, a slash or `://`, so no later
 * pass matches one again.
 */
import { IPV4_SOURCE } from './text-patterns.js';

export const NORMALISER_VERSION = 1;

const PLACEHOLDER = String.raw`<[a-z]{2,12}>`;
const TIME = String.raw`\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?`;
const DATE_TIME = String.raw`(?:\d{4}[-/]\d{2}[-/]\d{2}|\d{2}[-/]\d{2}[-/]\d{2}(?:\d{2})?)(?:[T ]${TIME}(?:Z|[+-]\d{2}:?\d{2})?)?`;
const SYSLOG_TIME = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} ${TIME}`;
const TIMESTAMP = String.raw`(?:${DATE_TIME}|${SYSLOG_TIME}|${TIME}|<ts>)`;
const LEVEL = String.raw`(?:TRACE|DEBUG|DBG|INFO|INF|NOTICE|WARN(?:ING)?|WRN|ERROR|ERR|FATAL|FTL|CRIT(?:ICAL)?|SEVERE)`;
const LEVEL_WORD = String.raw`(?:trace|debug|info|notice|warn(?:ing)?|error|fatal|critical)`;

const LOG_PREFIX = new RegExp(
  String.raw`^[ \t]*\[?${TIMESTAMP}\]?(?:[ \t]*(?:\[[^\]\n]{1,64}\]|${LEVEL}(?![\w:])|-(?=[ \t])|\|))*[ \t]*`,
  'gm',
);
const LEVEL_TAG = new RegExp(String.raw`^[ \t]*\[${LEVEL_WORD}\][ \t]*`, 'gim');

/** Strips the prefix of every line; again while one is left (`[error] [14:50:10] …` has two). */
function stripLogPrefixes(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const stripped = current.replace(LOG_PREFIX, '').replace(LEVEL_TAG, '');
    if (stripped === current) break;
    current = stripped;
  }
  return current;
}

/** A character of a path segment; placeholders (`<user>`) count as one. */
const SEG = String.raw`(?:[^\s\\/'"\u0060<>:|?*()\[\]{},;=]|${PLACEHOLDER})+`;
/** Inner segments may hold spaces (`Application Support`, `Program Files`) when a separator follows. */
const segments = (sep: string): string => String.raw`(?:${SEG}(?: ${SEG}){0,4}${sep})*(?:${SEG})?`;
const WIN_SEP = String.raw`(?:\\{1,2}|\/)`;

const FILE_URL = new RegExp(String.raw`(?<![\w+.-])file:\/\/\/?(?:[A-Za-z]:${WIN_SEP}${segments(WIN_SEP)}|\/?${segments('/')})`, 'g');
const URL = new RegExp(String.raw`\b[A-Za-z][\w+.-]{1,15}:\/\/(?:[^\s'"\u0060<>()\[\]{},;|]|${PLACEHOLDER})+`, 'g');
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const TIMESTAMPS = new RegExp(String.raw`(?<![\w:.])(?:${DATE_TIME}|${SYSLOG_TIME}|${TIME})(?![\w:])`, 'g');
const WINDOWS_PATH = new RegExp(String.raw`(?<![\w])(?:\\{2,4}\?\\{1,2})?[A-Za-z]:${WIN_SEP}${segments(WIN_SEP)}`, 'g');
const POSIX_PATH = new RegExp(String.raw`(?<![\w.:/~\-<>])(?:~|\.{1,3})?\/(?=[^\s/])${segments('/')}`, 'g');
const RELATIVE_PATH = /(?<![\w.@:/<>-])[\w.@-]+(?:\/[\w.@-]+){2,}|(?<![\w.@:/<>-])[\w.@-]+\/[\w@-]+\.[A-Za-z][A-Za-z0-9]{0,7}(?![\w/])/g;
const IPV4 = new RegExp(IPV4_SOURCE, 'g');
const IPV6 = /(?<![\w:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]{1,44}(?:%[A-Za-z0-9]{1,16})?/g;
const HEX = /\b0x[0-9a-fA-F]+\b|(?<![\w-])[0-9a-fA-F]{7,}(?![\w-])/g;
const VERSION = /(?<![\w.])(?:[vV]?\d+\.\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.]+)?(?:\+[0-9A-Za-z.]+)?|[vV]\d+(?:\.\d+)+)(?![\w.]*\d)/g;
/**
 * A number, also after `_` (`blk_3886…`), with a unit suffix of up to three letters (`8.153s`, `30000ms`),
 * but not inside an id (`5c08e`, `python3`).
 */
const NUMBER = /(?<![A-Za-z0-9.<>])-?\d+(?:\.\d+)?(?![\d.]*\d)(?=[A-Za-z]{0,3}(?![A-Za-z0-9]))/g;
const QUOTED = /(?<![\w\\])(?:"([^"\n\\]{0,80})"|'([^'\n\\]{0,80})'|`([^`\n\\]{0,80})`)(?!\w)/g;

/** Trailing sentence punctuation belongs to the sentence, not to the path or URL. */
function keepTrailingPunctuation(placeholder: string): (match: string) => string {
  return (match) => {
    const trailing = /[.:,;!?]+$/.exec(match)?.[0] ?? '';
    return match.length === trailing.length ? match : placeholder + trailing;
  };
}

/** Node prints `::` port 3000 as `:::3000` and `::1` port 5002 as `::1:5002`; the port stays a number. */
function maskIpv6(candidate: string): string {
  const local = /^(::1?):(\d{1,5})$|^(::):(\d{1,5})$/.exec(candidate.startsWith(':::') ? `::${candidate.slice(2)}` : candidate);
  if (local !== null) return `<ip>:${local[2] ?? local[4]}`;
  const address = candidate.replace(/%.*$/, '').replace(/(?<!:):$/, '');
  const halves = address.split('::');
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  const valid = halves.length <= 2 && groups.length > 0 && groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group));
  if (!valid || (halves.length === 1 && groups.length !== 8) || groups.length > 8) return candidate;
  return `<ip>${candidate.slice(address.length)}`;
}

const maskHex = (match: string): string =>
  match.startsWith('0x') || (/\d/.test(match) && /[a-fA-F]/.test(match)) ? '<hex>' : match;

/** Numbers that name the failure rather than vary with it. */
const NAMING_CONTEXT = /(?:\bcode|\bstatus|\berrno|\bErrno|\bWinError|\bexit(?:ed)?(?: with)?(?: code| status)?|\bsignal|\bHTTP(?:\/[\d.]+)?)[\s:=(#]{0,3}$/i;
/** Where a number from 100 to 599 is an HTTP status: `(401)`, `| 500 |`, `Non-200`, `403 Forbidden`. */
const STATUS_BEFORE = /(?:[(|]\s?|\bNon-)$/;
const STATUS_AFTER = /^ ?[A-Z][a-z]/;

function maskNumber(match: string, offset: number, text: string): string {
  if (/^-32\d{3}$/.test(match)) return match;
  const before = text.slice(Math.max(0, offset - 24), offset);
  if (/^-?\d+$/.test(match) && NAMING_CONTEXT.test(before)) return match;
  if (!/^[1-5]\d\d$/.test(match)) return '<num>';
  const after = text.slice(offset + match.length, offset + match.length + 3);
  if (STATUS_BEFORE.test(before)) return match;
  return STATUS_AFTER.test(after) && !/[\w-]$/.test(before) ? match : '<num>';
}

const PLACEHOLDERS = new RegExp(PLACEHOLDER, 'g');

/** Quoted prose is the error text itself: three or more words separated by spaces. */
function isProse(content: string): boolean {
  const words = content.replace(PLACEHOLDERS, ' ').split(/\s+/);
  return words.filter((word) => /[A-Za-z]{2}/.test(word)).length >= 3;
}

/** A key of a JSON object or Python dict: a quoted name after `{` or `,` (or at line start) before `:`. */
function isKey(text: string, start: number, end: number): boolean {
  return /^\s*:/.test(text.slice(end, end + 4)) && (start === 0 || /(?:[\n{,][ \t]*|\n)$/.test(text.slice(Math.max(0, start - 8), start)));
}

function maskQuoted(match: string, double: string | undefined, single: string | undefined, tick: string | undefined, offset: number, text: string): string {
  const content = double ?? single ?? tick ?? '';
  return isKey(text, offset, offset + match.length) || isProse(content) ? match : '<str>';
}

const MASKS: readonly [RegExp, string | ((...args: never[]) => string)][] = [
  [FILE_URL, keepTrailingPunctuation('<path>')],
  [URL, keepTrailingPunctuation('<url>')],
  [UUID, '<uuid>'],
  [TIMESTAMPS, '<ts>'],
  [WINDOWS_PATH, keepTrailingPunctuation('<path>')],
  [POSIX_PATH, keepTrailingPunctuation('<path>')],
  [RELATIVE_PATH, keepTrailingPunctuation('<path>')],
  [IPV4, '<ip>'],
  [IPV6, maskIpv6],
  [HEX, maskHex],
  [VERSION, '<ver>'],
  [NUMBER, maskNumber],
  [QUOTED, maskQuoted],
];

/** Which masks can match at all, decided by a literal each needs; most lines need few of them. */
const NEEDS: ReadonlyMap<RegExp, string> = new Map([
  [FILE_URL, 'file:'],
  [URL, '://'],
  [UUID, '-'],
  [RELATIVE_PATH, '/'],
  [POSIX_PATH, '/'],
  [IPV6, ':'],
  [IPV4, '.'],
]);

/**
 * Every mask refuses to cross a line break, so each runs once over the whole message; the prefixes go
 * first (line by line, through the multiline flag), then the lines are trimmed, emptied ones dropped and
 * repeats collapsed.
 */
export function normaliseMessage(message: string): string {
  let text = stripLogPrefixes(message.replace(/\r\n?/g, '\n')).replace(/[^\S\n]+/g, ' ');
  for (const [pattern, replacement] of MASKS) {
    const needed = NEEDS.get(pattern);
    if (needed !== undefined && !text.includes(needed)) continue;
    text = text.replace(pattern, replacement as (substring: string, ...args: unknown[]) => string);
  }
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line !== '' && line !== lines[lines.length - 1]) lines.push(line);
  }
  return lines.join('\n');
}
