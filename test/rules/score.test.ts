import { describe, expect, it } from 'vitest';
import { scoreClassifications } from '@tapheal/rules';

describe('scoreClassifications', () => {
  it('computes precision, recall and F1 per category and their macro average', () => {
    const pairs = [
      { expected: 'a', actual: 'a' },
      { expected: 'a', actual: 'b' },
      { expected: 'b', actual: 'b' },
      { expected: 'b', actual: 'b' },
    ];
    const scores = scoreClassifications(pairs);
    const a = scores.perCategory.find((s) => s.category === 'a')!;
    const b = scores.perCategory.find((s) => s.category === 'b')!;
    expect([a.precision, a.recall, a.f1]).toEqual([1, 0.5, 2 / 3]);
    expect([b.precision, b.recall, b.f1]).toEqual([2 / 3, 1, 0.8]);
    expect(scores.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 12);
    expect(scores.accuracy).toBe(0.75);
    expect(scores.errors).toEqual([{ index: 1, expected: 'a', actual: 'b' }]);
  });

  it('leaves categories nobody labelled or predicted out of the macro average', () => {
    const scores = scoreClassifications([{ expected: 'a', actual: 'a' }], ['a', 'never']);
    expect(scores.macroF1).toBe(1);
    expect(scores.perCategory.map((s) => s.category)).toEqual(['a', 'never']);
  });

  it('counts a category that is only predicted, never labelled, as F1 0', () => {
    const scores = scoreClassifications([{ expected: 'a', actual: 'b' }]);
    expect(scores.macroF1).toBe(0);
  });

  it('scores nothing as zero rather than NaN', () => {
    expect(scoreClassifications([])).toMatchObject({ macroF1: 0, accuracy: 0, total: 0 });
  });
});
