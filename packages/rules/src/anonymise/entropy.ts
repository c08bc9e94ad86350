/**
 * The last net: long random-looking strings that no named detector knew (keys of providers without a
 * prefix, AWS secret keys, hex API keys, base64 blobs). A run of token characters is a secret when it is
 * long (20+), random (Shannon entropy over a threshold) and not made of words. Entropy alone cannot tell
 * `tryToReloadTodayBasicSteps1514044800223` from a key, so the word test looks at how the run splits at
 * camelCase and letter/digit boundaries: identifiers split into words (average segment of 3.2+ characters,
 * vowels in their letters), random strings into crumbs of one or two characters. Tuned on generated keys
 * of six alphabets (98-100% caught) against every 20+ character run in the loghub and MCP error corpora.
 *
 * Kept: UUIDs (request and session ids diagnose), hex shorter than 32 (the npx cache directory
 * `_npx/b7043670c3149184`, short commit ids), numbers, and ids whose long parts are such. A run with
 * slashes is read as a path when it starts with `/` or holds a word, and then only its random parts go.
 */
import { PLACEHOLDER } from './placeholders.js';
import { isDigitCode, isLowerCode, isUpperCode, shannonEntropy } from './text.js';

export const MIN_SECRET_LENGTH = 20;
const MIN_HEX_SECRET_LENGTH = 32;
/** Bits per character; random base64 of length 20 scores 3.75 or more, lowercase-and-digits 3.44. */
export const ENTROPY_THRESHOLD = 3.3;
/** Average length of the camelCase/digit segments above which a run reads as words. */
const WORD_SEGMENT_LENGTH = 3.2;
/** Share of vowels among the letters below which a run with digits reads as random. */
const MIN_WORD_VOWEL_SHARE = 0.25;

const UUID_ID = /^(?:[A-Za-z]+[-_])?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const classOf = (code: number): number => (isLowerCode(code) ? LOWER : isUpperCode(code) ? UPPER : isDigitCode(code) ? DIGIT : 0);
const VOWELS = new Uint8Array(128);
for (const vowel of 'aeiouAEIOU') VOWELS[vowel.charCodeAt(0)] = 1;
const isVowel = (code: number): boolean => VOWELS[code] === 1;

interface Shape {
  lower: number;
  upper: number;
  digits: number;
  separators: number;
  /** Average length of the runs between camelCase, letter/digit and separator boundaries. */
  averageSegment: number;
  /** Share of vowels among the lowercase letters (among the capitals when there are few lowercase). */
  vowelShare: number;
  hexOnly: boolean;
}

/** One pass over the token. */
function shapeOf(body: string): Shape {
  const shape = { lower: 0, upper: 0, digits: 0, separators: 0, averageSegment: 0, vowelShare: 1, hexOnly: true };
  let segments = 0;
  let lowerVowels = 0;
  let upperVowels = 0;
  let previous = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const kind = classOf(code);
    if (kind === 0) shape.separators++;
    else if (previous === 0 || (previous === LOWER && kind === UPPER) || (previous === DIGIT) !== (kind === DIGIT)) segments++;
    else if (previous === UPPER && kind === UPPER && classOf(body.charCodeAt(i + 1)) === LOWER) segments++;
    if (kind === LOWER) (shape.lower++, isVowel(code) && lowerVowels++);
    else if (kind === UPPER) (shape.upper++, isVowel(code) && upperVowels++);
    else if (kind === DIGIT) shape.digits++;
    if (kind === 0 || !((code >= 97 && code <= 102) || (code >= 65 && code <= 70) || kind === DIGIT)) shape.hexOnly = false;
    previous = kind;
  }
  const useLower = shape.lower >= 6;
  const letters = useLower ? shape.lower : shape.upper;
  shape.vowelShare = letters === 0 ? 1 : (useLower ? lowerVowels : upperVowels) / letters;
  shape.averageSegment = (body.length - shape.separators) / Math.max(segments, 1);
  return shape;
}

