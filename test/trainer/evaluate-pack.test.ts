import { describe, expect, it } from 'vitest';
import { MIN_CLUSTER_RECALL, evaluatePack, type LabelledSample } from '@tapheal/trainer';
import { makePack, makeRule } from '../helpers/packs.js';

const pack = makePack({
  categories: [
    ...makePack().categories,
    { id: 'spindle_jammed', title: 'Spindle jammed', description: '', fixes: ['retry', 'report_only'] },
  ],
  rules: [
    makeRule({ id: 'command_not_found.spawn_enoent', pattern: String.raw`spawn \S+ ENOENT`, confidence: 0.95 }),
    makeRule({ id: 'cluster.c00000000000000a1', pattern: String.raw`Frobnicator\s+spindle\s+jammed`, category: 'spindle_jammed', fix: 'retry', confidence: 0.9 }),
    makeRule({ id: 'timeout.request', pattern: 'Request timed out', category: 'timeout', fix: 'retry', confidence: 0.9 }),
  ],
});

const JAMMED = (n: number) => Array.from({ length: n }, (_, i) => `Frobnicator spindle jammed after ${i} turns`);
const OTHER = (n: number) => Array.from({ length: n }, (_, i) => `Frobnicator spindle turned ${i} times`);

const sample = (clusterId: string, messages: string[], category = 'spindle_jammed'): LabelledSample => ({ clusterId, category, messages });

describe('evaluatePack', () => {
  it('gates at a recall of 0.9', () => {
    expect(MIN_CLUSTER_RECALL).toBe(0.9);
  });

  it.each([
    [10, 0, 1, true],
    [9, 1, 0.9, true],
    [8, 2, 0.8, false],
    [0, 5, 0, false],
  ])('measures %i of %i+%i reports classified as the category as recall %d, passed %s', (hits, misses, recall, passed) => {
    const evaluation = evaluatePack(pack, [sample('a', [...JAMMED(hits), ...OTHER(misses)])]);
    expect(evaluation.clusters).toEqual([{ clusterId: 'a', category: 'spindle_jammed', messages: hits + misses, recall }]);
    expect(evaluation.passed).toBe(passed);
    expect(evaluation.reasons).toHaveLength(passed ? 0 : 1);
  });

  it('names the failing cluster, its recall and the share needed', () => {
    const evaluation = evaluatePack(pack, [sample('c00000000000000a1', [...JAMMED(8), ...OTHER(2)])]);
    expect(evaluation.reasons).toEqual(['cluster c00000000000000a1: 80% of 10 reports classify as spindle_jammed (at least 90% needed)']);
  });

  it('measures each cluster on its own, and fails the pack for any one of them', () => {
    const evaluation = evaluatePack(pack, [
      sample('a', JAMMED(4)),
      sample('b', ['Request timed out', 'Request timed out again', 'no rule here'], 'timeout'),
      sample('c', ['spawn npx ENOENT'], 'command_not_found'),
    ]);
    expect(evaluation.clusters.map(({ clusterId, recall }) => [clusterId, recall])).toEqual([
      ['a', 1],
      ['b', 2 / 3],
      ['c', 1],
    ]);
    expect(evaluation.passed).toBe(false);
    expect(evaluation.reasons).toEqual([expect.stringMatching(/^cluster b: 67% of 3 reports classify as timeout/)]);
  });

  it('counts a report matched by a rule of another category as a miss', () => {
    const evaluation = evaluatePack(pack, [sample('a', JAMMED(3), 'timeout')]);
    expect(evaluation).toMatchObject({ passed: false, clusters: [{ recall: 0 }] });
  });

  it('counts a report that a more confident rule of another category takes as a miss', () => {
    const messages = ['Frobnicator spindle jammed: spawn npx ENOENT', 'Frobnicator spindle jammed'];
    const evaluation = evaluatePack(pack, [sample('a', messages)]);
    expect(evaluation.clusters[0]!.recall).toBe(0.5);
    expect(evaluation.passed).toBe(false);
  });

  it('passes a pack with no clusters to evaluate', () => {
    expect(evaluatePack(pack, [])).toEqual({ passed: true, clusters: [], reasons: [] });
  });

  it.each([
    ['a back-reference', String.raw`(a)\1`],
    ['a look-ahead', 'spindle(?=jammed)'],
    ['a pattern over 2000 characters', 'a'.repeat(2001)],
  ])('refuses a pack with %s as unsafe, naming the rule', (_what, pattern) => {
    const unsafe = { ...pack, rules: [...pack.rules, makeRule({ id: 'cluster.c00000000000000ff', pattern })] };
    const evaluation = evaluatePack(unsafe, [sample('a', JAMMED(3))]);
    expect(evaluation).toEqual({ passed: false, clusters: [], reasons: [expect.stringMatching(/^unsafe_pattern: rule cluster\.c00000000000000ff: /)] });
  });
});
