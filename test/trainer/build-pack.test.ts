import { describe, expect, it } from 'vitest';
import { BASE_TAXONOMY, type Pack } from '@tapheal/rules';
import { CLUSTER_RULE_CONFIDENCE, buildPack, isSameContent, type BuildPackInput, type ConfirmedCluster } from '@tapheal/trainer';
import { makePack, makeRule } from '../helpers/packs.js';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const JAMMED_TEMPLATE = 'Frobnicator spindle jammed after <num> turns in <path>';
const JAMMED_PATTERN = String.raw`Frobnicator\s+spindle\s+jammed\s+after\s+.+\s+turns\s+in`;

function cluster(overrides: Partial<ConfirmedCluster> = {}): ConfirmedCluster {
  return { id: 'c00000000000000a1', template: JAMMED_TEMPLATE, category: 'spindle_jammed', fix: 'retry', note: null, reports: 12, installs: 4, ...overrides };
}

function build(overrides: Partial<BuildPackInput> = {}): Pack {
  const result = buildPack({ base: makePack(), clusters: [cluster()], version: 3, now: NOW, ttlDays: 30, ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.refusals));
  return result.pack;
}

describe('buildPack', () => {
  it('adds a rule for a confirmed cluster, after the base rules', () => {
    const pack = build({ clusters: [cluster({ note: 'frees itself' })] });
    expect(pack.rules.map((rule) => rule.id)).toEqual(['command_not_found.spawn_enoent', 'cluster.c00000000000000a1']);
    expect(pack.rules[1]).toEqual({
      id: 'cluster.c00000000000000a1',
      category: 'spindle_jammed',
      pattern: JAMMED_PATTERN,
      confidence: CLUSTER_RULE_CONFIDENCE,
      fix: 'retry',
      description: 'frees itself',
      support: { reports: 12, installs: 4 },
    });
  });

  it('describes a rule by its cluster when the maintainers left no note', () => {
    expect(build().rules[1]!.description).toBe('Confirmed by maintainers from cluster c00000000000000a1.');
  });

  it.each([
    ['retry', ['retry', 'report_only']],
    ['report_only', ['report_only']],
  ] as const)('adds a category the base lacks, with the fixes [%s, report_only]', (fix, fixes) => {
    const pack = build({ clusters: [cluster({ fix })] });
    expect(pack.categories.slice(0, BASE_TAXONOMY.length)).toEqual(makePack().categories);
    expect(pack.categories.slice(BASE_TAXONOMY.length)).toEqual([
      { id: 'spindle_jammed', title: 'spindle jammed', description: 'Added by maintainers from cluster c00000000000000a1.', fixes },
    ]);
  });

  it('adds a new category once for two clusters that share it', () => {
    const pack = build({ clusters: [cluster(), cluster({ id: 'c00000000000000a2', template: 'Spindle bearing seized at <num> rpm', reports: 3 })] });
    expect(pack.categories.filter((category) => category.id === 'spindle_jammed')).toHaveLength(1);
    expect(pack.rules.filter((rule) => rule.category === 'spindle_jammed').map((rule) => rule.id)).toEqual(['cluster.c00000000000000a1', 'cluster.c00000000000000a2']);
  });

  it('keeps the fixes of a category the base has', () => {
    const pack = build({ clusters: [cluster({ category: 'timeout', fix: 'retry' })] });
    expect(pack.categories).toEqual(makePack().categories);
    expect(pack.rules[1]).toMatchObject({ category: 'timeout', fix: 'retry' });
  });

  it('keeps the base rules that no cluster made, and rebuilds the ones clusters made from the clusters confirmed now', () => {
    const base = makePack({
      categories: [...makePack().categories, { id: 'spindle_jammed', title: 'Spindle', description: 'earlier', fixes: ['retry', 'report_only'] }],
      rules: [
        makeRule({ id: 'command_not_found.spawn_enoent', pattern: String.raw`spawn \S+ ENOENT` }),
        makeRule({ id: 'cluster.c00000000000000a1', pattern: 'old pattern', category: 'spindle_jammed', fix: 'retry', support: { reports: 2, installs: 1 } }),
        makeRule({ id: 'cluster.c000000000000dead', pattern: 'rejected since', category: 'timeout', fix: 'retry' }),
        makeRule({ id: 'timeout.handwritten', pattern: 'timed out', category: 'timeout', fix: 'increase_timeout' }),
      ],
    });
    const pack = build({ base });
    expect(pack.rules.map((rule) => rule.id)).toEqual(['command_not_found.spawn_enoent', 'timeout.handwritten', 'cluster.c00000000000000a1']);
    expect(pack.rules.slice(0, 2)).toEqual([base.rules[0], base.rules[3]]);
    expect(pack.rules[2]).toMatchObject({ pattern: JAMMED_PATTERN, support: { reports: 12, installs: 4 } });
    expect(pack.categories).toEqual(base.categories);
  });

  it('drops every cluster rule when no cluster is confirmed any more', () => {
    const base = makePack({ rules: [makeRule({ id: 'keep.me', pattern: 'a' }), makeRule({ id: 'cluster.c00000000000000a1', pattern: 'b' })] });
    expect(build({ base, clusters: [] }).rules.map((rule) => rule.id)).toEqual(['keep.me']);
  });

  it('takes the version and times from its inputs', () => {
    const pack = build({ version: 7, now: NOW, ttlDays: 30 });
    expect(pack).toMatchObject({ format: 1, version: 7, createdAt: '2026-03-01T00:00:00.000Z', expiresAt: '2026-03-31T00:00:00.000Z' });
  });

  it('leaves the base pack as it was', () => {
    const base = makePack();
    const before = structuredClone(base);
    build({ base, clusters: [cluster(), cluster({ id: 'c00000000000000a2', category: 'timeout', template: 'Spindle bearing seized at <num> rpm' })] });
    expect(base).toEqual(before);
  });

  it.each([
    ['a fix the category does not allow', cluster({ category: 'timeout', fix: 'free_port' }), 'fix_not_allowed', /timeout.*free_port/],
    ['a template too generic for a rule', cluster({ template: 'Error <num>' }), 'too_generic', /literal characters/],
  ] as const)('refuses a cluster with %s', (_what, refused, reason, detail) => {
    const result = buildPack({ base: makePack(), clusters: [cluster({ id: 'c00000000000000b1', category: 'timeout' }), refused], version: 3, now: NOW, ttlDays: 30 });
    expect(result).toEqual({ ok: false, refusals: [{ clusterId: 'c00000000000000a1', reason, detail: expect.stringMatching(detail) }] });
  });

  it('names every refused cluster at once', () => {
    const clusters = [cluster({ id: 'c0000000000000001', template: 'Error <num>' }), cluster(), cluster({ id: 'c0000000000000002', category: 'port_in_use', fix: 'retry' })];
    const result = buildPack({ base: makePack(), clusters, version: 3, now: NOW, ttlDays: 30 });
    expect(result.ok).toBe(false);
    expect(result.ok || result.refusals.map((r) => [r.clusterId, r.reason])).toEqual([
      ['c0000000000000001', 'too_generic'],
      ['c0000000000000002', 'fix_not_allowed'],
    ]);
  });

  it('refuses a pack that would not parse', () => {
    const result = buildPack({ base: makePack(), clusters: [cluster({ category: 'Spindle-Jammed' })], version: 3, now: NOW, ttlDays: 30 });
    expect(result).toMatchObject({ ok: false, refusals: [{ reason: 'invalid_pack', detail: expect.stringMatching(/categor/) }] });
  });
});

