/**
 * compileModel: a suggester state turned into the lookup tables that answering needs, built once per
 * trained or loaded suggester (both go through here, so a model answers the same before and after a
 * trip through JSON).
 *
 * For each category it holds natural's Bayes estimates as logarithms: the prior (class total over all
 * examples) and, per word, the class count over the class total, with the smoothing for a word the
 * category never saw. natural multiplies these probabilities and underflows to 0 for every category once
 * a message has a few hundred words; sums of logarithms do not.
 *
 * For looks-new.ts it also holds each category's profile: the share of its examples that hold each word,
 * times the word's inverse document frequency over all examples, so that words every failure prints
 * (`error`, `mcp`, `server`) weigh little. The idf is 1 + ln((examples + 1) / (examples holding it + 1)):
 * the 1 keeps a word that every example holds from weighing nothing, so a model of one example still
 * knows a text like it.
 */
import type { SuggesterState } from './suggester-state.js';

export interface CompiledCategory {
  id: string;
  logPrior: number;
  /** The log-probability of a vocabulary word the category never saw. */
  logUnseen: number;
  /** Vocabulary index → log-probability of the word in the category. */
  logSeen: Map<number, number>;
  /** Vocabulary index → share of the category's examples holding the word × its idf. */
  profile: Map<number, number>;
  profileNorm: number;
}

export interface CompiledModel {
  indexOf: ReadonlyMap<string, number>;
  /** Vocabulary index → 1 + ln((examples + 1) / (examples holding the word + 1)). */
  idf: Float64Array;
  /** The idf of a word no example held. */
  unseenIdf: number;
  categories: CompiledCategory[];
}

export function compileModel(state: SuggesterState): CompiledModel {
  const { smoothing, totalExamples, vocabulary } = state;
  const examples = totalExamples - 1;
  const holding = new Float64Array(vocabulary.length);
  for (const category of state.categories) {
    for (const [key, count] of Object.entries(category.features)) {
      const index = Number(key);
      holding[index] = (holding[index] ?? 0) + count - smoothing;
    }
  }
  const idf = holding.map((held) => 1 + Math.log((examples + 1) / (Math.max(0, held) + 1)));

  const categories = state.categories.map((category): CompiledCategory => {
    const { id, total, features } = category;
    const logSeen = new Map<number, number>();
    const profile = new Map<number, number>();
    let squares = 0;
    for (const [key, count] of Object.entries(features)) {
      const index = Number(key);
      logSeen.set(index, Math.log(count / total));
      const weight = (Math.max(0, count - smoothing) / Math.max(total - 1, Number.MIN_VALUE)) * (idf[index] ?? 0);
      profile.set(index, weight);
      squares += weight * weight;
    }
    return { id, logPrior: Math.log(total / totalExamples), logUnseen: Math.log(smoothing / total), logSeen, profile, profileNorm: Math.sqrt(squares) };
  });

  return { indexOf: new Map(vocabulary.map((word, index) => [word, index])), idf, unseenIdf: 1 + Math.log(examples + 1), categories };
}
