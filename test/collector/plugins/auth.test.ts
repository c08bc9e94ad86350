import { describe, expect, it } from 'vitest';
import { isMaintainerToken } from '../../../apps/collector/src/plugins/auth.js';

describe('isMaintainerToken', () => {
  it.each([
    ['the same token', 'a-long-enough-token-123', true],
    ['a different token of the same length', 'a-long-enough-token-124', false],
    ['a prefix', 'a-long-enough-token-12', false],
    ['a longer token', 'a-long-enough-token-1234', false],
    ['an empty token', '', false],
    ['no token', undefined, false],
  ])('answers %s with %s', (_, presented, expected) => {
    expect(isMaintainerToken('a-long-enough-token-123', presented)).toBe(expected);
  });
});
