/**
 * trainBayes: natural's BayesClassifier trained on labelled examples, returned as plain state.
 *
 * natural gets each example's words (suggestTokens) and an internal label (`c0`, `c1`, … in the order the
 * categories first appear), never the category id itself: natural keeps its classes in plain objects,
 * where an id such as `constructor` would land on Object's prototype. An example's weight scales what it
 * adds to natural's counts, as if natural had seen it that many times (2 counts twice, 0.5 half); natural
 * itself only adds whole examples, so the counts of an example of weight w are moved by w − 1 after
 * natural's training. Weights above MAX_EXAMPLE_WEIGHT count as that; examples with a weight that is not a
 * positive number, and texts without a word, add nothing.
 *
 * Chosen by measurement on the mcp-errors set (79 messages, 13 categories, leave-one-out): natural's
 * BayesClassifier with smoothing 0.1 scores 0.696 (0.671 at natural's default smoothing of 1); natural's
 * LogisticRegressionClassifier on the same words 0.671, and takes about 1.4 s to train on 78 messages
 * where Bayes takes milliseconds (logistic regression grows with examples × words × classes and blocks the
 * event loop, and it can throw `unable to find minimum`).
 *
 * natural turns every example into a vector over the whole vocabulary, so training grows with examples ×
 * vocabulary: 500 examples take about 0.1 s here, 2,000 about 1 s. Train on labelled clusters (a template
 * or a few messages each, weighted by their reports), not on every report.
 */
import { createRequire } from 'node:module';
import type { BayesClassifier as BayesClassifierClass } from 'natural/lib/natural/classifiers/index.js';
import { suggestTokens } from './suggest-tokens.js';
import { emptySuggesterState, type SuggesterCategoryState, type SuggesterState } from './suggester-state.js';

/**
 * natural's classifiers, loaded on the first training rather than with the package: the collector imports
 * the trainer at start-up, and loading them there cost about 100 ms before it could answer.
 */
let BayesClassifier: typeof BayesClassifierClass | undefined;
const loadBayesClassifier = (): typeof BayesClassifierClass =>
  (BayesClassifier ??= (createRequire(import.meta.url)('natural/lib/natural/classifiers/index.js') as { BayesClassifier: typeof BayesClassifierClass }).BayesClassifier);

/** Natural's Bayes smoothing: the count an unseen word gets, against 1 + smoothing for a word seen once. */
export const BAYES_SMOOTHING = 0.1;

/** An example counts at most this much, so that the sums stay finite. */
export const MAX_EXAMPLE_WEIGHT = 1e9;

export interface SuggesterExample {
  text: string;
  category: string;
  /** How much the example counts (a cluster's report count, say); 1 when absent. */
  weight?: number;
}

interface Document {
  tokens: string[];
  label: string;
  weight: number;
}

function documentsOf(examples: ReadonlyArray<SuggesterExample>): { documents: Document[]; categories: string[] } {
  const labels = new Map<string, string>();
  const documents: Document[] = [];
  for (const { text, category, weight = 1 } of examples) {
    if (typeof text !== 'string' || typeof category !== 'string' || !(Number.isFinite(weight) && weight > 0)) continue;
    const tokens = suggestTokens(text);
    if (tokens.length === 0) continue;
    let label = labels.get(category);
    if (label === undefined) {
      label = `c${labels.size}`;
      labels.set(category, label);
    }
    documents.push({ tokens, label, weight: Math.min(weight, MAX_EXAMPLE_WEIGHT) });
  }
  return { documents, categories: [...labels.keys()] };
}

export function trainBayes(examples: ReadonlyArray<SuggesterExample>): SuggesterState {
  const { documents, categories } = documentsOf(examples);
  const state = emptySuggesterState(BAYES_SMOOTHING);
  if (documents.length === 0) return state;

  const Classifier = loadBayesClassifier();
  const classifier = new Classifier(undefined, BAYES_SMOOTHING);
  for (const { tokens, label } of documents) classifier.addDocument(tokens, label);
  classifier.train();

  const counts = classifier.classifier;
  const vocabulary = Object.keys(classifier.features);
  const indexOf = new Map(vocabulary.map((word, index) => [word, index]));
  for (const { tokens, label, weight } of documents) {
    if (weight === 1) continue;
    const features = counts.classFeatures[label] ?? {};
    counts.totalExamples += weight - 1;
    counts.classTotals[label] = (counts.classTotals[label] ?? 1) + weight - 1;
    for (const token of tokens) {
      const index = indexOf.get(token);
      if (index !== undefined) features[index] = (features[index] ?? 1 + BAYES_SMOOTHING) + weight - 1;
    }
  }

  state.totalExamples = counts.totalExamples;
  state.vocabulary = vocabulary;
  state.categories = categories.map((id, position): SuggesterCategoryState => {
    const label = `c${position}`;
    return { id, total: counts.classTotals[label] ?? 1, features: { ...counts.classFeatures[label] } };
  });
  return state;
}
