/**
 * Parses the rule pattern language (docs/patterns.md): a subset of RE2 / JavaScript regular expression
 * syntax with nothing that needs backtracking. Everything outside the subset is refused with a reason.
 */
import { PatternSyntaxError, type PatternNode } from './ast.js';
import {
  ANY_BUT_LINE_TERMINATOR,
  DIGIT,
  SPACE,
  WORD,
  charSetOf,
  foldCase,
  negateSet,
  normaliseRanges,
  type CharSet,
} from './char-set.js';

export const MAX_PATTERN_LENGTH = 2000;
export const MAX_REPEAT = 1000;

export interface ParsedPattern {
  node: PatternNode;
  ignoreCase: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, f: 0x0c, '0': 0 };
const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: DIGIT,
  D: negateSet(DIGIT),
  w: WORD,
  W: negateSet(WORD),
  s: SPACE,
  S: negateSet(SPACE),
};

export function parsePattern(source: string): ParsedPattern {
  if (source.length > MAX_PATTERN_LENGTH) {
    throw new PatternSyntaxError(`pattern is longer than ${MAX_PATTERN_LENGTH} characters`, MAX_PATTERN_LENGTH);
  }
  const ignoreCase = source.startsWith('(?i)');
  const parser = new Parser(source, ignoreCase ? 4 : 0, ignoreCase);
  const node = parser.parseAlternation();
  if (!parser.atEnd()) parser.fail(`unmatched ')'`);
  return { node, ignoreCase };
}

