import { describe, expect, it } from 'vitest';
import { groupingAccuracy } from '@tapheal/trainer';

describe('groupingAccuracy', () => {
  it.each([
    ['a perfect grouping, whatever the labels', ['a', 'a', 'b'], ['x', 'x', 'y'], 1],
    ['a split group: both halves wrong', ['a', 'b', 'c'], ['x', 'x', 'y'], 1 / 3],
    ['a merged group: all its messages wrong', ['a', 'a', 'a', 'b'], ['x', 'x', 'y', 'z'], 1 / 4],
    ['nothing right', ['a', 'a'], ['x', 'y'], 0],
    ['no messages', [], [], 1],
  ])('scores %s', (_what, predicted, truth, expected) => {
    expect(groupingAccuracy(predicted, truth)).toBeCloseTo(expected, 10);
  });

  it('refuses lists of different lengths', () => {
    expect(() => groupingAccuracy(['a'], [])).toThrow(RangeError);
  });
});
