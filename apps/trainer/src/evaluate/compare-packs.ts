/**
 * How a candidate pack compares with the published one: per category, precision, recall and F1 of both on
 * the labelled reports (the confirmed clusters' messages), what improves and what regresses; the share of
 * recent reports each one classifies; and which rules were added, removed or changed. Pure.
 */
import { compileMatcher, scoreClassifications, type Pack, type Rule } from '@tapheal/rules';
import type { LabelledSample } from './evaluate-pack.js';

/** An F1 change smaller than this is no change. */
export const F1_CHANGE_THRESHOLD = 0.005;

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
}

export interface CategoryComparison {
  category: string;
  /** Labelled reports of this category. */
  support: number;
  before: Score;
  after: Score;
  change: 'improves' | 'regresses' | 'same';
}

export interface RuleSummary {
  id: string;
  category: string;
  fix: string;
  confidence: number;
  pattern: string;
}

export interface RuleDiff {
  added: RuleSummary[];
  removed: RuleSummary[];
  changed: { id: string; fields: string[]; before: RuleSummary; after: RuleSummary }[];
  unchanged: number;
}

export interface PackComparison {
  beforeVersion: number;
  labelled: number;
  categories: CategoryComparison[];
  macroF1: { before: number; after: number };
  /** Share of the newest reports each pack classifies as something other than `unknown`. */
  coverage: { messages: number; before: number; after: number };
  rules: RuleDiff;
  /** Set when the candidate does not compile; its scores are then all zero. */
  problem?: string;
}

const summary = (rule: Rule): RuleSummary => ({ id: rule.id, category: rule.category, fix: rule.fix, confidence: rule.confidence, pattern: rule.pattern });

export function diffRules(before: Pack | null, after: Pack): RuleDiff {
  const old = new Map((before?.rules ?? []).map((rule) => [rule.id, rule]));
  const diff: RuleDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const rule of after.rules) {
    const previous = old.get(rule.id);
    old.delete(rule.id);
    if (!previous) {
      diff.added.push(summary(rule));
      continue;
    }
    const fields = (['pattern', 'category', 'fix', 'confidence'] as const).filter((field) => previous[field] !== rule[field]);
    if (fields.length > 0) diff.changed.push({ id: rule.id, fields, before: summary(previous), after: summary(rule) });
    else diff.unchanged++;
  }
  diff.removed = [...old.values()].map(summary);
  return diff;
}

const NONE: Score = { precision: 0, recall: 0, f1: 0, predicted: 0 };

function classifier(pack: Pack): ((message: string) => string) | string {
  const compiled = compileMatcher(pack);
  return compiled.ok ? (message) => compiled.value.classify(message).category : compiled.detail;
}

export function comparePacks(before: Pack, after: Pack, samples: readonly LabelledSample[], recent: readonly string[]): PackComparison {
  const labelled = samples.flatMap((sample) => sample.messages.map((message) => ({ message, expected: sample.category })));
  const classifyBefore = classifier(before);
  const classifyAfter = classifier(after);
  const score = (classify: typeof classifyBefore) =>
    typeof classify === 'string' ? null : scoreClassifications(labelled.map(({ message, expected }) => ({ expected, actual: classify(message) })));
  const scoresBefore = score(classifyBefore);
  const scoresAfter = score(classifyAfter);
  const byCategory = (scores: typeof scoresBefore) => new Map((scores?.perCategory ?? []).map((s) => [s.category, s]));
  const beforeMap = byCategory(scoresBefore);
  const afterMap = byCategory(scoresAfter);
  const names = [...new Set([...beforeMap.keys(), ...afterMap.keys()])].sort();
  const categories = names.map((category): CategoryComparison => {
    const b = beforeMap.get(category);
    const a = afterMap.get(category);
    const pick = (s: typeof a): Score => (s ? { precision: s.precision, recall: s.recall, f1: s.f1, predicted: s.predicted } : NONE);
    const delta = (a?.f1 ?? 0) - (b?.f1 ?? 0);
    return {
      category,
      support: a?.support ?? b?.support ?? 0,
      before: pick(b),
      after: pick(a),
      change: delta > F1_CHANGE_THRESHOLD ? 'improves' : delta < -F1_CHANGE_THRESHOLD ? 'regresses' : 'same',
    };
  });
  const share = (classify: typeof classifyBefore) =>
    typeof classify === 'string' || recent.length === 0 ? 0 : recent.filter((message) => classify(message) !== 'unknown').length / recent.length;
  return {
    beforeVersion: before.version,
    labelled: labelled.length,
    categories,
    macroF1: { before: scoresBefore?.macroF1 ?? 0, after: scoresAfter?.macroF1 ?? 0 },
    coverage: { messages: recent.length, before: share(classifyBefore), after: share(classifyAfter) },
    rules: diffRules(before, after),
    ...(typeof classifyAfter === 'string' ? { problem: classifyAfter } : {}),
  };
}

/**
 * For each labelled category, the candidate's rules that take reports of it which the served pack
 * classified right: the rules behind a regression.
 */
export function regressingRules(before: Pack, after: Pack, samples: readonly LabelledSample[]): Map<string, string[]> {
  const old = compileMatcher(before);
  const candidate = compileMatcher(after);
  const found = new Map<string, Set<string>>();
  if (!old.ok || !candidate.ok) return new Map();
  for (const sample of samples) {
    for (const message of sample.messages) {
      if (old.value.classify(message).category !== sample.category) continue;
      const now = candidate.value.classify(message);
      if (now.category === sample.category || now.ruleId === null) continue;
      const rules = found.get(sample.category) ?? new Set<string>();
      rules.add(now.ruleId);
      found.set(sample.category, rules);
    }
  }
  return new Map([...found].map(([category, rules]) => [category, [...rules].sort()]));
}
