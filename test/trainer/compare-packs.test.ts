import { describe, expect, it } from 'vitest';
import { comparePacks, diffRules } from '@tapheal/trainer';
import { makePack, makeRule } from '../helpers/packs.js';

const ENOENT = makeRule({ id: 'command_not_found.spawn_enoent', pattern: 'spawn \\S+ ENOENT' });
const SPINDLE = makeRule({ id: 'cluster.c1', category: 'spindle_jammed', fix: 'retry', pattern: 'spindle jammed' });

describe('diffRules', () => {
  it('finds added, removed and changed rules, and counts the same ones', () => {
    const before = makePack({ rules: [ENOENT, makeRule({ id: 'old.rule', pattern: 'old' }), makeRule({ id: 'kept', pattern: 'kept' })] });
    const after = makePack({ rules: [{ ...ENOENT, confidence: 0.5, pattern: 'spawn ENOENT' }, makeRule({ id: 'kept', pattern: 'kept' }), SPINDLE] });
    const diff = diffRules(before, after);
    expect(diff.added.map((rule) => rule.id)).toEqual(['cluster.c1']);
    expect(diff.removed.map((rule) => rule.id)).toEqual(['old.rule']);
    expect(diff.changed).toEqual([
      { id: ENOENT.id, fields: ['pattern', 'confidence'], before: expect.objectContaining({ pattern: 'spawn \\S+ ENOENT', confidence: 0.9 }), after: expect.objectContaining({ pattern: 'spawn ENOENT', confidence: 0.5 }) },
    ]);
    expect(diff.unchanged).toBe(1);
  });

  it('takes every rule as added when there is no pack before', () => {
    expect(diffRules(null, makePack()).added).toHaveLength(1);
  });
});

describe('comparePacks', () => {
  const samples = [
    { clusterId: 'c1', category: 'spindle_jammed', messages: ['spindle jammed at 3', 'spindle jammed at 4'] },
    { clusterId: 'c2', category: 'command_not_found', messages: ['spawn npx ENOENT'] },
  ];

  it('marks the category a new rule recognises as improved, and leaves the others the same', () => {
    const comparison = comparePacks(makePack({ rules: [ENOENT] }), makePack({ rules: [ENOENT, SPINDLE] }), samples, ['spindle jammed', 'spawn uvx ENOENT', 'what']);
    const byCategory = Object.fromEntries(comparison.categories.map((c) => [c.category, c]));
    expect(byCategory.spindle_jammed).toMatchObject({ support: 2, change: 'improves', before: { recall: 0, f1: 0 }, after: { precision: 1, recall: 1, f1: 1 } });
    expect(byCategory.command_not_found).toMatchObject({ support: 1, change: 'same', after: { f1: 1 } });
    expect(comparison.labelled).toBe(3);
    expect(comparison.macroF1.after).toBe(1);
    expect(comparison.coverage).toEqual({ messages: 3, before: 1 / 3, after: 2 / 3 });
    expect(comparison.rules.added.map((rule) => rule.id)).toEqual(['cluster.c1']);
  });

  it('marks a category that loses its rule as regressed', () => {
    const comparison = comparePacks(makePack({ rules: [ENOENT, SPINDLE] }), makePack({ rules: [SPINDLE] }), samples, []);
    expect(comparison.categories.find((c) => c.category === 'command_not_found')).toMatchObject({ change: 'regresses', before: { f1: 1 }, after: { f1: 0 } });
    expect(comparison.coverage).toEqual({ messages: 0, before: 0, after: 0 });
  });

  it('says why when the candidate does not compile, scoring it zero', () => {
    const unsafe = makeRule({ id: 'bad', pattern: '(a)\\1' });
    const comparison = comparePacks(makePack({ rules: [ENOENT] }), makePack({ rules: [ENOENT, unsafe] }), samples, ['spawn npx ENOENT']);
    expect(comparison.problem).toMatch(/rule bad/);
    expect(comparison.macroF1.after).toBe(0);
    expect(comparison.coverage.after).toBe(0);
  });
});
