import type { Readable, Writable } from 'node:stream';
import { compileMatcher, type Pack } from '@tapheal/rules';
import { mapJsonLines, requireMessage, type JsonLinesSummary } from '../json-lines.js';
import { PackRefusedError } from '../packs/read-pack.js';

/**
 * `tapheal classify`: one diagnosis line `{id, category, confidence, ruleId, fix}` per input line.
 */
export async function classifyLines(input: Readable, output: Writable, pack: Pack): Promise<JsonLinesSummary> {
  const matcher = compileMatcher(pack);
  if (!matcher.ok) throw new PackRefusedError('unsafe_pattern', matcher.detail);
  const { classify } = matcher.value;
  return mapJsonLines(input, output, (record) => {
    const { category, confidence, ruleId, fix } = classify(requireMessage(record));
    return { id: record.id ?? null, category, confidence, ruleId, fix };
  });
}