describe('isSameContent', () => {
  const pack = build();
  const withRule = (change: Partial<Pack['rules'][number]>): Pack => ({ ...pack, rules: pack.rules.map((rule, i) => (i === 1 ? { ...rule, ...change } : rule)) });

  it.each([
    ['the same pack', pack],
    ['other support counts', withRule({ support: { reports: 9_999, installs: 99 } })],
    ['another version and other times', { ...pack, version: 99, createdAt: '2030-01-01T00:00:00.000Z', expiresAt: '2031-01-01T00:00:00.000Z' }],
    ['the same pack built later from bigger clusters', build({ version: 4, now: new Date('2026-06-01T00:00:00Z'), clusters: [cluster({ reports: 500, installs: 80 })] })],
  ])('holds a pack the same as %s', (_what, other) => {
    expect(isSameContent(pack, other)).toBe(true);
  });

  it.each([
    ['another pattern', withRule({ pattern: 'Frobnicator' })],
    ['another fix', withRule({ fix: 'report_only' })],
    ['another description', withRule({ description: 'changed' })],
    ['another confidence', withRule({ confidence: 0.5 })],
    ['one rule fewer', { ...pack, rules: pack.rules.slice(0, 1) }],
    ['the rules in another order', { ...pack, rules: [...pack.rules].reverse() }],
    ['another category description', { ...pack, categories: pack.categories.map((c, i) => (i === 0 ? { ...c, description: 'x' } : c)) }],
    ['a category more', { ...pack, categories: [...pack.categories, { id: 'extra', title: 'Extra', description: '', fixes: [] }] }],
  ])('holds a pack different from one with %s', (_what, other) => {
    expect(isSameContent(pack, other as Pack)).toBe(false);
  });
});

describe('buildPack with measured outcomes', () => {
  it("gives each rule its measured outcomes, replaces older ones, caps heals at attempts, and leaves the rest without", () => {
    const base = makePack({
      rules: [
        makeRule({ id: 'command_not_found.spawn_enoent', pattern: String.raw`spawn \S+ ENOENT`, outcomes: { attempts: 1, healed: 1 } }),
        makeRule({ id: 'timeout.request', pattern: 'Request timed out', category: 'timeout', fix: 'increase_timeout' }),
        makeRule({ id: 'timeout.other', pattern: 'timed out after', category: 'timeout', fix: 'increase_timeout', outcomes: { attempts: 2, healed: 0 } }),
      ],
    });
    const outcomes = new Map([
      ['command_not_found.spawn_enoent', { attempts: 10, healed: 7 }],
      ['timeout.request', { attempts: 3, healed: 5 }],
    ]);
    const pack = build({ base, clusters: [], outcomes });
    expect(Object.fromEntries(pack.rules.map((rule) => [rule.id, rule.outcomes ?? null]))).toEqual({
      'command_not_found.spawn_enoent': { attempts: 10, healed: 7 },
      'timeout.request': { attempts: 3, healed: 3 },
      'timeout.other': null,
    });
    expect(isSameContent(pack, base)).toBe(true);
  });
});
