import { describe, expect, it } from 'vitest';
import { createMiner, emptyMinerState, isMinerState, mineTemplates, templatesOf, type MinerState } from '@tapheal/trainer';

const groupsOf = (messages: readonly string[]): number[] => {
  const ids = templatesOf(messages).map((mined) => mined.clusterId);
  return ids.map((id) => ids.indexOf(id));
};
const templateOf = (messages: readonly string[], index = 0): string => templatesOf(messages)[index]?.template ?? '';

describe('createMiner', () => {
  it('gives messages that differ only in parameters one template', () => {
    const mined = templatesOf(['connect ECONNREFUSED 127.0.0.1:8080', 'connect ECONNREFUSED 10.0.0.7:3000', 'connect ECONNREFUSED ::1:5002']);
    expect(new Set(mined.map((m) => m.clusterId)).size).toBe(1);
    expect(mined[0]?.template).toBe('connect ECONNREFUSED <*>');
  });

  it('keeps messages with different words apart', () => {
    expect(groupsOf(['spawn npx ENOENT', 'spawn uvx ENOENT', 'Request timed out after 60000 ms', 'Connection closed'])).toEqual([0, 1, 2, 3]);
  });

  it('makes a word position a parameter once it took three values in one context', () => {
    const two = ['session closed for user alice', 'session closed for user bob'];
    expect(groupsOf(two)).toEqual([0, 1]);
    const three = [...two, 'session closed for user carol'];
    expect(groupsOf(three)).toEqual([0, 0, 0]);
    expect(templateOf(three)).toBe('session closed for user <*>');
    expect(templatesOf([...three, 'session closed for user dave'])[3]?.template).toBe('session closed for user <*>');
  });

  it('takes a word where a learned or masked parameter stands, once the context is long enough', () => {
    expect(groupsOf(['Invalid user test9 from 1.2.3.4', 'Invalid user admin from 5.6.7.8'])).toEqual([0, 0]);
  });

  it('never merges one-word messages or key = value lines on their only word', () => {
    expect(groupsOf(['normal', 'warning', 'running', 'blocked'])).toEqual([0, 1, 2, 3]);
    expect(groupsOf(['getSteps = 1', 'setSteps = 2', 'putSteps = 3', 'x1 = 4'])).toEqual([0, 1, 2, 3]);
  });

  it('needs more values before it merges capitalised names (methods, states)', () => {
    const methods = ['request "GET /a" status: 200', 'request "POST /a" status: 200', 'request "DELETE /a" status: 204'];
    expect(groupsOf(methods)).toEqual([0, 1, 2]);
  });

  it('joins templates that differ by a variable-length parameter', () => {
    const messages = [
      'proxy.example:80 close, 10 bytes sent, 20 bytes received, lifetime 00:01',
      'proxy.example:80 close, 1190 bytes (1.16 KB) sent, 20 bytes received, lifetime 00:01',
      'proxy.example:80 close, 10 bytes sent, 20 bytes received, lifetime <1 sec',
      'connection from 1.2.3.4 () at Sun Jul  3 10:05:25 2005',
      'connection from 1.2.3.5 (dsl-1-2-3-5.example) at Mon Jul  4 10:05:25 2005',
    ];
    expect(groupsOf(messages)).toEqual([0, 0, 0, 3, 3]);
  });

  it('keeps an added key = value field and a word for word change apart', () => {
    expect(groupsOf(['auth failure; rhost=1.2.3.4', 'auth failure; rhost=1.2.3.4 user=root'])).toEqual([0, 1]);
    expect(groupsOf(['42 HIGHMEM pages available', '42 LOWMEM pages available'])).toEqual([0, 1]);
  });

  it('clusters multi-line errors by their text, whatever the stack depth and paths', () => {
    const messages = [
      "Error: Cannot find module '/Users/alice/app/index.js'\n    at load (/Users/alice/node_modules/x.js:10:5)\n    at run (/a.js:1:1)",
      "Error: Cannot find module '/home/bob/app/main.js'\n    at load (/home/bob/node_modules/x.js:99:1)",
      'Error: Cannot find package\n    at load (/a.js:1:1)',
    ];
    expect(groupsOf(messages)).toEqual([0, 0, 2]);
    expect(templateOf(messages)).toBe("Error: Cannot find module '<*>'\nat load (<*>)");
  });

  it('clusters JSON-RPC errors by their keys and message, not their ids', () => {
    const messages = [
      '{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"Connection closed"}}',
      '{"jsonrpc":"2.0","id":17,"error":{"code":-32001,"message":"Connection closed"}}',
      '{"jsonrpc":"2.0","id":2,"error":{"code":-32001,"message":"Request timed out"}}',
    ];
    expect(groupsOf(messages)).toEqual([0, 0, 2]);
  });

  it('derives cluster ids from the template text only', () => {
    const first = templatesOf(['spawn npx ENOENT', 'disk 1 full']);
    const second = templatesOf(['disk 7 full', 'other', 'spawn npx ENOENT']);
    expect(second[2]?.clusterId).toBe(first[0]?.clusterId);
    expect(second[0]?.clusterId).toBe(first[1]?.clusterId);
    expect(first[0]?.clusterId).toMatch(/^c[0-9a-f]{16}$/);
  });

  it('reports what add joined now and what resolve says after later merges', () => {
    const miner = createMiner();
    const alice = miner.add('session closed for user alice');
    expect(alice.template).toBe('session closed for user alice');
    miner.add('session closed for user bob');
    miner.add('session closed for user carol');
    expect(miner.resolve(alice.cluster).template).toBe('session closed for user <*>');
    expect(miner.clusters()).toEqual([{ clusterId: miner.resolve(alice.cluster).clusterId, template: 'session closed for user <*>', size: 3 }]);
  });

  it('refuses a state that is not a version 1 miner state', () => {
    expect(() => createMiner({ version: 2, clusters: [] } as unknown as MinerState)).toThrow(/version 1/);
    expect(isMinerState({ version: 1, clusters: [{ tokens: ['a'], spaces: '', size: 1 }] })).toBe(false);
    expect(isMinerState({ version: 1, clusters: [{ tokens: ['a'], spaces: '0', size: 1, mergedInto: 0 }] })).toBe(false);
    expect(isMinerState(emptyMinerState())).toBe(true);
  });
});

