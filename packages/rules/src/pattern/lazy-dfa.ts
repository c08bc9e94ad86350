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
 *
 * The search is unanchored, so every position restarts every pattern. Those restart nodes are the same
 * in every state; they are left out of a state's identity and their step is computed once per previous
 * flags and class. A state holds only the nodes of matches in progress, which keeps states small and
 * cheap to build however many rules a pack has.
 */
import type { Alphabet } from './alphabet.js';
import { NODE_ASSERT, NODE_CHAR, NODE_MATCH, NODE_SPLIT, type Nfa } from './nfa.js';

/** Memory the transition tables of one automaton may take before its state cache is dropped. */
export const DFA_CACHE_BYTES = 32 * 1024 * 1024;

const PREV_WORD = 1;
const PREV_LINE_START = 2;

interface DfaState {
  nodes: Int32Array;
  flags: number;
}

export class LazyDfa {
  private states: DfaState[] = [];
  /**
   * Transitions of every state, at `state * classes + class`: -1 while unknown, else the target state
   * shifted left by one, with the low bit set when taking the transition completes a match.
   */
  private table = new Int32Array(0);
  /** For transitions with the low bit set: 1 + an index into `matchLists`. */
  private tableMatch = new Map<number, number>();
  private endMatch: number[] = [];
  private readonly matchLists: Int32Array[] = [];
  private readonly matchListIndex = new Map<string, number>();
  private index = new Map<string, number>();
  private readonly marks: Int32Array;
  private stamp = 0;
  /** The restart nodes (closure of every pattern's start), present implicitly in every state. */
  private readonly restart: Int32Array;
  private readonly inRestart: Uint8Array;
  /** The restart nodes' step, per previous flags and class: computed once each. */
  private readonly restartSteps: ({ stepped: number[]; matches: number[] } | undefined)[] = [];
  private readonly maxStates: number;
  private readonly seen: Int32Array;
  private seenStamp = 0;
  private start = 0;
  private lastStepMatch = 0;
  /** How many times the state cache was dropped; exposed for tests and benchmarks. */
  resets = 0;

  constructor(
    private readonly nfa: Nfa,
    private readonly alphabet: Alphabet,
    maxStates?: number,
  ) {
    this.maxStates = maxStates ?? Math.max(64, Math.floor(DFA_CACHE_BYTES / (alphabet.size * 4)));
    this.marks = new Int32Array(nfa.kind.length);
    this.restart = this.closure(nfa.starts);
    this.inRestart = new Uint8Array(nfa.kind.length);
    for (const node of this.restart) this.inRestart[node] = 1;
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
    const { classOf, size } = this.alphabet;
    let table = this.table;
    let state = this.start;
    for (let i = 0; i < text.length; i++) {
      const slot = state * size + classOf[text.charCodeAt(i)]!;
      const entry = table[slot]!;
      if (entry >= 0) {
        if ((entry & 1) !== 0) this.report(this.tableMatch.get(slot)!, stamp, found);
        state = entry >> 1;
      } else {
        state = this.step(state, slot - state * size);
        if (this.lastStepMatch !== 0) this.report(this.lastStepMatch, stamp, found);
        table = this.table;
      }
    }
    const end = this.endMatch[state]! >= 0 ? this.endMatch[state]! : this.computeEnd(state);
    if (end !== 0) this.report(end, stamp, found);
    return found;
  }

  private report(list: number, stamp: number, found: number[]): void {
    for (const pattern of this.matchLists[list - 1]!) {
      if (this.seen[pattern] !== stamp) {
        this.seen[pattern] = stamp;
        found.push(pattern);
      }
    }
  }

  private reset(): void {
    if (this.states.length > 0) this.resets++;
    this.states = [];
    this.table = new Int32Array(Math.min(256, this.maxStates) * this.alphabet.size).fill(-1);
    this.tableMatch = new Map();
    this.endMatch = [];
    this.index = new Map();
    this.start = this.intern(new Int32Array(0), PREV_LINE_START);
  }

  /** Computes the transition from `from` on class `cls`, caches it, and returns the target state. */
  private step(from: number, cls: number): number {
    const { nodes, flags } = this.states[from]!;
    const own = this.advance(nodes, flags, cls);
    const restart = this.restartStep(flags, cls);
    const nextFlags = (this.alphabet.isWord[cls] ? PREV_WORD : 0) | (this.alphabet.isLineTerminator[cls] ? PREV_LINE_START : 0);
    const targetNodes = this.closure(own.stepped.concat(restart.stepped), true);
    this.lastStepMatch = this.internMatches(own.matches.concat(restart.matches));
    const known = this.index.get(stateKey(targetNodes, nextFlags));
    if (known !== undefined) return this.record(from, cls, known);
    if (this.states.length >= this.maxStates) {
      this.reset();
      return this.intern(targetNodes, nextFlags);
    }
    return this.record(from, cls, this.intern(targetNodes, nextFlags));
  }

  private record(from: number, cls: number, to: number): number {
    const slot = from * this.alphabet.size + cls;
    this.table[slot] = (to << 1) | (this.lastStepMatch !== 0 ? 1 : 0);
    if (this.lastStepMatch !== 0) this.tableMatch.set(slot, this.lastStepMatch);
    return to;
  }

  private restartStep(flags: number, cls: number): { stepped: number[]; matches: number[] } {
    const key = flags * (this.alphabet.size + 1) + cls + 1;
    return (this.restartSteps[key] ??= this.advance(this.restart, flags, cls));
  }

  private computeEnd(state: number): number {
    const { nodes, flags } = this.states[state]!;
    const end = this.internMatches(this.advance(nodes, flags, -1).matches.concat(this.restartStep(flags, -1).matches));
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

  /**
   * The nodes reachable from `seeds` through splits only, sorted: the identity of a DFA state. With
   * `withoutRestart`, the restart nodes are left out, since every state holds them implicitly.
   */
  private closure(seeds: number[] | Int32Array, withoutRestart = false): Int32Array {
    const { kind, a, b } = this.nfa;
    const stamp = ++this.stamp;
    const stack = Array.from(seeds);
    const out: number[] = [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (this.marks[node] === stamp) continue;
      this.marks[node] = stamp;
      if (kind[node] === NODE_SPLIT) stack.push(b[node]!, a[node]!);
      else if (!withoutRestart || this.inRestart[node] === 0) out.push(node);
    }
    return Int32Array.from(out).sort();
  }

  private intern(nodes: Int32Array, flags: number): number {
    const id = this.states.length;
    const size = this.alphabet.size;
    if ((id + 1) * size > this.table.length) {
      const grown = new Int32Array(Math.min(this.maxStates, id * 2) * size).fill(-1);
      grown.set(this.table);
      this.table = grown;
    }
    this.states.push({ nodes, flags });
    this.endMatch.push(-1);
    this.index.set(stateKey(nodes, flags), id);
    return id;
  }

  private internMatches(matches: number[]): number {
    if (matches.length === 0) return 0;
    const sorted = Int32Array.from(new Set(matches)).sort();
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
