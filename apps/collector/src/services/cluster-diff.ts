/** What a trainer run changed in the clusters, from their sizes before and after it. Pure. */

/** Clusters listed per kind of change; the counts cover all of them. */
export const MAX_DIFF_CLUSTERS = 50;

export interface ClusterChange {
  id: string;
  before: number;
  after: number;
}

export interface ClusterDiff {
  counts: { new: number; grown: number; shrunk: number; gone: number; unchanged: number };
  /** The largest changes of each kind, largest first. */
  new: ClusterChange[];
  grown: ClusterChange[];
  shrunk: ClusterChange[];
  gone: ClusterChange[];
}

export function diffClusterSizes(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): ClusterDiff {
  const changes = { new: [] as ClusterChange[], grown: [] as ClusterChange[], shrunk: [] as ClusterChange[], gone: [] as ClusterChange[] };
  let unchanged = 0;
  for (const [id, size] of after) {
    const previous = before.get(id);
    if (previous === undefined) changes.new.push({ id, before: 0, after: size });
    else if (size > previous) changes.grown.push({ id, before: previous, after: size });
    else if (size < previous) changes.shrunk.push({ id, before: previous, after: size });
    else unchanged++;
  }
  for (const [id, size] of before) if (!after.has(id)) changes.gone.push({ id, before: size, after: 0 });
  const top = (list: ClusterChange[]) =>
    list.sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before) || (x.id < y.id ? -1 : 1)).slice(0, MAX_DIFF_CLUSTERS);
  return {
    counts: { new: changes.new.length, grown: changes.grown.length, shrunk: changes.shrunk.length, gone: changes.gone.length, unchanged },
    new: top(changes.new),
    grown: top(changes.grown),
    shrunk: top(changes.shrunk),
    gone: top(changes.gone),
  };
}
