/**
 * tokenise: a message as the miner sees it, a flat list of tokens. Works on log lines and on error
 * messages as they really are, with the same rules for every source:
 *   - whitespace separates tokens and is kept only as a flag (`spaced`) for rendering the template;
 *   - the delimiters `= : , ; ( ) [ ] { } " ' | < >` are tokens of their own, so `uid=0`, `(0x1f)` and JSON
 *     fragments (`{"code":-32000}`) fall apart into keys, punctuation and values;
 *   - file paths (POSIX, `~/`, `./`, Windows, UNC), URLs (`scheme://…`) and colon-separated addresses with
 *     a digit (IPv6, MAC, clock times) stay one token each, and are parameters whatever they contain;
 *   - a multi-line message keeps its line breaks as `\n` tokens; blank lines and repeated lines go; in a
 *     stack trace (JS/Java/.NET `at …`, Java `... 3 more`, Python `File "…", line 3, in f` with its code
 *     line) each run of frames keeps only its first frame, since how deep a stack is varies between two
 *     occurrences of the same failure;
 *   - at most MAX_TOKENS tokens are read; a longer message ends in a parameter (its tail varies).
 * Pure, and written for speed (one pass over character codes, no regular expression per token).
 */

export const TOKEN_WORD = 0;
export const TOKEN_DELIMITER = 1;
export const TOKEN_PARAMETER = 2;
export type TokenKind = typeof TOKEN_WORD | typeof TOKEN_DELIMITER | typeof TOKEN_PARAMETER;

/** Past this many tokens the rest of a message is one parameter. */
export const MAX_TOKENS = 256;

export interface Tokens {
  texts: string[];
  kinds: TokenKind[];
  /** Whether whitespace came before the token (for rendering only; matching ignores it). */
  spaced: boolean[];
}

const DELIMITERS = '=:,;()[]{}"\'|<>';
const IS_DELIMITER = new Uint8Array(128);
for (const char of DELIMITERS) IS_DELIMITER[char.charCodeAt(0)] = 1;

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 13 || code === 11 || code === 12 || code === 160;
const isDelimiter = (code: number): boolean => code < 128 && IS_DELIMITER[code] === 1;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isHex = (code: number): boolean => isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
const isWordChar = (code: number): boolean => isLetter(code) || isDigit(code) || code === 95;

export function tokenise(message: string): Tokens {
  const tokens: Tokens = { texts: [], kinds: [], spaced: [] };
  if (!message.includes('\n')) {
    tokeniseLine(message, tokens);
  } else {
    for (const line of keptLines(message)) {
      if (tokens.texts.length > 0) push(tokens, '\n', TOKEN_DELIMITER, false);
      tokeniseLine(line, tokens);
      if (tokens.texts.length > MAX_TOKENS) break;
    }
  }
  if (tokens.texts.length > MAX_TOKENS) {
    tokens.texts.length = tokens.kinds.length = tokens.spaced.length = MAX_TOKENS;
    push(tokens, '', TOKEN_PARAMETER, true);
  }
  return tokens;
}

function push(tokens: Tokens, text: string, kind: TokenKind, spaced: boolean): void {
  tokens.texts.push(text);
  tokens.kinds.push(kind);
  tokens.spaced.push(spaced);
}

function tokeniseLine(line: string, tokens: Tokens): void {
  const length = line.length;
  let spaced = false;
  let i = 0;
  while (i < length && tokens.texts.length <= MAX_TOKENS) {
    const code = line.charCodeAt(i);
    if (isSpace(code)) {
      spaced = true;
      i++;
      continue;
    }
    const address = code === 58 && line.charCodeAt(i + 1) === 58 ? colonAddressEnd(line, i) : -1; // ::1, ::ffff:1.2.3.4
    if (address > 0) {
      push(tokens, line.slice(i, address), TOKEN_PARAMETER, spaced);
      spaced = false;
      i = address;
      continue;
    }
    if (isDelimiter(code)) {
      push(tokens, line[i] as string, TOKEN_DELIMITER, spaced);
      spaced = false;
      i++;
      continue;
    }
    const structured = structuredEnd(line, i);
    let end = structured;
    if (end < 0) {
      end = i + 1;
      while (end < length && !isSpace(line.charCodeAt(end)) && !isDelimiter(line.charCodeAt(end))) end++;
    }
    push(tokens, line.slice(i, end), structured < 0 ? TOKEN_WORD : TOKEN_PARAMETER, spaced);
    spaced = false;
    i = end;
  }
}

