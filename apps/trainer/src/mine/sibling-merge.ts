/**
 * The statistical half of parameter detection. Clusters of one shape that agree everywhere but at one
 * word position are one template whose position is a parameter, once that position has taken enough
 * distinct values: three (`session closed for user cyrus | news | test`), or fewer when one of them is
 * already a parameter (`Invalid user 0 | admin from <*>`). Two guards keep distinct events apart:
 *   - the rest of the template must hold MIN_CONTEXT_WORDS constant words, so that one-word messages
 *     (`normal`, `warning`) and `key = <*>` lines never merge on their only word;
 *   - values that all start with a capital (`GET | POST | DELETE`, `Started | Paused | Resumed`) name
 *     states and methods far more often than variables, and need CAPITALISED_EXTRA_VALUES more.
 */
import { WILDCARD } from './parameters.js';
import { isDelimiterToken } from './shape.js';

/** Distinct values that make a position a parameter. */
export const MIN_SIBLING_VALUES = 3;
/** What a sibling that already has a parameter at the position counts for. */
export const PARAMETER_SIBLING_WEIGHT = MIN_SIBLING_VALUES;
/** Constant words the rest of the template must keep. */
export const MIN_CONTEXT_WORDS = 3;
/** Further values needed when every value starts with a capital letter. */
export const CAPITALISED_EXTRA_VALUES = 3;

export interface SiblingMerge {
  /** The position that becomes a parameter. */
  position: number;
  /** The clusters to merge: `founded` and its siblings, in index order. */
  members: number[];
}

/**
 * The merge that founding cluster `founded` makes due, if any. `bucket` lists the live clusters of its
 * shape (all templates in it have the same length and the same delimiters), in index order.
 */
export function findSiblingMerge(founded: number, bucket: readonly number[], templateOf: (cluster: number) => readonly string[]): SiblingMerge | undefined {
  const tokens = templateOf(founded);
  if (contextWords(tokens, -1) < MIN_CONTEXT_WORDS) return undefined;
  const byPosition = new Map<number, number[]>();
  for (const cluster of bucket) {
    if (cluster === founded) continue;
    const position = singleDifference(tokens, templateOf(cluster));
    if (position < 0) continue;
    const list = byPosition.get(position);
    if (list === undefined) byPosition.set(position, [cluster]);
    else list.push(cluster);
  }
  let best: SiblingMerge | undefined;
  let bestScore = 0;
  for (const [position, siblings] of byPosition) {
    const values = [tokens[position] as string, ...siblings.map((cluster) => templateOf(cluster)[position] as string)];
    const score = valueScore(values);
    if (score > bestScore && score >= MIN_SIBLING_VALUES && contextWords(tokens, position) >= MIN_CONTEXT_WORDS) {
      best = { position, members: [founded, ...siblings].sort((a, b) => a - b) };
      bestScore = score;
    }
  }
  return best;
}

/** The one position where two templates of a shape differ, or -1 (none, or more than one). */
function singleDifference(a: readonly string[], b: readonly string[]): number {
  let position = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (position >= 0) return -1;
    position = i;
  }
  return position;
}

function valueScore(values: readonly string[]): number {
  let score = 0;
  let capitalised = true;
  let words = 0;
  for (const value of values) {
    if (value === WILDCARD) {
      score += PARAMETER_SIBLING_WEIGHT;
      continue;
    }
    score += 1;
    words++;
    const first = value.charCodeAt(0);
    if (!(first >= 65 && first <= 90)) capitalised = false;
  }
  return words > 0 && capitalised ? score - CAPITALISED_EXTRA_VALUES : score;
}

function contextWords(tokens: readonly string[], except: number): number {
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (i !== except && token !== WILDCARD && !isDelimiterToken(token)) words++;
  }
  return words;
}
