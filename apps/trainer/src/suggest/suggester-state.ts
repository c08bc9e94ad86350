/**
 * The suggester's state: plain, versioned JSON (`JSON.stringify` it, store it, `JSON.parse` it and hand
 * it to loadSuggester). It is natural's BayesClassifier as trained (the apparatus counts), with the
 * vocabulary as an array in natural's feature order, and nothing of the training texts beyond the
 * words they share. A state made with another normaliser version does not load: its words would not be
 * the words suggestTokens makes now, so the caller trains again.
 */
import { NORMALISER_VERSION } from '@tapheal/rules';

export const SUGGESTER_STATE_VERSION = 1;

export interface SuggesterCategoryState {
  id: string;
  /** natural's class total: the (weighted) examples of the category, plus one for smoothing. */
  total: number;
  /**
   * natural's class features, sparse: vocabulary index (as a string key) → the (weighted) examples of
   * the category holding that word, plus the smoothing.
   */
  features: Record<string, number>;
}

export interface SuggesterState {
  version: typeof SUGGESTER_STATE_VERSION;
  normaliserVersion: number;
  model: 'natural-bayes';
  smoothing: number;
  /** natural's total: every (weighted) example, plus one for smoothing. */
  totalExamples: number;
  vocabulary: string[];
  /** In the order the categories first appeared in training. */
  categories: SuggesterCategoryState[];
}

export function emptySuggesterState(smoothing: number): SuggesterState {
  return {
    version: SUGGESTER_STATE_VERSION,
    normaliserVersion: NORMALISER_VERSION,
    model: 'natural-bayes',
    smoothing,
    totalExamples: 1,
    vocabulary: [],
    categories: [],
  };
}

const isPositive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

export function isSuggesterState(value: unknown): value is SuggesterState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<SuggesterState>;
  if (state.version !== SUGGESTER_STATE_VERSION || state.normaliserVersion !== NORMALISER_VERSION) return false;
  if (state.model !== 'natural-bayes' || !isPositive(state.smoothing) || !isPositive(state.totalExamples)) return false;
  const { vocabulary, categories } = state;
  if (!Array.isArray(vocabulary) || !vocabulary.every((word) => typeof word === 'string')) return false;
  if (new Set(vocabulary).size !== vocabulary.length || !Array.isArray(categories)) return false;
  const ids = new Set<string>();
  for (const category of categories as unknown[]) {
    if (!isCategoryState(category, vocabulary.length)) return false;
    const { id } = category as SuggesterCategoryState;
    if (ids.has(id)) return false;
    ids.add(id);
  }
  return true;
}

function isCategoryState(value: unknown, vocabularySize: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { id, total, features } = value as Partial<SuggesterCategoryState>;
  if (typeof id !== 'string' || !isPositive(total) || typeof features !== 'object' || features === null || Array.isArray(features)) return false;
  return Object.entries(features).every(([index, count]) => /^(?:0|[1-9]\d*)$/.test(index) && Number(index) < vocabularySize && isPositive(count));
}
