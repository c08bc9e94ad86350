/**
 * Turns a pack into a classifier. All rule patterns are compiled into one automaton, so a message is
 * read once whatever the number of rules; among the rules that match, the most confident wins and ties
 * go to the rule that comes first in the pack.
 */
import type { Pack, Rule } from './pack-schema.js';
import { compilePatterns, type PatternSet } from './pattern/pattern-set.js';
import { fail, ok, type Result } from './result.js';
import type { FixKind } from './taxonomy.js';

export interface Diagnosis {
  category: string;
  confidence: number;
  /** The rule that matched, or null when none did. */
  ruleId: string | null;
  fix: FixKind;
}

export interface Matcher {
  classify(message: string): Diagnosis;
  /** Every rule that matches, best first: for evaluation and explanations. */
  matchingRules(message: string): Rule[];
  readonly packVersion: number;
  stats(): ReturnType<PatternSet['stats']>;
}

export const NO_MATCH: Diagnosis = Object.freeze({ category: 'unknown', confidence: 0, ruleId: null, fix: 'report_only' });

export function compileMatcher(pack: Pack): Result<Matcher, 'unsafe_pattern'> {
  const patterns = compilePatterns(pack.rules.map((rule) => rule.pattern));
  if (!patterns.ok) {
    const rule = pack.rules[patterns.reason.index]!;
    return fail('unsafe_pattern', `rule ${rule.id}: pattern refused: ${patterns.reason.message}`);
  }
  const set = patterns.value;
  // rank[i] orders rules by confidence, then by position; lower is better.
  const order = pack.rules.map((_, index) => index).sort((x, y) => pack.rules[y]!.confidence - pack.rules[x]!.confidence || x - y);
  const rank = new Int32Array(pack.rules.length);
  order.forEach((ruleIndex, position) => (rank[ruleIndex] = position));
  const diagnoses = pack.rules.map((rule) =>
    Object.freeze({ category: rule.category, confidence: rule.confidence, ruleId: rule.id, fix: rule.fix }),
  );

  return ok({
    classify(message: string): Diagnosis {
      let best = -1;
      for (const index of set.scan(message)) {
        if (best < 0 || rank[index]! < rank[best]!) best = index;
      }
      return best < 0 ? NO_MATCH : diagnoses[best]!;
    },
    matchingRules(message: string): Rule[] {
      return set
        .scan(message)
        .sort((x, y) => rank[x]! - rank[y]!)
        .map((index) => pack.rules[index]!);
    },
    packVersion: pack.version,
    stats: () => set.stats(),
  });
}
