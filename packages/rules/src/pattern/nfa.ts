/**
 * Thompson construction: many parsed patterns become one non-deterministic automaton whose MATCH nodes
 * name the pattern they accept. Node kinds live in parallel arrays, which keeps the DFA builder cheap.
 */
import { PatternSyntaxError, type AssertionKind, type PatternNode } from './ast.js';
import type { CharSet } from './char-set.js';

export const NODE_CHAR = 0;
export const NODE_SPLIT = 1;
export const NODE_ASSERT = 2;
export const NODE_MATCH = 3;

export const ASSERTION_CODES: Readonly<Record<AssertionKind, number>> = {
  line_start: 0,
  line_end: 1,
  word_boundary: 2,
  not_word_boundary: 3,
};

export const MAX_NODES_PER_PATTERN = 20_000;
export const MAX_NODES_PER_PACK = 400_000;

export interface Nfa {
  /** NODE_* per node. */
  kind: number[];
  /** CHAR: set index; SPLIT: first branch; ASSERT: assertion code; MATCH: pattern index. */
  a: number[];
  /** CHAR, ASSERT: next node; SPLIT: second branch. */
  b: number[];
  /** Distinct character sets, indexed by CHAR nodes. */
  sets: CharSet[];
  /** The entry node of each pattern. */
  starts: number[];
}

export function createNfaBuilder() {
  const nfa: Nfa = { kind: [], a: [], b: [], sets: [], starts: [] };
  const setIndex = new Map<string, number>();
  let patternNodes = 0;

  const add = (kind: number, a: number, b: number): number => {
    if (++patternNodes > MAX_NODES_PER_PATTERN) {
      throw new PatternSyntaxError(`pattern needs more than ${MAX_NODES_PER_PATTERN} automaton states`, 0);
    }
    if (nfa.kind.length >= MAX_NODES_PER_PACK) {
      throw new PatternSyntaxError(`the pack needs more than ${MAX_NODES_PER_PACK} automaton states`, 0);
    }
    nfa.kind.push(kind);
    nfa.a.push(a);
    nfa.b.push(b);
    return nfa.kind.length - 1;
  };

  const internSet = (set: CharSet): number => {
    const key = set.join(',');
    let index = setIndex.get(key);
    if (index === undefined) {
      index = nfa.sets.length;
      nfa.sets.push(set);
      setIndex.set(key, index);
    }
    return index;
  };

  /** Compiles `node` so that it continues at `next`; returns its entry node. */
  const compile = (node: PatternNode, next: number): number => {
    switch (node.type) {
      case 'empty':
        return next;
      case 'set':
        return add(NODE_CHAR, internSet(node.set), next);
      case 'assert':
        return add(NODE_ASSERT, ASSERTION_CODES[node.kind], next);
      case 'concat':
        return node.items.reduceRight((after, item) => compile(item, after), next);
      case 'alt':
        return node.options
          .map((option) => compile(option, next))
          .reduceRight((rest, start) => add(NODE_SPLIT, start, rest));
      case 'repeat':
        return compileRepeat(node.node, node.min, node.max, next);
    }
  };

  const compileRepeat = (body: PatternNode, min: number, max: number, next: number): number => {
    let entry = next;
    if (max === Infinity) {
      const loop = add(NODE_SPLIT, -1, next);
      nfa.a[loop] = compile(body, loop);
      entry = loop;
    } else {
      for (let i = min; i < max; i++) entry = add(NODE_SPLIT, compile(body, entry), next);
    }
    for (let i = 0; i < min; i++) entry = compile(body, entry);
    return entry;
  };

  return {
    /** Adds one pattern that reports `patternIndex` when it matches. */
    addPattern(node: PatternNode, patternIndex: number): void {
      patternNodes = 0;
      const match = add(NODE_MATCH, patternIndex, -1);
      nfa.starts.push(compile(node, match));
    },
    nfa,
  };
}
