/**
 * Differential test: on random patterns and texts, the linear-time engine must agree with V8's RegExp
 * (flag `m`, and `i` for `(?i)`), which implements the same syntax with backtracking. Texts are short,
 * so V8 cannot blow up here.
 */
import { describe, expect, it } from 'vitest';
import { compilePatterns } from '@tapheal/rules';
import { createRandom, type Random } from '../../helpers/random.js';

const ATOMS = ['a', 'b', 'A', '.', '\\s', '\\w', '\\W', '[ab]', '[^a\\n]', '\\n', ' ', '\\d', '1', 'é'];
const ASSERTIONS = ['^', '$', '\\b', '\\B'];
const QUANTIFIERS = ['*', '+', '?', '{2}', '{1,3}', '{0,}', '*?'];
const TEXT_CHARS = ['a', 'b', 'A', 'B', ' ', '\n', '1', 'x', '_', 'é', 'É', '\r'];

function randomPattern(random: Random, depth: number): string {
  const roll = random.next();
  if (depth <= 0 || roll < 0.3) return random.next() < 0.15 ? random.pick(ASSERTIONS) : random.pick(ATOMS);
  if (roll < 0.55) return randomPattern(random, depth - 1) + randomPattern(random, depth - 1);
  if (roll < 0.7) return `(?:${randomPattern(random, depth - 1)}|${randomPattern(random, depth - 1)})`;
  const body = randomPattern(random, depth - 1);
  const atom = body.length === 1 || /^\\.$/.test(body) || /^\[[^\]]*\]$/.test(body) ? body : `(?:${body})`;
  if (ASSERTIONS.includes(atom)) return atom;
  return atom + random.pick(QUANTIFIERS);
}

function randomText(random: Random): string {
  return Array.from({ length: random.int(12) }, () => random.pick(TEXT_CHARS)).join('');
}

describe('the pattern engine against V8 RegExp', () => {
  it('agrees on 3,000 random pattern and text pairs', () => {
    const random = createRandom(20261125);
    const disagreements: string[] = [];
    for (let i = 0; i < 300; i++) {
      const ignoreCase = random.next() < 0.3;
      const body = randomPattern(random, 4);
      const pattern = (ignoreCase ? '(?i)' : '') + body;
      const compiled = compilePatterns([pattern]);
      if (!compiled.ok) throw new Error(`refused ${pattern}: ${compiled.detail}`);
      const reference = new RegExp(body, ignoreCase ? 'im' : 'm');
      for (let j = 0; j < 10; j++) {
        const text = randomText(random);
        const ours = compiled.value.scan(text).length > 0;
        if (ours !== reference.test(text)) disagreements.push(`${JSON.stringify(pattern)} on ${JSON.stringify(text)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
