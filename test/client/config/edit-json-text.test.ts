/** Splicing a new value into JSON(C) text: only what changed is touched. */
import { describe, expect, it } from 'vitest';
import { applyTextEdits, detectTextStyle, planJsonEdits } from '../../../packages/client/src/config/edit-json-text.js';
import { parseJsonc } from '../../../packages/client/src/config/parse-jsonc.js';

function edit(text: string, next: unknown): string {
  const parsed = parseJsonc(text);
  if (!parsed.ok) throw new Error(parsed.detail);
  const edits = planJsonEdits(text, parsed.value.root, next, detectTextStyle(text));
  return applyTextEdits(text, edits);
}

describe('detectTextStyle', () => {
  const cases: Array<[string, string, { indent: string; newline: string }]> = [
    ['two spaces', '{\n  "a": {\n    "b": 1\n  }\n}\n', { indent: '  ', newline: '\n' }],
    ['four spaces', '{\n    "a": 1\n}', { indent: '    ', newline: '\n' }],
    ['tabs and CRLF', '{\r\n\t"a": 1\r\n}\r\n', { indent: '\t', newline: '\r\n' }],
    ['one line (the default)', '{"a": 1}', { indent: '  ', newline: '\n' }],
  ];
  it.each(cases)('detects %s', (_name, text, style) => {
    expect(detectTextStyle(text)).toEqual(style);
  });
});

describe('planJsonEdits', () => {
  const cases: Array<[string, string, unknown, string]> = [
    ['an unchanged value (no edit at all)', '{ "a" :1, "b":[1,2] }', { a: 1, b: [1, 2] }, '{ "a" :1, "b":[1,2] }'],
    ['a changed scalar, keeping the spacing around it', '{\n  "a":  1, // one\n  "b": 2\n}', { a: 5, b: 2 }, '{\n  "a":  5, // one\n  "b": 2\n}'],
    ['a changed array, re-rendered at its depth', '{\n  "x": {\n    "args": ["a"]\n  }\n}', { x: { args: ['a', 'b'] } }, '{\n  "x": {\n    "args": [\n      "a",\n      "b"\n    ]\n  }\n}'],
    ['an added property, after the last one, like its siblings', '{\n    "a": 1\n}', { a: 1, b: { c: 2 } }, '{\n    "a": 1,\n    "b": {\n        "c": 2\n    }\n}'],
    ['an added property after a trailing comma', '{\n\t"a": 1,\n}', { a: 1, b: 2 }, '{\n\t"a": 1,\n\t"b": 2,\n}'],
    ['an added property in a one-line object', '{"env": {"A": "1"}}', { env: { A: '1', B: '2' } }, '{"env": {"A": "1", "B": "2"}}'],
    ['a property added to an empty object', '{\n  "env": {}\n}', { env: { A: '1' } }, '{\n  "env": {\n    "A": "1"\n  }\n}'],
    ['a removed first property', '{\n  "a": 1,\n  "b": 2\n}', { b: 2 }, '{\n  "b": 2\n}'],
    ['a removed middle property, its comment with it', '{\n  "a": 1,\n  "b": 2, // b\n  "c": 3\n}', { a: 1, c: 3 }, '{\n  "a": 1,\n  "c": 3\n}'],
    ['a removed last property', '{\n  "a": 1,\n  "b": 2\n}', { a: 1 }, '{\n  "a": 1\n}'],
    ['removed last properties, keeping a trailing comma', '{\n  "a": 1,\n  "b": 2,\n  "c": 3,\n}', { a: 1 }, '{\n  "a": 1,\n}'],
    ['a removed tail replaced by a new property', '{\n  "a": 1,\n  "b": 2\n}', { a: 1, c: 3 }, '{\n  "a": 1,\n  "c": 3\n}'],
    ['every property removed', '{\n  "a": 1\n}', {}, '{}'],
    ['a deep change that leaves comments elsewhere', '{\n  // top\n  "s": { "env": { "A": "1" /* keep */, "B": "2" } }\n}', { s: { env: { A: '1', B: '3' } } }, '{\n  // top\n  "s": { "env": { "A": "1" /* keep */, "B": "3" } }\n}'],
    ['CRLF in re-rendered text', '{\r\n  "a": [1]\r\n}\r\n', { a: [1, 2] }, '{\r\n  "a": [\r\n    1,\r\n    2\r\n  ]\r\n}\r\n'],
  ];
  it.each(cases)('splices %s', (_name, text, next, expected) => {
    const out = edit(text, next);
    expect(out).toBe(expected);
    const reread = parseJsonc(out);
    expect(reread.ok && reread.value.root.value).toEqual(next);
  });
});
