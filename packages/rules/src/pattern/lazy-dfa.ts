/**
 * A lazily built DFA over the combined NFA of many patterns: an unanchored search that reports every
 * pattern matching anywhere in a text, in one left-to-right pass. Each text position costs one table
 * look-up once the states it meets are built, and at most one NFA-sized step when a state is new, so a
 * scan is linear in the text whatever the patterns are. The state cache is bounded: when it is full it is
 * dropped and rebuilt on demand, which keeps memory bounded without losing linearity.
 *
 * Assertions (`^`, `$`, `\b`, `\B`) are resolved when the next code unit is known: a DFA state remembers
 * whether the previous code unit was a word character or a line terminator, and the transition on the
 * next class follows the assertions that hold between the two.
 */
import type { Alphabet } from './alphabet.js';
import { NODE_ASSERT, NODE_CHAR, NODE_MATCH, NODE_SPLIT, type Nfa } from './nfa.js';

export const MAX_DFA_STATES = 10_000;

const PREV_WORD = 1;
const PREV_LINE_START = 2;

interface DfaState {
  nodes: Int32Array;
  flags: number;
}

export class LazyDfa {
  private states: DfaState[] = [];
  private trans: Int32Array[] = [];
  /** Per state and class: 0 when the transition reports no match, else 1 + an index into `matchLists`. */
  private transMatch: Int32Array[] = [];
  private endMatch: number[] = [];
  private readonly matchLists: Int32Array[] = [];
  private readonly matchListIndex = new Map<string, number>();
  private index = new Map<string, number>();
  private readonly marks: Int32Array;
  private stamp = 0;
  private readonly seen: Int32Array;
  private seenStamp = 0;
  private start = 0;
  private lastStepMatch = 0;
  /** How many times the state cache was dropped; exposed for tests and benchmarks. */
  resets = 0;

  constructor(
    private readonly nfa: Nfa,
    private readonly alphabet: Alphabet,
    private readonly maxStates = MAX_DFA_STATES,
  ) {
    this.marks = new Int32Array(nfa.kind.length);
    this.seen = new Int32Array(nfa.starts.length);
    this.reset();
  }

  get stateCount(): number {
    return this.states.length;
  }

  /** Indices of the patterns that match somewhere in `text`, each once, in order of discovery. */
  scan(text: string): number[] {
    const found: number[] = [];
    const stamp = ++this.seenStamp;
    const report = (list: number) => {
      for (const pattern of this.matchLists[list - 1]!) {
        if (this.seen[pattern] !== stamp) {
          this.seen[pattern] = stamp;
          found.push(pattern);
        }
      }
    };
    const { classOf } = this.alphabet;
    let state = this.start;
    for (let i = 0; i < text.length; i++) {
      const cls = classOf[text.charCodeAt(i)]!;
      let next = this.trans[state]![cls]!;
      let match: number;
      if (next >= 0) match = this.transMatch[state]![cls]!;
      else {
        next = this.step(state, cls);
        match = this.lastStepMatch;
      }
      if (match !== 0) report(match);
      state = next;
    }
    const end = this.endMatch[state]! >= 0 ? this.endMatch[state]! : this.computeEnd(state);
    if (end !== 0) report(end);
    return found;
  }

  private reset(): void {
    if (this.states.length > 0) this.resets++;
    this.states = [];
    this.trans = [];
    this.transMatch = [];
    this.endMatch = [];
    this.index = new Map();
    this.start = this.intern(this.closure(this.nfa.starts), PREV_LINE_START);
  }

  /** Computes the transition from `from` on class `cls`, caches it, and returns the target state. */
  private step(from: number, cls: number): number {
    const { nodes, flags } = this.states[from]!;
    const { stepped, matches } = this.advance(nodes, flags, cls);
    const nextFlags = (this.alphabet.isWord[cls] ? PREV_WORD : 0) | (this.alphabet.isLineTerminator[cls] ? PREV_LINE_START : 0);
    const targetNodes = this.closure(stepped.concat(this.nfa.starts));
    this.lastStepMatch = this.internMatches(matches);
    const key = stateKey(targetNodes, nextFlags);
    const known = this.index.get(key);
    if (known !== undefined) return this.record(from, cls, known);
    if (this.states.length >= this.maxStates) {
      this.reset();
      return this.intern(targetNodes, nextFlags);
    }
    return this.record(from, cls, this.intern(targetNodes, nextFlags));
  }

