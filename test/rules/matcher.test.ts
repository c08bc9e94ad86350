import { describe, expect, it } from 'vitest';
import { compileMatcher, NO_MATCH, type Pack } from '@tapheal/rules';
import { makePack, makeRule } from '../helpers/packs.js';

function matcherFor(pack: Pack) {
  const result = compileMatcher(pack);
  if (!result.ok) throw new Error(result.detail);
  return result.value;
}

const pack = makePack({
  rules: [
    makeRule({ id: 'server_crashed.closed', category: 'server_crashed', fix: 'retry', confidence: 0.5, pattern: '(?i)connection closed' }),
    makeRule({ id: 'command_not_found.spawn', pattern: 'spawn \\S+ ENOENT', confidence: 0.95 }),
    makeRule({ id: 'timeout.mcp', category: 'timeout', fix: 'increase_timeout', confidence: 0.9, pattern: '-32001' }),
    makeRule({ id: 'timeout.words', category: 'timeout', fix: 'increase_timeout', confidence: 0.9, pattern: '(?i)timed out' }),
  ],
});

describe('compileMatcher', () => {
  it('returns the diagnosis of the rule that matches', () => {
    expect(matcherFor(pack).classify('Error: spawn uvx ENOENT')).toEqual({
      category: 'command_not_found',
      confidence: 0.95,
      ruleId: 'command_not_found.spawn',
      fix: 'resolve_command_path',
    });
  });

  it('prefers the most confident rule when several match', () => {
    const diagnosis = matcherFor(pack).classify('spawn npx ENOENT\nMCP error -32000: Connection closed');
    expect(diagnosis.ruleId).toBe('command_not_found.spawn');
  });

  it('breaks a tie in confidence by the order of the rules in the pack', () => {
    const diagnosis = matcherFor(pack).classify('MCP error -32001: Request timed out');
    expect(diagnosis.ruleId).toBe('timeout.mcp');
  });

  it('falls back to the generic rule when nothing more specific matches', () => {
    expect(matcherFor(pack).classify('MCP error -32000: Connection closed').category).toBe('server_crashed');
  });

  it('says unknown, with no rule and no fix to apply, when no rule matches', () => {
    expect(matcherFor(pack).classify('something else entirely')).toEqual(NO_MATCH);
    expect(NO_MATCH).toEqual({ category: 'unknown', confidence: 0, ruleId: null, fix: 'report_only' });
  });

  it('lists every matching rule, best first', () => {
    const ids = matcherFor(pack).matchingRules('spawn npx ENOENT; -32001 timed out; connection closed').map((r) => r.id);
    expect(ids).toEqual(['command_not_found.spawn', 'timeout.mcp', 'timeout.words', 'server_crashed.closed']);
  });

  it('refuses a pack with an unsafe pattern, naming the rule', () => {
    const result = compileMatcher(makePack({ rules: [makeRule({ id: 'look', pattern: '(?<=a)b' })] }));
    expect(result.ok ? 'compiled' : result.detail).toMatch(/^rule look: pattern refused: look-around/);
  });

  it('classifies a 40 KB adversarial message in well under a second', () => {
    const hostile = makePack({ rules: [makeRule({ id: 'redos', pattern: '^(a|a)+$' }), makeRule({ id: 'redos2', pattern: '(\\w+\\s?)+!$' })] });
    const matcher = matcherFor(hostile);
    const started = performance.now();
    const diagnosis = matcher.classify('a'.repeat(40_000) + 'b');
    matcher.classify('word '.repeat(8_000) + '?');
    expect(performance.now() - started).toBeLessThan(500);
    expect(diagnosis).toEqual(NO_MATCH);
  });
});