/** Identifiers split into words; random strings into crumbs, with few vowels. */
function readsAsRandom(shape: Shape): boolean {
  if (shape.averageSegment < WORD_SEGMENT_LENGTH) return true;
  const letters = shape.lower >= 6 ? shape.lower : shape.upper;
  return shape.digits >= 2 && letters >= 6 && shape.vowelShare < MIN_WORD_VOWEL_SHARE && shape.averageSegment < 6;
}

/**
 * An id or a name built from parts: long parts that are numbers or short hex (`23505_none_681aa442f6fed7f0`,
 * `tb_c2cMsg_2658655094`), or four or more short parts (`sweep3d-5x5x400-10mk-3mmi-1024pes`). Random
 * base64url rarely has a separator, let alone four.
 */
function isCompositeId(body: string): boolean {
  const parts = body.split(/[-_.+]+/);
  if (parts.length >= 4 && parts.every((part) => part.length <= 8)) return true;
  const longParts = parts.filter((part) => part.length >= 8);
  return longParts.length > 0 && longParts.every((part) => /^\d+$/.test(part) || (HEX.test(part) && part.length < MIN_HEX_SECRET_LENGTH));
}

export function isSecretToken(token: string): boolean {
  let end = token.length;
  while (end > 0 && token.charCodeAt(end - 1) === 61) end--;
  const body = end === token.length ? token : token.slice(0, end);
  if (body.length < MIN_SECRET_LENGTH) return false;
  const shape = shapeOf(body);
  if (shape.digits === body.length) return false;
  if (shape.hexOnly) return body.length >= MIN_HEX_SECRET_LENGTH && shape.digits > 0;
  if (!readsAsRandom(shape) || (shape.separators > 0 && (UUID_ID.test(body) || isCompositeId(body)))) return false;
  return shannonEntropy(body) >= ENTROPY_THRESHOLD;
}

const PATH_WORD = /^(?:[a-z]{3,}|[A-Z][a-z]{2,}|_?[a-z]+(?:[-_][a-z0-9]+)+)$/;

/** `cache/uv/archive-v0/JkzvwL8Uxh-xsklguWTYm/lib` is a path; `4tC9H9FCo/h/uRe0EUHeb6WBI/N+sorHhgdH69MB` a key. */
function maskSlashedRun(run: string): string {
  const parts = run.split('/');
  const rooted = run.startsWith('/');
  const isPath = (rooted && parts.length > 2) || parts.some((part) => PATH_WORD.test(part));
  if (!isPath) return isSecretToken(run.replace(/\//g, '')) ? PLACEHOLDER.secret : run;
  if (parts.every((part) => part.length < MIN_SECRET_LENGTH)) return run;
  let maskedChars = 0;
  const masked = parts.map((part) => {
    if (!isSecretToken(part)) return part;
    maskedChars += part.length;
    return PLACEHOLDER.secret;
  });
  // Mostly random and not rooted: a base64 blob that happened to hold a word, not a path.
  return !rooted && maskedChars * 2 >= run.length ? PLACEHOLDER.secret : masked.join('/');
}

/** The characters of a token run: letters, digits, `+ / _ -` (base64 and base64url). */
const TOKEN_CODES = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') TOKEN_CODES[char.charCodeAt(0)] = 1;

const EQUALS = 61;
const MAX_PADDING = 2;

const maskRun = (run: string): string => (run.includes('/') ? maskSlashedRun(run) : isSecretToken(run) ? PLACEHOLDER.secret : run);

/** Finds the runs of token characters (20 or more, with up to two `=` of padding) in one linear pass. */
export function maskHighEntropy(text: string): string {
  let out = '';
  let last = 0;
  let start = -1;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : 0;
    if (code < 128 && TOKEN_CODES[code] === 1) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= MIN_SECRET_LENGTH) {
      let end = i;
      while (end < text.length && end - i < MAX_PADDING && text.charCodeAt(end) === EQUALS) end++;
      const run = text.slice(start, end);
      const masked = maskRun(run);
      if (masked !== run) {
        out += text.slice(last, start) + masked;
        last = end;
      }
      i = end > i ? end - 1 : i;
    }
    start = -1;
  }
  return last === 0 ? text : out + text.slice(last);
}
