/**
 * Sets of UTF-16 code units as sorted, disjoint, non-adjacent inclusive ranges `[lo, hi, lo, hi, ...]`.
 * The pattern engine works on code units, as JavaScript strings do.
 */
export type CharSet = readonly number[];

export const MAX_CODE_UNIT = 0xffff;

/** Sorts and merges any list of inclusive ranges into canonical form. */
export function normaliseRanges(ranges: readonly number[]): CharSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export const charSetOf = (...codes: number[]): CharSet => normaliseRanges(codes.flatMap((c) => [c, c]));

export const unionSets = (...sets: CharSet[]): CharSet => normaliseRanges(sets.flat());

export function negateSet(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_CODE_UNIT) out.push(next, MAX_CODE_UNIT);
  return out;
}

export function setHas(set: CharSet, code: number): boolean {
  for (let i = 0; i < set.length; i += 2) {
    if (code < set[i]!) return false;
    if (code <= set[i + 1]!) return true;
  }
  return false;
}

/** Ranges larger than this are assumed closed under case already (they are negations or `.`). */
const MAX_FOLD_RANGE = 2048;

/** Adds the other-case form of every code unit in the set (simple one-to-one case mappings only). */
export function foldCase(set: CharSet): CharSet {
  const extra: number[] = [];
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i]!;
    const hi = set[i + 1]!;
    if (hi - lo > MAX_FOLD_RANGE) continue;
    for (let code = lo; code <= hi; code++) {
      for (const other of otherCases(code)) extra.push(other, other);
    }
  }
  return extra.length === 0 ? set : normaliseRanges([...set, ...extra]);
}

function otherCases(code: number): number[] {
  const char = String.fromCharCode(code);
  const out: number[] = [];
  for (const variant of [char.toLowerCase(), char.toUpperCase()]) {
    if (variant.length === 1 && variant.charCodeAt(0) !== code) out.push(variant.charCodeAt(0));
  }
  return out;
}

export const DIGIT: CharSet = [0x30, 0x39];
export const WORD: CharSet = normaliseRanges([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]);
/** JavaScript's `\s`. */
export const SPACE: CharSet = normaliseRanges([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f,
  0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
/** Line terminators: what `.` does not match and where `^` and `$` match. */
export const LINE_TERMINATOR: CharSet = normaliseRanges([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]);
export const ANY_BUT_LINE_TERMINATOR: CharSet = negateSet(LINE_TERMINATOR);