/** Where a path, URL or colon address starting at `start` ends, or -1 when none starts there. */
function structuredEnd(line: string, start: number): number {
  const code = line.charCodeAt(start);
  const next = line.charCodeAt(start + 1);
  const isPath =
    (code === 47 && start + 1 < line.length && !isSpace(next) && next !== 47) || // /usr/lib (not a lone `/` or `//`)
    code === 92 || // \\server\share, \Windows
    ((code === 126 || code === 46) && next === 47) || // ~/x, ./x
    (code === 46 && next === 46 && line.charCodeAt(start + 2) === 47) || // ../x
    (isLetter(code) && next === 58 && (line.charCodeAt(start + 2) === 92 || line.charCodeAt(start + 2) === 47) && !isWordChar(line.charCodeAt(start - 1))); // C:\ or C:/
  if (isPath || isUrlStart(line, start)) return trimTrailing(line, start, chunkEnd(line, start));
  return isHex(code) ? colonAddressEnd(line, start) : -1;
}

function chunkEnd(line: string, start: number): number {
  let end = start;
  while (end < line.length && !isSpace(line.charCodeAt(end))) end++;
  return end;
}

/** `scheme://`: letters, digits, `+ . -` after a letter, then `://`. */
function isUrlStart(line: string, start: number): boolean {
  if (!isLetter(line.charCodeAt(start))) return false;
  let i = start + 1;
  while (i < line.length && i - start <= MAX_SCHEME_CHARS) {
    const code = line.charCodeAt(i);
    if (code === 58) return line.charCodeAt(i + 1) === 47 && line.charCodeAt(i + 2) === 47;
    if (!(isWordChar(code) || code === 43 || code === 46 || code === 45)) return false;
    i++;
  }
  return false;
}

/** Long enough for reverse-DNS schemes (`com.apple.ical.sync.x-coredata://…`). */
const MAX_SCHEME_CHARS = 48;

const OPENER_OF: Record<number, number> = { 41: 40, 93: 91, 125: 123, 62: 60 };

/** Sentence punctuation, quotes and unbalanced closing brackets after a path or URL are not part of it. */
function trimTrailing(line: string, start: number, end: number): number {
  const balance = new Map<number, number>();
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    const opener = OPENER_OF[code];
    if (opener !== undefined) balance.set(opener, (balance.get(opener) ?? 0) - 1);
    else if (code === 40 || code === 91 || code === 123 || code === 60) balance.set(code, (balance.get(code) ?? 0) + 1);
  }
  let stop = end;
  while (stop > start + 1) {
    const code = line.charCodeAt(stop - 1);
    const opener = OPENER_OF[code];
    if (opener !== undefined) {
      if ((balance.get(opener) ?? 0) >= 0) break;
      balance.set(opener, (balance.get(opener) ?? 0) + 1);
    } else if (!(code === 46 || code === 44 || code === 59 || code === 58 || code === 34 || code === 39 || code === 96)) {
      break;
    }
    stop--;
  }
  return stop;
}

/** Hex groups joined by two or more colons, with a digit somewhere: IPv6, MAC addresses, clock times. */
function colonAddressEnd(line: string, start: number): number {
  let i = start;
  let colons = 0;
  let digit = false;
  for (;;) {
    const groupStart = i;
    while (i < line.length && i - groupStart < 4 && isHex(line.charCodeAt(i))) {
      if (isDigit(line.charCodeAt(i))) digit = true;
      i++;
    }
    if (line.charCodeAt(i) !== 58) break;
    colons++;
    i++;
  }
  if (line.charCodeAt(i - 1) === 58 && line.charCodeAt(i - 2) !== 58) i--; // `10:05:25:` ends before its colon
  while (line.charCodeAt(i) === 46 && isDigit(line.charCodeAt(i + 1))) for (i++; isDigit(line.charCodeAt(i)); i++); // `::ffff:1.2.3.4`, `10:05:25.123`
  if (line.charCodeAt(i) === 37) for (i++; isWordChar(line.charCodeAt(i)); i++); // fe80::1%lo0
  if (colons < 2 || !digit || isWordChar(line.charCodeAt(i))) return -1;
  return i;
}

const FRAME = /^\s*(?:at\s+\S|\.\.\.\s+\d+\s+more\b|File\s+"[^"]*",\s+line\s+\d+)/;
const PYTHON_FRAME = /^\s*File\s/;

/**
 * The lines of a multi-line message that the miner reads: trimmed, without blank or repeated lines, and
 * with only the first frame of each run of stack frames (a Python frame's indented code line goes with it).
 */
export function keptLines(message: string): string[] {
  const kept: string[] = [];
  let inFrames = false;
  let codeIndent = -1;
  for (const raw of message.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (line === '') continue;
    const indent = raw.length - raw.trimStart().length;
    if (FRAME.test(raw)) {
      codeIndent = PYTHON_FRAME.test(raw) ? indent : -1;
      if (inFrames) continue;
      inFrames = true;
    } else if (inFrames && codeIndent >= 0 && indent > codeIndent) {
      codeIndent = -1;
      continue;
    } else {
      inFrames = false;
      codeIndent = -1;
    }
    if (line !== kept[kept.length - 1]) kept.push(line);
  }
  return kept;
}
