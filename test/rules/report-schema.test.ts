/**
 * The message limit counts UTF-8 bytes, not characters: checked at the boundary with one-, two-, three-
 * and four-byte characters, since short messages skip the count (a code unit is at most 3 bytes).
 */
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, ReportSchema, utf8Length } from '@tapheal/rules';
import { makeReport } from '../helpers/reports.js';

/** `unit` repeated, then ASCII filler, to exactly `bytes` UTF-8 bytes. */
function messageOf(unit: string, bytes: number): string {
  const unitBytes = Buffer.byteLength(unit, 'utf8');
  const units = Math.floor(bytes / unitBytes);
  return unit.repeat(units) + 'x'.repeat(bytes - units * unitBytes);
}

const accepts = (message: string) => ReportSchema.safeParse(makeReport({ error: { message } })).success;

describe('ReportSchema: the message limit', () => {
  it.each([
    ['ASCII', 'a'],
    ['two-byte é', 'é'],
    ['three-byte €', '€'],
    ['four-byte 🙂 (a surrogate pair)', '🙂'],
  ])('takes %s up to %i bytes and refuses one byte more', (_name, unit) => {
    const atLimit = messageOf(unit, MAX_MESSAGE_BYTES);
    const over = messageOf(unit, MAX_MESSAGE_BYTES + 1);
    expect([Buffer.byteLength(atLimit), Buffer.byteLength(over)]).toEqual([MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES + 1]);
    expect({ atLimit: accepts(atLimit), over: accepts(over) }).toEqual({ atLimit: true, over: false });
  });

  it('names the limit in its refusal', () => {
    const result = ReportSchema.safeParse(makeReport({ error: { message: '€'.repeat(MAX_MESSAGE_BYTES) } }));
    expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual([`a message is at most ${MAX_MESSAGE_BYTES} bytes`]);
  });

  it('utf8Length agrees with Buffer.byteLength, lone surrogates included', () => {
    for (const text of ['', 'abc', 'é€🙂', '\ud83d', 'a\udc00b', '🙂'.repeat(3) + '\ud83d'])
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});
