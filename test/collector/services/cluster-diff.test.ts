import { describe, expect, it } from 'vitest';
import { MAX_DIFF_CLUSTERS, diffClusterSizes } from '../../../apps/collector/src/services/cluster-diff.js';

describe('diffClusterSizes', () => {
  it('sorts clusters into new, grown, shrunk, gone and unchanged', () => {
    const before = new Map([['a', 5], ['b', 3], ['c', 4], ['d', 2]]);
    const after = new Map([['a', 9], ['b', 3], ['c', 1], ['e', 7]]);
    expect(diffClusterSizes(before, after)).toEqual({
      counts: { new: 1, grown: 1, shrunk: 1, gone: 1, unchanged: 1 },
      new: [{ id: 'e', before: 0, after: 7 }],
      grown: [{ id: 'a', before: 5, after: 9 }],
      shrunk: [{ id: 'c', before: 4, after: 1 }],
      gone: [{ id: 'd', before: 2, after: 0 }],
    });
  });

  it('lists the largest changes first and at most MAX_DIFF_CLUSTERS of a kind, counting all', () => {
    const after = new Map(Array.from({ length: MAX_DIFF_CLUSTERS + 10 }, (_, i) => [`n${String(i).padStart(3, '0')}`, i + 1] as const));
    const diff = diffClusterSizes(new Map(), after);
    expect(diff.counts.new).toBe(MAX_DIFF_CLUSTERS + 10);
    expect(diff.new).toHaveLength(MAX_DIFF_CLUSTERS);
    expect(diff.new[0]).toEqual({ id: `n${String(MAX_DIFF_CLUSTERS + 9).padStart(3, '0')}`, before: 0, after: MAX_DIFF_CLUSTERS + 10 });
  });

  it('finds nothing between two equal snapshots', () => {
    const sizes = new Map([['a', 1]]);
    expect(diffClusterSizes(sizes, sizes).counts).toEqual({ new: 0, grown: 0, shrunk: 0, gone: 0, unchanged: 1 });
  });
});
