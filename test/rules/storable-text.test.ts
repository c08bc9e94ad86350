import { describe, expect, it } from 'vitest';
import { isStorableText, REPLACEMENT_CHARACTER, toStorableText } from '@tapheal/rules';

describe('toStorableText', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'a\ufffdb'],
    ['NULs in a row', '\u0000\u0000', '\ufffd\ufffd'],
    ['a lone high surrogate at the end', 'cut \ud83d', 'cut \ufffd'],
    ['a lone low surrogate at the start', '\ude42 tail', '\ufffd tail'],
    ['two high surrogates, the second paired', '\ud83d\ud83d\ude42', '\ufffd🙂'],
  ])('replaces %s with U+FFFD', (_what, text, storable) => {
    expect({ before: isStorableText(text), after: toStorableText(text), afterIsStorable: isStorableText(toStorableText(text)) }).toEqual({
      before: false,
      after: storable,
      afterIsStorable: true,
    });
  });

  it('keeps storable text as it is, the same string', () => {
    for (const text of ['', 'plain', 'emoji 🙂 and é€', `tab\tnew line\nreturn\r${REPLACEMENT_CHARACTER}`, '\\u0000 written out']) {
      expect(isStorableText(text)).toBe(true);
      expect(toStorableText(text)).toBe(text);
    }
  });
});
