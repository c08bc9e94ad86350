import type { FixKind } from '../../taxonomy.js';

/**
 * One hand-written rule of the built-in pack. `pattern` is in the language of docs/patterns.md and
 * matches anywhere in the message; among the rules that match, the highest `confidence` wins, so generic
 * shapes sit low and specific causes high.
 */
export interface BuiltinRule {
  id: string;
  category: string;
  pattern: string;
  confidence: number;
  fix: FixKind;
  /** One line: the shape this rule recognises. */
  description: string;
}
