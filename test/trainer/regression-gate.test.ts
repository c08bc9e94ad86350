/** The publication gate refuses a candidate that does worse on a labelled category, naming the rules. */
import { describe, expect, it } from 'vitest';
import { regressingRules, regressionReasons, type LabelledSample } from '@tapheal/trainer';
import { makePack, makeRule } from '../helpers/packs.js';

const base = makePack({ version: 4, rules: [makeRule({ id: 'timeout.slow', pattern: 'timed out', category: 'timeout', fix: 'increase_timeout' })] });
const samples: LabelledSample[] = [{ clusterId: 'c1', category: 'timeout', messages: ['request timed out after 10s', 'handshake timed out'] }];

describe('regressionReasons', () => {
  it('names the category and the candidate rule that takes its reports', () => {
    const greedy = makeRule({ id: 'cluster.greedy', pattern: 'handshake', category: 'auth_failed', fix: 'set_env_from_user', confidence: 0.99 });
    const candidate = makePack({ version: 5, rules: [...base.rules, greedy] });

    expect(regressingRules(base, candidate, samples)).toEqual(new Map([['timeout', ['cluster.greedy']]]));
    const reasons = regressionReasons(base, candidate, samples);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^timeout does worse than in v4: F1 1\.000 -> 0\.667; rules that now take its reports: cluster\.greedy$/);
  });

  it('passes a candidate that only adds what it should', () => {
    const extra = makeRule({ id: 'cluster.new', pattern: 'quota exceeded', category: 'network_error', fix: 'retry' });

    expect(regressionReasons(base, makePack({ version: 5, rules: [...base.rules, extra] }), samples)).toEqual([]);
  });
});