describe('mineTemplates', () => {
  const messages = Array.from({ length: 300 }, (_, i) => [`user u${i % 7}x logged in from 10.0.0.${i % 250}`, `disk ${i} is ${i % 9 === 1 ? 'full' : 'slow'}`, `user name${i % 5} logged out`][i % 3] as string);

  it('is deterministic: the same messages give the same assignments, clusters and state', () => {
    expect(JSON.stringify(mineTemplates(messages))).toBe(JSON.stringify(mineTemplates([...messages])));
  });

  it('continues a saved state exactly as if it had never stopped', () => {
    const whole = mineTemplates(messages);
    for (const cut of [1, 2, 50, 151, 299]) {
      const first = createMiner();
      const joined = messages.slice(0, cut).map((message) => first.add(message).cluster);
      const saved: unknown = JSON.parse(JSON.stringify(first.state()));
      const second = createMiner(saved as MinerState);
      joined.push(...messages.slice(cut).map((message) => second.add(message).cluster));
      expect(joined.map((cluster) => second.resolve(cluster))).toEqual(whole.assignments);
      expect(second.state()).toEqual(whole.state);
    }
  });

  it('groups the sample by content', () => {
    const { clusters } = mineTemplates(messages);
    expect(clusters.map((cluster) => [cluster.template, cluster.size]).sort()).toEqual([
      ['disk <*> is full', 34],
      ['disk <*> is slow', 66],
      ['user <*> logged in from <*>', 100],
      ['user <*> logged out', 100],
    ]);
    expect(clusters.map((cluster) => cluster.size)).toEqual([100, 100, 66, 34]);
  });
});
