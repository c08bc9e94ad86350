/** The sender's policy: what each collector answer means for the batch, Retry-After, and the backoff curve. */
import { describe, expect, it } from 'vitest';
import {
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  START_BACKOFF_MS,
  classifyResponse,
  nextBackoffMs,
  parseRetryAfter,
  type SendVerdict,
} from '../../../packages/client/src/telemetry/policy.js';

/** 2026-03-01T12:00:00.000Z, a Sunday. */
const NOW = 1_772_366_400_000;

describe('the policy constants', () => {
  it('start the backoff at one second, cap it at 15 minutes and cap Retry-After at one hour', () => {
    expect({ START_BACKOFF_MS, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS }).toEqual({
      START_BACKOFF_MS: 1_000,
      MAX_BACKOFF_MS: 900_000,
      MAX_RETRY_AFTER_MS: 3_600_000,
    });
  });
});

describe('classifyResponse', () => {
  const cases: Array<{ name: string; status: number | null; retryAfter: string | null; body: unknown; expected: SendVerdict }> = [
    {
      name: 'a 202 is sent, with the counts from the body',
      status: 202,
      retryAfter: null,
      body: { accepted: 7, duplicates: 2 },
      expected: { kind: 'sent', accepted: 7, duplicates: 2 },
    },
    {
      name: 'a 202 whose body has no counts is sent with zero counts',
      status: 202,
      retryAfter: null,
      body: {},
      expected: { kind: 'sent', accepted: 0, duplicates: 0 },
    },
    {
      name: 'a 202 with a null body is sent with zero counts',
      status: 202,
      retryAfter: null,
      body: null,
      expected: { kind: 'sent', accepted: 0, duplicates: 0 },
    },
    {
      name: 'a 202 with only accepted counts zero duplicates',
      status: 202,
      retryAfter: null,
      body: { accepted: 3 },
      expected: { kind: 'sent', accepted: 3, duplicates: 0 },
    },
    { name: 'a 400 is dropped as rejected', status: 400, retryAfter: null, body: null, expected: { kind: 'drop', reason: 'rejected' } },
    { name: 'a 401 is dropped as rejected', status: 401, retryAfter: null, body: null, expected: { kind: 'drop', reason: 'rejected' } },
    { name: 'a 404 is dropped as rejected', status: 404, retryAfter: null, body: null, expected: { kind: 'drop', reason: 'rejected' } },
    { name: 'a 422 is dropped as rejected', status: 422, retryAfter: null, body: null, expected: { kind: 'drop', reason: 'rejected' } },
    {
      name: 'a 400 is dropped as rejected even with a Retry-After',
      status: 400,
      retryAfter: '30',
      body: null,
      expected: { kind: 'drop', reason: 'rejected' },
    },
    { name: 'a 413 is dropped as too large', status: 413, retryAfter: null, body: null, expected: { kind: 'drop', reason: 'too_large' } },
    { name: 'a 429 without Retry-After is retried on our own backoff', status: 429, retryAfter: null, body: null, expected: { kind: 'retry', afterMs: null } },
    { name: 'a 429 with Retry-After seconds is retried after them', status: 429, retryAfter: '30', body: null, expected: { kind: 'retry', afterMs: 30_000 } },
    {
      name: 'a 503 with a Retry-After HTTP date is retried after the time until that date',
      status: 503,
      retryAfter: 'Sun, 01 Mar 2026 12:02:00 GMT',
      body: null,
      expected: { kind: 'retry', afterMs: 120_000 },
    },
    { name: 'a 503 without Retry-After is retried on our own backoff', status: 503, retryAfter: null, body: null, expected: { kind: 'retry', afterMs: null } },
    { name: 'a 500 is retried', status: 500, retryAfter: null, body: null, expected: { kind: 'retry', afterMs: null } },
    { name: 'a 502 is retried', status: 502, retryAfter: '5', body: null, expected: { kind: 'retry', afterMs: 5_000 } },
    { name: 'a 408 is retried', status: 408, retryAfter: null, body: null, expected: { kind: 'retry', afterMs: null } },
    { name: 'no answer at all is retried', status: null, retryAfter: null, body: null, expected: { kind: 'retry', afterMs: null } },
    {
      name: 'a 429 with an unreadable Retry-After is retried on our own backoff',
      status: 429,
      retryAfter: 'soon',
      body: null,
      expected: { kind: 'retry', afterMs: null },
    },
    {
      name: 'a 503 with a Retry-After date in the past is retried at once',
      status: 503,
      retryAfter: 'Sun, 01 Mar 2026 11:00:00 GMT',
      body: null,
      expected: { kind: 'retry', afterMs: 0 },
    },
    {
      name: 'a 429 with a Retry-After of a day is retried after the cap',
      status: 429,
      retryAfter: '86400',
      body: null,
      expected: { kind: 'retry', afterMs: MAX_RETRY_AFTER_MS },
    },
  ];

  it.each(cases)('$name', ({ status, retryAfter, body, expected }) => {
    expect(classifyResponse(status, retryAfter, body, NOW)).toEqual(expected);
  });
});