class Parser {
  constructor(
    private readonly src: string,
    private pos: number,
    private readonly ignoreCase: boolean,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  fail(message: string, at = this.pos): never {
    throw new PatternSyntaxError(`${message} (at ${at})`, at);
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  parseAlternation(): PatternNode {
    const options = [this.parseConcatenation()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.parseConcatenation());
    }
    return options.length === 1 ? options[0]! : { type: 'alt', options };
  }

  private parseConcatenation(): PatternNode {
    const items: PatternNode[] = [];
    while (!this.atEnd() && this.peek() !== '|' && this.peek() !== ')') items.push(this.parseRepetition());
    if (items.length === 0) return { type: 'empty' };
    return items.length === 1 ? items[0]! : { type: 'concat', items };
  }

  private parseRepetition(): PatternNode {
    const start = this.pos;
    const atom = this.parseAtom();
    const bounds = this.parseQuantifier();
    if (!bounds) return atom;
    if (atom.type === 'assert') this.fail('a quantifier cannot follow an assertion', start);
    if (this.peek() === '?') this.pos++; // lazy: irrelevant when only match / no match counts
    if (this.peek() === '+' || this.peek() === '*' || (this.peek() === '{' && this.quantifierAhead())) {
      this.fail('nested quantifiers (possessive forms) are not supported');
    }
    return { type: 'repeat', node: atom, min: bounds[0], max: bounds[1] };
  }

  private parseQuantifier(): [number, number] | undefined {
    const c = this.peek();
    if (c === '*') return this.pos++, [0, Infinity];
    if (c === '+') return this.pos++, [1, Infinity];
    if (c === '?') return this.pos++, [0, 1];
    if (c !== '{' || !this.quantifierAhead()) return undefined;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos))!;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail(`repetition count above ${MAX_REPEAT}`);
    if (max < min) this.fail('repetition {n,m} with m < n');
    this.pos += match[0].length;
    return [min, max];
  }

  private quantifierAhead(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos, this.pos + 16));
  }

  private parseAtom(): PatternNode {
    const c = this.peek()!;
    const start = this.pos;
    this.pos++;
    switch (c) {
      case '(':
        return this.parseGroup(start);
      case '[':
        return { type: 'set', set: this.parseClass() }; // already case-folded before any negation
      case '.':
        return { type: 'set', set: ANY_BUT_LINE_TERMINATOR };
      case '^':
        return { type: 'assert', kind: 'line_start' };
      case '$':
        return { type: 'assert', kind: 'line_end' };
      case '\\':
        return this.parseEscape();
      case '*':
      case '+':
      case '?':
        return this.fail(`nothing to repeat before '${c}'`, start);
      default:
        if (c === '{' && this.quantifierAhead()) this.fail(`nothing to repeat before '{'`, start);
        return this.set(charSetOf(c.charCodeAt(0)));
    }
  }

  private parseGroup(start: number): PatternNode {
    if (this.peek() === '?') {
      const head = this.src.slice(this.pos, this.pos + 3);
      if (head.startsWith('?:')) this.pos += 2;
      else if (head.startsWith('?=') || head.startsWith('?!') || head === '?<=' || head === '?<!') {
        this.fail('look-around is not supported (patterns are matched without backtracking)', start);
      } else if (head.startsWith('?<')) this.fail('named groups are not supported; use (?:...)', start);
      else if (head.startsWith('?i')) this.fail('(?i) is only allowed at the very start of a pattern', start);
      else this.fail('unsupported group syntax', start);
    }
    const node = this.parseAlternation();
    if (this.peek() !== ')') this.fail(`unclosed '('`, start);
    this.pos++;
    return node;
  }

  private parseEscape(): PatternNode {
    const c = this.peek();
    if (c === 'b' || c === 'B') {
      this.pos++;
      return { type: 'assert', kind: c === 'b' ? 'word_boundary' : 'not_word_boundary' };
    }
    return this.set(this.parseEscapedSet(false));
  }

  /** The escape after a backslash, as a set; `inClass` is true inside `[...]`. */
  private parseEscapedSet(inClass: boolean): CharSet {
    const start = this.pos - 1;
    const c = this.peek();
    if (c === undefined) this.fail('pattern ends with a lone backslash', start);
    this.pos++;
    if (CLASS_ESCAPES[c] !== undefined) return CLASS_ESCAPES[c];
    if (SIMPLE_ESCAPES[c] !== undefined) return charSetOf(SIMPLE_ESCAPES[c]);
    if (c === 'b' && inClass) return charSetOf(0x08);
    if (c === 'x' || c === 'u') return charSetOf(this.parseHex(c === 'x' ? 2 : 4, start));
    if (/[1-9]/.test(c)) this.fail('back-references are not supported (patterns are matched without backtracking)', start);
    if (c === 'k') this.fail('named back-references are not supported', start);
    if (/[A-Za-z]/.test(c)) this.fail(`unknown escape '\\${c}'`, start);
    return charSetOf(c.charCodeAt(0));
  }

  private parseHex(digits: number, start: number): number {
    const hex = this.src.slice(this.pos, this.pos + digits);
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) this.fail('malformed hex escape', start);
    this.pos += digits;
    return parseInt(hex, 16);
  }

  private parseClass(): CharSet {
    const start = this.pos - 1;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: number[] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.atEnd()) this.fail(`unclosed '['`, start);
      first = false;
      const low = this.parseClassAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined && low.single !== undefined) {
        this.pos++;
        const high = this.parseClassAtom();
        if (high.single === undefined) this.fail('a class escape cannot end a range', this.pos - 2);
        if (high.single < low.single) this.fail('range out of order in character class', start);
        ranges.push(low.single, high.single);
      } else ranges.push(...low.set);
    }
    this.pos++;
    const set = this.ignoreCase ? foldCase(normaliseRanges(ranges)) : normaliseRanges(ranges);
    return negated ? negateSet(set) : set;
  }

  private parseClassAtom(): { set: CharSet; single?: number } {
    const c = this.peek()!;
    this.pos++;
    if (c !== '\\') return { set: charSetOf(c.charCodeAt(0)), single: c.charCodeAt(0) };
    const set = this.parseEscapedSet(true);
    const single = set.length === 2 && set[0] === set[1] ? set[0] : undefined;
    return single === undefined ? { set } : { set, single };
  }

  private set(set: CharSet): PatternNode {
    return { type: 'set', set: this.ignoreCase ? foldCase(set) : set };
  }
}

