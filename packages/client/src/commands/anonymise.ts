import type { Readable, Writable } from 'node:stream';
import { anonymiseMessage } from '@tapheal/rules';
import { mapJsonLines, requireMessage, type JsonLinesSummary } from '../json-lines.js';

/** `tapheal anonymise`: the same lines out, every field kept, with `message` anonymised. */
export function anonymiseLines(input: Readable, output: Writable): Promise<JsonLinesSummary> {
  return mapJsonLines(input, output, (record) => ({ ...record, message: anonymiseMessage(requireMessage(record)) }));
}