describe('parseRetryAfter', () => {
  const cases: Array<{ name: string; value: string | null; expected: number | null }> = [
    { name: 'no header reads as null', value: null, expected: null },
    { name: 'an empty header reads as null', value: '', expected: null },
    { name: 'a blank header reads as null', value: '   ', expected: null },
    { name: 'a word reads as null', value: 'soon', expected: null },
    { name: 'a number with a unit reads as null', value: '120abc', expected: null },
    { name: 'zero seconds reads as 0 ms', value: '0', expected: 0 },
    { name: 'seconds read as milliseconds', value: '120', expected: 120_000 },
    { name: 'seconds with surrounding spaces read as milliseconds', value: '  45  ', expected: 45_000 },
    { name: 'seconds above the cap read as the cap', value: '7200', expected: MAX_RETRY_AFTER_MS },
    { name: 'exactly the cap in seconds reads as the cap', value: '3600', expected: 3_600_000 },
    { name: 'an HTTP date 30 s ahead reads as 30 000 ms', value: 'Sun, 01 Mar 2026 12:00:30 GMT', expected: 30_000 },
    { name: 'an HTTP date equal to now reads as 0', value: 'Sun, 01 Mar 2026 12:00:00 GMT', expected: 0 },
    { name: 'an HTTP date in the past reads as 0, not negative', value: 'Sun, 01 Mar 2026 11:59:00 GMT', expected: 0 },
    { name: 'an HTTP date a day ahead reads as the cap', value: 'Mon, 02 Mar 2026 12:00:00 GMT', expected: MAX_RETRY_AFTER_MS },
  ];

  it.each(cases)('$name', ({ value, expected }) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('nextBackoffMs', () => {
  /** Just below 1: Math.random never returns 1 itself. */
  const almostOne = 0.999_999_9;

  const cases: Array<{ name: string; failures: number; random: number; expected: number }> = [
    { name: 'one failure with random 0 waits half the start', failures: 1, random: 0, expected: 500 },
    { name: 'one failure with random near 1 waits the whole start', failures: 1, random: almostOne, expected: 1_000 },
    { name: 'zero failures are treated like one, at random 0', failures: 0, random: 0, expected: 500 },
    { name: 'zero failures are treated like one, at random near 1', failures: 0, random: almostOne, expected: 1_000 },
    { name: 'two failures double the ceiling to 2 s, at random 0', failures: 2, random: 0, expected: 1_000 },
    { name: 'two failures double the ceiling to 2 s, at random near 1', failures: 2, random: almostOne, expected: 2_000 },
    { name: 'three failures at random 0.5 wait three quarters of 4 s', failures: 3, random: 0.5, expected: 3_000 },
    { name: 'ten failures reach a ceiling of 512 s, at random near 1', failures: 10, random: almostOne, expected: 512_000 },
    { name: 'eleven failures are capped at 15 minutes, at random near 1', failures: 11, random: almostOne, expected: MAX_BACKOFF_MS },
    { name: 'eleven failures are capped at 15 minutes, at random 0', failures: 11, random: 0, expected: MAX_BACKOFF_MS / 2 },
    { name: 'a thousand failures stay at the cap', failures: 1_000, random: almostOne, expected: MAX_BACKOFF_MS },
  ];

  it.each(cases)('$name', ({ failures, random, expected }) => {
    expect(nextBackoffMs(failures, () => random)).toBe(expected);
  });

  it('stays within [ceiling/2, ceiling] for every failure count and many random values', () => {
    const outside: string[] = [];
    for (let failures = 0; failures <= 40; failures++) {
      const ceiling = Math.min(MAX_BACKOFF_MS, START_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
      for (let step = 0; step < 100; step++) {
        const random = step / 100;
        const wait = nextBackoffMs(failures, () => random);
        if (wait < ceiling / 2 || wait > ceiling) outside.push(`failures ${failures}, random ${random}: ${wait}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('never shrinks as failures grow, at a fixed random value', () => {
    const waits = Array.from({ length: 30 }, (_, index) => nextBackoffMs(index + 1, () => 0.3));
    const shrinking = waits.filter((wait, index) => index > 0 && wait < waits[index - 1]!);
    expect(shrinking).toEqual([]);
  });
});

describe('parseRetryAfter on values V8 would read as dates', () => {
  it.each(['1.5', '-5', '12 x'])('reads %j as no Retry-After, so the backoff applies', (value) => {
    expect(parseRetryAfter(value, Date.parse('2026-11-25T00:00:00Z'))).toBeNull();
  });
});
