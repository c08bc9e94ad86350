/**
 * The public face of the pattern engine: compile many patterns once, then ask which of them match a text.
 */
import { fail, ok, type Result } from '../result.js';
import { buildAlphabet } from './alphabet.js';
import { PatternSyntaxError } from './ast.js';
import { LazyDfa } from './lazy-dfa.js';
import { createNfaBuilder } from './nfa.js';
import { parsePattern } from './parse.js';

export interface PatternSet {
  /** Indices (into the compiled list) of the patterns that match somewhere in `text`. */
  scan(text: string): number[];
  readonly size: number;
  /** Counters of the lazy DFA, for benchmarks and tests. */
  stats(): { dfaStates: number; cacheResets: number; nfaNodes: number; classes: number };
}

export interface PatternError {
  /** Index of the offending pattern in the input list. */
  index: number;
  message: string;
}

/** Compiles patterns in the language of docs/patterns.md; refuses the first one outside it. */
export function compilePatterns(
  patterns: readonly string[],
  options: { maxDfaStates?: number } = {},
): Result<PatternSet, PatternError> {
  const builder = createNfaBuilder();
  for (const [index, source] of patterns.entries()) {
    try {
      builder.addPattern(parsePattern(source).node, index);
    } catch (error) {
      if (error instanceof PatternSyntaxError) return fail({ index, message: error.message }, error.message);
      throw error;
    }
  }
  const { nfa } = builder;
  const alphabet = buildAlphabet(nfa.sets);
  const dfa = new LazyDfa(nfa, alphabet, options.maxDfaStates);
  return ok({
    scan: (text: string) => dfa.scan(text),
    size: patterns.length,
    stats: () => ({
      dfaStates: dfa.stateCount,
      cacheResets: dfa.resets,
      nfaNodes: nfa.kind.length,
      classes: alphabet.size,
    }),
  });
}

/** Checks one pattern; returns the reason it is refused, or undefined when it is in the language. */
export function checkPattern(source: string): string | undefined {
  const result = compilePatterns([source]);
  return result.ok ? undefined : result.reason.message;
}
