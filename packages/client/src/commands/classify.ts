import type { Readable, Writable } from 'node:stream';
import type { Matcher } from '@tapheal/rules';
import { mapJsonLines, requireMessage, type JsonLinesSummary } from '../json-lines.js';

/**
 * `tapheal classify`: one diagnosis line `{id, category, confidence, ruleId, fix}` per input line.
 */
export function classifyLines(input: Readable, output: Writable, { classify }: Matcher): Promise<JsonLinesSummary> {
  return mapJsonLines(input, output, (record) => {
    const { category, confidence, ruleId, fix } = classify(requireMessage(record));
    return { id: record.id ?? null, category, confidence, ruleId, fix };
  });
}
