/**
 * Variable-length parameters, the final pass over the clusters. Two templates are variants of one
 * template when, aligned on their longest common subsequence of tokens, every stretch where they part
 * is a parameter that took another form:
 *   - parameters and punctuation only, on both sides (`( )` against `( <*> )`, `rhost=` against `rhost=<*>`);
 *   - or at most MAX_INSERTED_WORDS constant word, on one side only, within or right beside a parameter
 *     (`<*> bytes sent` against `<*> bytes ( <*> ) sent`; `<*>` against `LOCAL ( <*> )`; `lifetime <*>`
 *     against `lifetime < <*>`; `<*> : <*> close` against `proxy.example.com : <*> close`). When the other
 *     side holds a parameter too, the word side must hold one as well, or both sides be one token each:
 *     `tty=NODEVssh` against `tty=:<*>` is a different event.
 * A word on both sides is a different event (`<*> HIGHMEM available` against `<*> LOWMEM available`), and
 * so is an inserted key (`… rhost=<*>` against `… rhost=<*> user=<*>`). The templates must also share
 * MIN_SHARED_WORDS constant words. Only templates that share their first two or their last two constant
 * words are compared, each with at most MAX_BLOCK_COMPARISONS later ones of its block.
 */
import { WILDCARD } from './parameters.js';
import { isDelimiterToken } from './shape.js';

export const MAX_INSERTED_WORDS = 1;
export const MIN_SHARED_WORDS = 3;
/** Each template is compared with at most this many later templates of its block (bounds huge logs). */
export const MAX_BLOCK_COMPARISONS = 1_000;
/** Templates whose counts of constant words differ by more than this are never variants. */
const MAX_WORD_COUNT_DIFFERENCE = 4;

const isWord = (token: string): boolean => token !== WILDCARD && !isDelimiterToken(token);

export function areVariants(a: readonly string[], b: readonly string[]): boolean {
  const columns = b.length + 1;
  const common = scratch((a.length + 1) * columns);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const here = i * columns + j;
      common[here] = a[i] === b[j] ? (common[here + columns + 1] as number) + 1 : Math.max(common[here + columns] as number, common[here + 1] as number);
    }
  }
  let sharedWords = 0;
  let previousWasParameter = false;
  let gapA: string[] = [];
  let gapB: string[] = [];
  const gapIsParameter = (nextIsParameter: boolean): boolean => {
    const ok = isParameterGap(gapA, gapB, previousWasParameter || nextIsParameter);
    gapA = [];
    gapB = [];
    return ok;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      const token = a[i] as string;
      if (!gapIsParameter(token === WILDCARD)) return false;
      if (isWord(token)) sharedWords++;
      previousWasParameter = token === WILDCARD;
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && (common[(i + 1) * columns + j] as number) >= (common[i * columns + j + 1] as number))) {
      gapA.push(a[i++] as string);
    } else {
      gapB.push(b[j++] as string);
    }
  }
  return gapIsParameter(false) && sharedWords >= MIN_SHARED_WORDS;
}

let table = new Int32Array(4096);

/** A zeroed table of at least `size` cells, reused between calls (nothing of it outlives a call). */
function scratch(size: number): Int32Array {
  if (table.length < size) table = new Int32Array(Math.max(size, table.length * 2));
  else table.fill(0, 0, size);
  return table;
}

function isParameterGap(gapA: readonly string[], gapB: readonly string[], besideParameter: boolean): boolean {
  if (gapA.length === 0 && gapB.length === 0) return true;
  const wordsA = gapA.filter(isWord).length;
  const wordsB = gapB.filter(isWord).length;
  if (wordsA > 0 && wordsB > 0) return false;
  if (wordsA + wordsB === 0) return true;
  if (wordsA + wordsB > MAX_INSERTED_WORDS || hasKey(gapA) || hasKey(gapB)) return false;
  const [wordSide, otherSide] = wordsA > 0 ? [gapA, gapB] : [gapB, gapA];
  if (otherSide.includes(WILDCARD)) return wordSide.includes(WILDCARD) || (otherSide.length === 1 && wordSide.length === 1);
  return besideParameter || wordSide.includes(WILDCARD);
}

/** A word followed by `=` or `:` is a key: inserting one adds a field, it does not vary one. */
function hasKey(gap: readonly string[]): boolean {
  return gap.some((token, i) => isWord(token) && (gap[i + 1] === '=' || gap[i + 1] === ':'));
}

/**
 * Groups the templates into variants: for each template, the index of its group's first template
 * (groups are closed under the relation, so a chain of variants is one group).
 */
export function groupVariants(templates: readonly (readonly string[])[]): number[] {
  const parent = templates.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[index] !== root) [index, parent[index]] = [parent[index] as number, root];
    return root;
  };
  const words = templates.map((template) => template.filter(isWord));
  for (const members of blocks(words).values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length && y - x <= MAX_BLOCK_COMPARISONS; y++) {
        const a = members[x] as number;
        const b = members[y] as number;
        const [rootA, rootB] = [find(a), find(b)];
        if (rootA === rootB || Math.abs((words[a] as string[]).length - (words[b] as string[]).length) > MAX_WORD_COUNT_DIFFERENCE) continue;
        if (!areVariants(templates[a] as string[], templates[b] as string[])) continue;
        parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
      }
    }
  }
  return templates.map((_, index) => find(index));
}

/** Templates keyed by their first two and by their last two constant words; each sits in two blocks. */
function blocks(words: readonly (readonly string[])[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  words.forEach((list, index) => {
    if (list.length < MIN_SHARED_WORDS) return;
    for (const key of [`<${list[0]}\u0000${list[1]}`, `>${list[list.length - 2]}\u0000${list[list.length - 1]}`]) {
      const members = byKey.get(key);
      if (members === undefined) byKey.set(key, [index]);
      else members.push(index);
    }
  });
  return byKey;
}
