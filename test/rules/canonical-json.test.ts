import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '@tapheal/rules';

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ nested: { z: [3, { y: 1, x: 2 }], a: null } }, '{"nested":{"a":null,"z":[3,{"x":2,"y":1}]}}'],
    [[1, 'two', true, false, null], '[1,"two",true,false,null]'],
    [{ '\u20ac': 1, '\r': 2, '1': 3, '\ud83d\ude00': 4, '\u0080': 5, ö: 6 }, '{"\\r":2,"1":3,"\u0080":5,"ö":6,"\u20ac":1,"\ud83d\ude00":4}'],
    ['\u0001\u001f "\\/\b\f\n\r\t é', '"\\u0001\\u001f \\"\\\\/\\b\\f\\n\\r\\t é"'],
    [{ skipped: undefined, kept: 0 }, '{"kept":0}'],
  ])('encodes %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  // Number forms from RFC 8785 appendix B (ECMAScript's shortest round-trip serialisation).
  it.each([
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [123456789012345680000, '123456789012345680000'],
    [-1.7976931348623157e308, '-1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [9007199254740992, '9007199254740992'],
    [333333333.3333333, '333333333.3333333'],
  ])('writes the number %d as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('sorts keys by UTF-16 code units, not by code points', () => {
    // U+1F600 is stored as the surrogates D83D DE00, which sort before U+FB33.
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"\ud83d\ude00":2,"\ufb33":1}');
  });

  it.each([[NaN], [Infinity], [() => 1], [10n], ['\ud800 alone']])('refuses %s, which JSON cannot carry', (value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it('gives the same text whatever order the members were built in', () => {
    const one = canonicalJson({ version: 3, rules: [{ id: 'a', pattern: 'x' }], format: 1 });
    const two = canonicalJson({ format: 1, rules: [{ pattern: 'x', id: 'a' }], version: 3 });
    expect(one).toBe(two);
  });
});