  private record(from: number, cls: number, to: number): number {
    this.trans[from]![cls] = to;
    this.transMatch[from]![cls] = this.lastStepMatch;
    return to;
  }

  private computeEnd(state: number): number {
    const { nodes, flags } = this.states[state]!;
    const end = this.internMatches(this.advance(nodes, flags, -1).matches);
    this.endMatch[state] = end;
    return end;
  }

  /**
   * Follows splits and the assertions that hold between the previous code unit (`flags`) and the next
   * class (`cls`, or -1 at the end of the text); collects the MATCH nodes met and the CHAR nodes' targets
   * for `cls`.
   */
  private advance(nodes: Int32Array, flags: number, cls: number): { stepped: number[]; matches: number[] } {
    const { kind, a, b } = this.nfa;
    const nextWord = cls >= 0 && this.alphabet.isWord[cls] === 1;
    const nextLineEnd = cls < 0 || this.alphabet.isLineTerminator[cls] === 1;
    const prevWord = (flags & PREV_WORD) !== 0;
    const stamp = ++this.stamp;
    const stack = Array.from(nodes);
    const stepped: number[] = [];
    const matches: number[] = [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (this.marks[node] === stamp) continue;
      this.marks[node] = stamp;
      switch (kind[node]) {
        case NODE_CHAR:
          if (cls >= 0 && this.alphabet.members[a[node]!]![cls] === 1) stepped.push(b[node]!);
          break;
        case NODE_SPLIT:
          stack.push(b[node]!, a[node]!);
          break;
        case NODE_ASSERT:
          if (assertionHolds(a[node]!, flags, prevWord, nextWord, nextLineEnd)) stack.push(b[node]!);
          break;
        case NODE_MATCH:
          matches.push(a[node]!);
          break;
      }
    }
    return { stepped, matches };
  }

  /** The nodes reachable from `seeds` through splits only, sorted: the identity of a DFA state. */
  private closure(seeds: number[]): Int32Array {
    const { kind, a, b } = this.nfa;
    const stamp = ++this.stamp;
    const stack = seeds.slice();
    const out: number[] = [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (this.marks[node] === stamp) continue;
      this.marks[node] = stamp;
      if (kind[node] === NODE_SPLIT) stack.push(b[node]!, a[node]!);
      else out.push(node);
    }
    return Int32Array.from(out).sort();
  }

  private intern(nodes: Int32Array, flags: number): number {
    const id = this.states.length;
    this.states.push({ nodes, flags });
    this.trans.push(new Int32Array(this.alphabet.size).fill(-1));
    this.transMatch.push(new Int32Array(this.alphabet.size));
    this.endMatch.push(-1);
    this.index.set(stateKey(nodes, flags), id);
    return id;
  }

  private internMatches(matches: number[]): number {
    if (matches.length === 0) return 0;
    const sorted = Int32Array.from(matches).sort();
    const key = sorted.join(',');
    let index = this.matchListIndex.get(key);
    if (index === undefined) {
      index = this.matchLists.push(sorted);
      this.matchListIndex.set(key, index);
    }
    return index;
  }
}

function assertionHolds(code: number, flags: number, prevWord: boolean, nextWord: boolean, nextLineEnd: boolean): boolean {
  switch (code) {
    case 0:
      return (flags & PREV_LINE_START) !== 0;
    case 1:
      return nextLineEnd;
    case 2:
      return prevWord !== nextWord;
    default:
      return prevWord === nextWord;
  }
}

const stateKey = (nodes: Int32Array, flags: number): string => `${flags}:${nodes.join(',')}`;
