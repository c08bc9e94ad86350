/**
 * Precision, recall and F1 per category, and their macro average: how a pack is judged on labelled
 * messages, by the tests, the benchmarks and the trainer's evaluation gate.
 */
export interface CategoryScore {
  category: string;
  precision: number;
  recall: number;
  f1: number;
  /** Labelled messages of this category. */
  support: number;
  /** Messages the classifier put in this category. */
  predicted: number;
}

export interface Scores {
  perCategory: CategoryScore[];
  /** Mean F1 over the categories that were labelled or predicted at least once. */
  macroF1: number;
  accuracy: number;
  total: number;
  /** The pairs the classifier got wrong. */
  errors: { index: number; expected: string; actual: string }[];
}

export function scoreClassifications(
  pairs: readonly { expected: string; actual: string }[],
  categories: readonly string[] = [],
): Scores {
  const names = [...new Set([...categories, ...pairs.flatMap((p) => [p.expected, p.actual])])];
  const perCategory = names.map((category) => scoreOne(category, pairs));
  const scored = perCategory.filter((score) => score.support > 0 || score.predicted > 0);
  const correct = pairs.filter((p) => p.expected === p.actual).length;
  return {
    perCategory,
    macroF1: scored.length === 0 ? 0 : scored.reduce((sum, s) => sum + s.f1, 0) / scored.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    total: pairs.length,
    errors: pairs.flatMap((p, index) => (p.expected === p.actual ? [] : [{ index, ...p }])),
  };
}

function scoreOne(category: string, pairs: readonly { expected: string; actual: string }[]): CategoryScore {
  let truePositives = 0;
  let support = 0;
  let predicted = 0;
  for (const { expected, actual } of pairs) {
    if (expected === category) support++;
    if (actual === category) predicted++;
    if (expected === category && actual === category) truePositives++;
  }
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = support === 0 ? 0 : truePositives / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { category, precision, recall, f1, support, predicted };
}
