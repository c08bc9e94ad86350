/**
 * Stable cluster ids across runs. A cluster's id is fixed when it is first seen (the hash of its
 * template then); when the miner later generalises templates so that clusters with ids become one, the
 * run keeps one id (a labelled cluster's first, then the largest, then the smallest id) and records a
 * merge for the others, never renumbering silently. Two clusters labelled with different categories
 * are not merged: the disagreement is recorded for a maintainer instead. The miner never splits a
 * cluster, so no splits arise. Pure.
 */

export interface LabelState {
  id: string;
  status: string;
  category: string | null;
  reports: number;
}

export interface Merge {
  from: string;
  into: string;
  /** The template both now share. */
  template: string;
}

export interface Reconciled {
  /** For each final template's cluster id (the miner's): the stable id its reports go to. */
  survivorOf: Map<string, string>;
  merges: Merge[];
  /** Groups the miner joined but the labels keep apart. */
  withheld: Array<{ ids: string[]; template: string }>;
}

const LABELLED = new Set(['confirmed', 'rejected']);

/**
 * `groups`: for each final cluster of the miner (its hash id and template), the stable ids its member
 * clusters carry. `labels`: the label state of those ids in the database.
 */
export function reconcileIds(groups: ReadonlyMap<string, { template: string; ids: ReadonlySet<string> }>, labels: readonly LabelState[]): Reconciled {
  const stateOf = new Map(labels.map((label) => [label.id, label]));
  const survivorOf = new Map<string, string>();
  const merges: Merge[] = [];
  const withheld: Reconciled['withheld'] = [];
  for (const [finalId, { template, ids }] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const members = [...ids].sort();
    if (members.length === 0) {
      survivorOf.set(finalId, finalId);
      continue;
    }
    const ranked = members.toSorted((a, b) => rank(stateOf.get(b)) - rank(stateOf.get(a)) || (stateOf.get(b)?.reports ?? 0) - (stateOf.get(a)?.reports ?? 0) || (a < b ? -1 : 1));
    const survivor = ranked[0]!;
    survivorOf.set(finalId, survivor);
    const category = labelOf(stateOf.get(survivor));
    const disagreeing = ranked.slice(1).filter((id) => {
      const other = labelOf(stateOf.get(id));
      return other !== undefined && category !== undefined && other !== category;
    });
    if (disagreeing.length > 0) withheld.push({ ids: [survivor, ...disagreeing], template });
    for (const id of ranked.slice(1)) if (!disagreeing.includes(id)) merges.push({ from: id, into: survivor, template });
  }
  return { survivorOf, merges, withheld };
}

const rank = (state: LabelState | undefined): number => (state && LABELLED.has(state.status) ? 2 : state?.status === 'candidate' ? 1 : 0);
const labelOf = (state: LabelState | undefined): string | undefined => (state && LABELLED.has(state.status) ? `${state.status}:${state.category ?? ''}` : undefined);
