/**
 * The suggester: a statistical model of the labelled clusters that suggests a category for a candidate
 * cluster, and says whether the candidate looks like a category of its own.
 *
 *   const suggester = trainSuggester(labelled.map((c) => ({ text: c.template, category: c.category, weight: c.reports })));
 *   suggester.suggest(candidate.template) // { category, confidence, looksNew, alternatives }
 *   store(JSON.stringify(suggester));  loadSuggester(JSON.parse(stored))
 *
 * natural's BayesClassifier does the learning (train-bayes.ts); its estimates are read back as
 * logarithms (compile-model.ts), turned into confidences (posterior.ts), and the novelty test runs on the
 * same counts (looks-new.ts). Pure and deterministic: the same examples in the same order give the same
 * state, and a loaded state answers exactly as the suggester that saved it.
 *
 * `suggest` never throws. With no category trained it answers NO_SUGGESTION with confidence 0 and looks
 * new; with one category it names it with confidence 0 (there is nothing to compare it with) and still
 * says whether the text is like its examples; a text that holds no word the model knows gets the
 * category with the most examples, confidence 0, and looks new.
 */
import { compileModel } from './compile-model.js';
import { looksNew, similarityOf } from './looks-new.js';
import { posteriorOf, type CategoryConfidence } from './posterior.js';
import { suggestTokens } from './suggest-tokens.js';
import { isSuggesterState, SUGGESTER_STATE_VERSION, type SuggesterState } from './suggester-state.js';
import { trainBayes, type SuggesterExample } from './train-bayes.js';

/** The category named when the model knows none: the taxonomy's catch-all. */
export const NO_SUGGESTION = 'unknown';
/** Runner-up categories listed with a suggestion. */
export const MAX_ALTERNATIVES = 3;

export interface Suggestion {
  category: string;
  /** 0 to 1; 0 when the model had nothing to compare (fewer than two categories, or no known word). */
  confidence: number;
  /** Unlike everything labelled (looks-new.ts). */
  looksNew: boolean;
  /** The next most likely categories, best first, at most MAX_ALTERNATIVES. */
  alternatives: CategoryConfidence[];
}

export interface Suggester {
  suggest(text: string): Suggestion;
  /** The categories the model was trained on, in training order. */
  categories(): string[];
  /** A deep copy of the state, for JSON.stringify (which calls it) and loadSuggester. */
  toJSON(): SuggesterState;
}

function createSuggester(state: SuggesterState): Suggester {
  const model = compileModel(state);
  const suggest = (text: string): Suggestion => {
    const tokens = typeof text === 'string' ? suggestTokens(text) : [];
    const { ranked, knownWords } = posteriorOf(model, tokens);
    const [best, ...rest] = ranked;
    if (best === undefined) return { category: NO_SUGGESTION, confidence: 0, looksNew: true, alternatives: [] };
    const isNew = looksNew(similarityOf(model, tokens));
    if (rest.length === 0 || knownWords === 0) return { category: best.category, confidence: 0, looksNew: isNew, alternatives: [] };
    return { category: best.category, confidence: best.confidence, looksNew: isNew, alternatives: rest.slice(0, MAX_ALTERNATIVES) };
  };
  return {
    suggest,
    categories: () => state.categories.map((category) => category.id),
    toJSON: () => structuredClone(state),
  };
}

/** Trains on labelled examples (a cluster's template or messages, its category, optionally a weight). */
export function trainSuggester(examples: ReadonlyArray<SuggesterExample>): Suggester {
  return createSuggester(trainBayes(examples));
}

/**
 * Loads a state saved by `toJSON` (parsed JSON). Throws a TypeError when it is not a suggester state of
 * this version made with this normaliser: check with isSuggesterState first and train again if not.
 */
export function loadSuggester(state: unknown): Suggester {
  if (!isSuggesterState(state)) throw new TypeError(`not a suggester state (version ${SUGGESTER_STATE_VERSION}, this normaliser)`);
  return createSuggester(structuredClone(state));
}
