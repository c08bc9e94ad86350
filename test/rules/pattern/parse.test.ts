import { describe, expect, it } from 'vitest';
import { checkPattern } from '@tapheal/rules';

describe('the pattern language', () => {
  it.each([
    ['spawn \\S+ ENOENT'],
    ['(?i)connection (?:closed|refused)'],
    ['^\\s*at [\\w.<>]+ \\(node:internal'],
    ['[^\\]]+\\]'],
    ['a{0,1000}'],
    ['\\x41\\u00e9\\t\\n'],
    ['\\bEACCES\\b'],
    ['x*?y+?z??'],
    ['{not a quantifier}'],
    ['(?:)'],
  ])('accepts %s', (pattern) => {
    expect(checkPattern(pattern)).toBeUndefined();
  });

  it.each([
    ['(a)\\1', /back-references/],
    ['\\k<name>', /named back-references/],
    ['(?=ENOENT)', /look-around/],
    ['(?!x)', /look-around/],
    ['(?<=x)y', /look-around/],
    ['(?<!x)y', /look-around/],
    ['(?<name>x)', /named groups/],
    ['a(?i)b', /only allowed at the very start/],
    ['a**', /nested quantifiers/],
    ['a{2}+', /nested quantifiers/],
    ['*a', /nothing to repeat/],
    ['a{1001}', /repetition count above 1000/],
    ['a{3,2}', /m < n/],
    ['(abc', /unclosed '\('/],
    ['abc)', /unmatched '\)'/],
    ['[abc', /unclosed '\['/],
    ['[z-a]', /out of order/],
    ['\\p{L}', /unknown escape/],
    ['abc\\', /lone backslash/],
    ['\\xZZ', /malformed hex/],
    ['^*', /quantifier cannot follow an assertion/],
    ['x'.repeat(2001), /longer than 2000/],
    ['(?:(?:a{1000}){1000})', /automaton states/],
  ])('refuses %s with a reason', (pattern, reason) => {
    expect(checkPattern(pattern)).toMatch(reason);
  });

  it('names the position of the refused syntax', () => {
    expect(checkPattern('abc(?=d)')).toMatch(/\(at 3\)/);
  });
});
