import { describe, expect, it } from 'vitest';
import { reconcileIds, type LabelState } from '../../apps/trainer/src/cluster/stable-ids.js';

const group = (template: string, ...ids: string[]) => ({ template, ids: new Set(ids) });
const label = (id: string, status: string, reports: number, category: string | null = null): LabelState => ({ id, status, category, reports });

describe('reconcileIds', () => {
  it('keeps the only id of a group, and a new final template keeps its own id', () => {
    const result = reconcileIds(new Map([['f1', group('a <*>', 'c1')], ['f2', group('b', 'f2')]]), [label('c1', 'pending', 3)]);

    expect(result.survivorOf).toEqual(new Map([['f1', 'c1'], ['f2', 'f2']]));
    expect(result.merges).toEqual([]);
  });

  it('keeps the labelled id over a larger unlabelled one and merges the rest into it', () => {
    const result = reconcileIds(new Map([['f', group('x <*>', 'big', 'labelled', 'small')]]), [label('big', 'candidate', 90), label('labelled', 'confirmed', 2, 'timeout'), label('small', 'pending', 1)]);

    expect(result.survivorOf.get('f')).toBe('labelled');
    expect(result.merges).toEqual([
      { from: 'big', into: 'labelled', template: 'x <*>' },
      { from: 'small', into: 'labelled', template: 'x <*>' },
    ]);
  });

  it('never merges clusters maintainers labelled differently, and says so', () => {
    const result = reconcileIds(new Map([['f', group('y <*>', 'one', 'two')]]), [label('one', 'confirmed', 5, 'timeout'), label('two', 'confirmed', 3, 'auth_failed')]);

    expect(result.merges).toEqual([]);
    expect(result.withheld).toEqual([{ ids: ['one', 'two'], template: 'y <*>' }]);
  });

  it('merges clusters labelled alike, the larger surviving', () => {
    const result = reconcileIds(new Map([['f', group('z', 'a', 'b')]]), [label('a', 'confirmed', 1, 'timeout'), label('b', 'confirmed', 7, 'timeout')]);

    expect(result.survivorOf.get('f')).toBe('b');
    expect(result.merges).toEqual([{ from: 'a', into: 'b', template: 'z' }]);
  });
});
