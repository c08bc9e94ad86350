/**
 * Splits the code-unit range into classes that no character set of the automaton tells apart, so the
 * DFA's transition rows have one entry per class instead of one per code unit.
 */
import { LINE_TERMINATOR, WORD, setHas, type CharSet } from './char-set.js';

export interface Alphabet {
  /** Class of each UTF-16 code unit. */
  classOf: Uint16Array;
  size: number;
  /** For each set index, 1 where the class belongs to the set. */
  members: Uint8Array[];
  isWord: Uint8Array;
  isLineTerminator: Uint8Array;
}

export function buildAlphabet(sets: readonly CharSet[]): Alphabet {
  const all = [...sets, WORD, LINE_TERMINATOR];
  const cuts = new Set<number>([0, 0x10000]);
  for (const set of all) {
    for (let i = 0; i < set.length; i += 2) cuts.add(set[i]!).add(set[i + 1]! + 1);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const classOf = new Uint16Array(0x10000);
  const bySignature = new Map<string, number>();
  const representatives: number[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i]!;
    const signature = all.map((set) => (setHas(set, lo) ? '1' : '0')).join('');
    let id = bySignature.get(signature);
    if (id === undefined) {
      id = representatives.length;
      bySignature.set(signature, id);
      representatives.push(lo);
    }
    classOf.fill(id, lo, points[i + 1]!);
  }
  const size = representatives.length;
  const membership = (set: CharSet) => Uint8Array.from(representatives, (code) => (setHas(set, code) ? 1 : 0));
  return {
    classOf,
    size,
    members: sets.map(membership),
    isWord: membership(WORD),
    isLineTerminator: membership(LINE_TERMINATOR),
  };
}
