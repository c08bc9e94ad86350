import { describe, expect, it } from 'vitest';
import { compilePatterns } from '@tapheal/rules';

function matches(pattern: string, text: string): boolean {
  const compiled = compilePatterns([pattern]);
  if (!compiled.ok) throw new Error(compiled.detail);
  return compiled.value.scan(text).length === 1;
}

describe('compilePatterns', () => {
  it.each([
    ['spawn \\S+ ENOENT', 'Error: spawn npx ENOENT', true],
    ['spawn \\S+ ENOENT', 'Error: spawn  ENOENT', false],
    ['(?i)connection closed', 'MCP error -32000: CONNECTION Closed', true],
    ['connection closed', 'MCP error -32000: Connection closed', false],
    ['^abc$', 'x\nabc\ny', true],
    ['^abc$', 'x\r\nabc\r\ny', true],
    ['^abc$', 'xabc', false],
    ['^abc$', 'abcx', false],
    ['\\bfoo\\b', 'a foo b', true],
    ['\\bfoo\\b', 'afoo b', false],
    ['\\bfoo\\b', 'foo', true],
    ['\\Boo\\B', 'foo', false],
    ['\\Boo\\B', 'fooo', true],
    ['a.c', 'a\nc', false],
    ['a[\\s\\S]c', 'a\nc', true],
    ['(?i)[^a-z]', 'ABC', false],
    ['(?i)é', 'CAFÉ', true],
    ['a{2,3}b', 'xaab', true],
    ['xa{2,3}b', 'xab', false],
    ['xa{2,}b', 'xaaaaaaab', true],
    ['$', '', true],
    ['^$', 'a\n\nb', true],
    ['^$', 'ab', false],
  ])('%s on %j is %s', (pattern, text, expected) => {
    expect(matches(pattern, text)).toBe(expected);
  });

  it('reports every matching pattern once, however often each matches', () => {
    const compiled = compilePatterns(['ENOENT', 'spawn', 'EACCES', 'npx']);
    if (!compiled.ok) throw new Error(compiled.detail);
    const found = compiled.value.scan('spawn npx ENOENT\nspawn npx ENOENT');
    expect(found.sort()).toEqual([0, 1, 3]);
  });

  it('tells which pattern of a list was refused', () => {
    const compiled = compilePatterns(['ok', 'fine', '(x)\\1']);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.reason.index).toBe(2);
  });

  it.each([
    ['(a+)+$', 'a'.repeat(40_000) + '!'],
    ['(a|aa)+b', 'a'.repeat(40_000)],
    ['(.*a){20}x', 'a'.repeat(40_000)],
    ['(x+x+)+y', 'x'.repeat(40_000)],
    ['^(\\w+\\s?)*$', 'word '.repeat(8_000) + '!'],
  ])('matches the catastrophic-for-backtracking %s on 40 KB in well under a second', (pattern, text) => {
    const started = performance.now();
    const result = matches(pattern, text);
    const elapsed = performance.now() - started;
    expect(result).toBe(false);
    expect(elapsed).toBeLessThan(500);
  });

  it('keeps matching correctly when its state cache is dropped over and over', () => {
    const patterns = ['a[ab]{8}c', 'b[ab]{6}d', '(?i)xyz'];
    const small = compilePatterns(patterns, { maxDfaStates: 8 });
    const large = compilePatterns(patterns);
    if (!small.ok || !large.ok) throw new Error('refused');
    const text = 'abababbabaabbbaac ba' + 'ab'.repeat(500) + 'bababad XYZ';
    expect(small.value.scan(text).sort()).toEqual(large.value.scan(text).sort());
    expect(small.value.stats().cacheResets).toBeGreaterThan(0);
    expect(large.value.stats().cacheResets).toBe(0);
  });
});
