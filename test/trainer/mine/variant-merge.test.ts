import { describe, expect, it } from 'vitest';
import { areVariants, groupVariants } from '../../../apps/trainer/src/mine/variant-merge.js';

const split = (template: string): string[] => template.split(' ');

describe('areVariants', () => {
  it.each([
    ['an optional parameter', 'connection from <*> ( ) at <*>', 'connection from <*> ( <*> ) at <*>'],
    ['an optional unit in brackets', '<*> bytes sent , <*> bytes received , lifetime <*>', '<*> bytes ( <*> ) sent , <*> bytes received , lifetime <*>'],
    ['a word beside a parameter', 'took <*> to complete the job', 'took < <*> sec to complete the job'],
    ['a parameter that took a longer form', 'synchronized to <*> , stratum <*>', 'synchronized to LOCAL ( <*> ) , stratum <*>'],
    ['a word where the other has a lone parameter', '<*> : <*> open through proxy', 'proxy.example : <*> open through proxy'],
    ['an empty value', 'auth failure ; rhost = <*> tty = x', 'auth failure ; rhost = tty = x'],
  ])('joins templates that differ by %s', (_what, a, b) => {
    expect(areVariants(split(a), split(b))).toBe(true);
    expect(areVariants(split(b), split(a))).toBe(true);
  });

  it.each([
    ['a word for a word', '<*> HIGHMEM pages available', '<*> LOWMEM pages available'],
    ['an added key = value field', 'auth failure ; rhost = <*>', 'auth failure ; rhost = <*> user = <*>'],
    ['two added words', 'Failed password for <*> from <*> port <*>', 'Failed password for invalid user <*> from <*> port <*>'],
    ['a word away from any parameter', 'VM started ( Lifecycle Event )', 'VM ( Lifecycle Event )'],
    ['a word where the other has punctuation and a parameter', 'failure ; tty = NODEVssh ruser =', 'failure ; tty = : <*> ruser ='],
    ['too few shared words', 'open <*> now', 'open <*> KB now'],
  ])('keeps templates apart that differ by %s', (_what, a, b) => {
    expect(areVariants(split(a), split(b))).toBe(false);
  });
});

describe('groupVariants', () => {
  it('closes the relation over chains and names each group by its first template', () => {
    const templates = ['x y z <*>', 'x y z', 'a b c d', 'x y z <*> KB', 'a b c e'].map(split);
    expect(groupVariants(templates)).toEqual([0, 0, 2, 0, 4]);
  });
});
