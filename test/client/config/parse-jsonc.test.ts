/** The tolerant JSON(C) reader: same values as JSON.parse, plus comments, trailing commas and source spans. */
import { describe, expect, it } from 'vitest';
import { nodeAtPath, parseJsonc } from '../../../packages/client/src/config/parse-jsonc.js';

describe('parseJsonc', () => {
  const plain: Array<[string, string]> = [
    ['an object with every kind of value', '{"a": 1, "b": [true, false, null], "c": {"d": "e\\n\\u00e9"}, "f": -1.5e3}'],
    ['an empty object and array', '{"a": {}, "b": []}'],
    ['a top-level array', '[1, "two", {"three": 3}]'],
    ['a duplicate key (the last wins)', '{"a": 1, "a": 2}'],
    ['a __proto__ key, kept as an own property', '{"__proto__": {"polluted": true}}'],
  ];
  it.each(plain)('reads %s as JSON.parse does', (_name, text) => {
    const parsed = parseJsonc(text);
    expect(parsed.ok && parsed.value.root.value).toEqual(JSON.parse(text));
    expect(parsed.ok && parsed.value.comments).toBe(false);
  });

  it('keeps a __proto__ key from changing the prototype', () => {
    const parsed = parseJsonc('{"__proto__": {"polluted": true}}');
    const value = parsed.ok ? (parsed.value.root.value as Record<string, unknown>) : {};
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  const jsonc: Array<[string, string, unknown, { comments: boolean; trailingCommas: boolean }]> = [
    ['line comments', '{\n  // a note\n  "a": 1 // after\n}', { a: 1 }, { comments: true, trailingCommas: false }],
    ['block comments', '/* head */ {"a": /* inline */ 1}', { a: 1 }, { comments: true, trailingCommas: false }],
    ['comment markers inside strings', '{"url": "http://x/*y*/", "b": "//"}', { url: 'http://x/*y*/', b: '//' }, { comments: false, trailingCommas: false }],
    ['trailing commas', '{"a": [1, 2,], "b": {"c": 3,},}', { a: [1, 2], b: { c: 3 } }, { comments: false, trailingCommas: true }],
    ['a byte-order mark', '\uFEFF{"a": 1}', { a: 1 }, { comments: false, trailingCommas: false }],
  ];
  it.each(jsonc)('accepts %s', (_name, text, value, features) => {
    const parsed = parseJsonc(text);
    expect(parsed).toMatchObject({ ok: true, value: { ...features, root: { value } } });
  });

  const broken: Array<[string, string, RegExp]> = [
    ['a missing comma', '{"a": 1 "b": 2}', /expected ',' or '}' at line 1, column 9/],
    ['an unquoted key', '{a: 1}', /property name in double quotes/],
    ['an unterminated string', '{"a": "b}', /unterminated string/],
    ['an unterminated comment', '{"a": 1 /* }', /unterminated comment/],
    ['a lone comma', '{,}', /property name/],
    ['a leading zero', '{"a": 01}', /expected ','/],
    ['text after the value', '{} {}', /after the end/],
    ['an empty text', '', /unexpected end/],
    ['a raw newline in a string', '{"a": "b\nc"}', /control character/],
    ['a bad escape', '{"a": "\\x"}', /invalid escape/],
    ['nesting deeper than the limit', '['.repeat(500) + ']'.repeat(500), /nesting deeper/],
  ];
  it.each(broken)('refuses %s with a reason and a position', (_name, text, reason) => {
    const parsed = parseJsonc(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.detail).toMatch(reason);
  });

  it('gives each node the span of its source text', () => {
    const text = '{\n  "servers": { "x": {"command": "npx"} } // c\n}';
    const parsed = parseJsonc(text);
    const node = parsed.ok ? nodeAtPath(parsed.value.root, ['servers', 'x']) : undefined;
    expect(node && text.slice(node.start, node.end)).toBe('{"command": "npx"}');
    expect(parsed.ok && nodeAtPath(parsed.value.root, ['servers', 'missing'])).toBeUndefined();
    expect(parsed.ok && nodeAtPath(parsed.value.root, ['servers', 'x', 'command', 'deeper'])).toBeUndefined();
  });
});
