/** Small character tests the detectors share. Plain loops over char codes: no allocation, no regex. */

export const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;
export const isUpperCode = (code: number): boolean => code >= 65 && code <= 90;
export const isLowerCode = (code: number): boolean => code >= 97 && code <= 122;

export interface CharMix {
  digits: number;
  upper: number;
  lower: number;
  other: number;
}

export function charMix(text: string): CharMix {
  const mix: CharMix = { digits: 0, upper: 0, lower: 0, other: 0 };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigitCode(code)) mix.digits++;
    else if (isUpperCode(code)) mix.upper++;
    else if (isLowerCode(code)) mix.lower++;
    else mix.other++;
  }
  return mix;
}

/**
 * Counts per ASCII code for `shannonEntropy`. Module state, but invisible from outside: every call puts
 * each counter it raised back to zero before it returns, and JavaScript runs one call at a time.
 */
const asciiCounts = new Uint16Array(128);

/** Shannon entropy in bits per character, over the UTF-16 code units of `text`. */
export function shannonEntropy(text: string): number {
  const seen: number[] = [];
  const others = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) others.set(code, (others.get(code) ?? 0) + 1);
    else if (asciiCounts[code]!++ === 0) seen.push(code);
  }
  let bits = 0;
  const add = (count: number): void => {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  };
  for (const code of seen) {
    add(asciiCounts[code]!);
    asciiCounts[code] = 0;
  }
  for (const count of others.values()) add(count);
  return bits;
}

/** A word of prose or an ALL_CAPS code: `expired`, `Authentication`, `AUTHENTICATED_FAILED`. */
export const isPlainWord = (value: string): boolean => /^(?:[A-Za-z][a-z]*|[A-Z][A-Z_]*)$/.test(value);

/**
 * Whether a credential-shaped value (after `Bearer`, or after `token:` in prose) is a real secret rather
 * than a word or a number: long enough, with a letter, not a plain word, and not itself a `key=value` pair.
 */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 6 || isPlainWord(value) || !/[A-Za-z]/.test(value)) return false;
  const equals = value.indexOf('=');
  return equals < 0 || /^=*$/.test(value.slice(equals));
}
