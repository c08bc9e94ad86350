import type { CharSet } from './char-set.js';

export type AssertionKind = 'line_start' | 'line_end' | 'word_boundary' | 'not_word_boundary';

/** The parsed form of a pattern: a regular expression with no captures and no back-references. */
export type PatternNode =
  | { type: 'empty' }
  | { type: 'set'; set: CharSet }
  | { type: 'concat'; items: PatternNode[] }
  | { type: 'alt'; options: PatternNode[] }
  | { type: 'repeat'; node: PatternNode; min: number; max: number }
  | { type: 'assert'; kind: AssertionKind };

/** Raised inside the parser and compiler only; the public functions turn it into a Result. */
export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'PatternSyntaxError';
  }
}
