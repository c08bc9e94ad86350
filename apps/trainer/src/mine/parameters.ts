/**
 * Which tokens are parameters before any clustering, decided from the token alone (and its neighbours),
 * with the same generic rules for every source; what the rules cannot see (user names, host names,
 * service names) the miner learns from how often a position varies.
 *   - a token with a digit: numbers, ids, hex, versions, sizes, IPv4 addresses, `blk_-1608…`, `core.2275`;
 *     except an upper-case name with one digit after it (`SOCKS5`, `IPV6`, `MD5`), which names a thing;
 *   - a path, URL or colon address (decided by the tokeniser), and a relative path: a word with two
 *     slashes, or with a slash and a dot (`com.tencent.mm/.plugin.Entry`; but not `I/O`, `read/write`);
 *   - a literal value: `true`, `false`, `null`, `undefined`, `None`, `NaN`, …;
 *   - a unit right after a parameter (`1.16 KB`, `8 ms`, `<1 sec`);
 *   - month and weekday names next to a parameter or to each other (`Sun Jul  3 10:05:25 2005`).
 * Then each run of parameters, with only spaces, `:` or `,` between them, becomes one `<*>`: how many
 * tokens a date, an address or a list of numbers takes is itself a parameter.
 */
import { TOKEN_DELIMITER, TOKEN_PARAMETER, type Tokens } from './tokenise.js';

export const WILDCARD = '<*>';

const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'nil', 'True', 'False', 'None', 'Null', 'NULL', 'TRUE', 'FALSE', 'NaN']);
const UNITS = new Set(['B', 'b', 'KB', 'kB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'ns', 'us', 'µs', 'ms', 's', 'sec', 'secs', 'min', 'mins', 'h', 'hr', 'hrs']);
const DATE_WORDS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

export interface Masked {
  /** Tokens with every parameter as WILDCARD. */
  texts: string[];
  spaced: boolean[];
}

export function isParameterWord(word: string): boolean {
  let slashes = 0;
  let dots = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 48 && code <= 57) return !isNamedWithDigit(word, i);
    if (code === 47) slashes++;
    else if (code === 46) dots++;
  }
  return (slashes > 0 && (slashes > 1 || dots > 0)) || LITERALS.has(word);
}

/** `SOCKS5`, `IPV4`, `MD5`: two or more upper-case letters and one final digit. */
function isNamedWithDigit(word: string, digitAt: number): boolean {
  if (digitAt !== word.length - 1 || digitAt < 2) return false;
  for (let i = 0; i < digitAt; i++) {
    const code = word.charCodeAt(i);
    if (code < 65 || code > 90) return false;
  }
  return true;
}

export function maskTokens(tokens: Tokens): Masked {
  const { texts, kinds } = tokens;
  const masked: string[] = new Array<string>(texts.length);
  let dates = false;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    const kind = kinds[i];
    if (kind === TOKEN_DELIMITER) masked[i] = text;
    else if (kind === TOKEN_PARAMETER || isParameterWord(text) || (i > 0 && masked[i - 1] === WILDCARD && isUnit(text))) masked[i] = WILDCARD;
    else {
      masked[i] = text;
      dates ||= text.length === 3 && DATE_WORDS.has(text);
    }
  }
  if (dates) maskDates(masked);
  return collapseRuns(masked, tokens.spaced);
}

/** `KB`, `ms`, and `sec.` at the end of a sentence. */
const isUnit = (word: string): boolean => UNITS.has(word) || (word.endsWith('.') && UNITS.has(word.slice(0, -1)));

function maskDates(masked: string[]): void {
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < masked.length; i++) {
      if (!DATE_WORDS.has(masked[i] as string)) continue;
      const before = masked[i - 1];
      const after = masked[i + 1];
      if (before === WILDCARD || after === WILDCARD || DATE_WORDS.has(after ?? '')) masked[i] = WILDCARD;
    }
  }
}

function collapseRuns(masked: readonly string[], spaced: readonly boolean[]): Masked {
  const out: Masked = { texts: [], spaced: [] };
  for (let i = 0; i < masked.length; i++) {
    const text = masked[i] as string;
    const last = out.texts.length - 1;
    if (text === WILDCARD && out.texts[last] === WILDCARD) continue;
    if (text === WILDCARD && (out.texts[last] === ':' || out.texts[last] === ',') && out.texts[last - 1] === WILDCARD) {
      out.texts.pop();
      out.spaced.pop();
      continue;
    }
    out.texts.push(text);
    out.spaced.push(spaced[i] as boolean);
  }
  return out;
}
