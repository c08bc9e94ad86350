import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../apps/collector/src/services/rate-limiter.js';

const WINDOW_MS = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % WINDOW_MS);

describe('createRateLimiter', () => {
  it('allows up to the limit in a window, then refuses with the seconds left in it', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: WINDOW_MS });
    expect([1, 2, 3].map(() => limiter.take('a', 1, T0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', 1, T0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
  });

  it('keeps keys apart', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: WINDOW_MS });
    expect(limiter.take('a', 1, T0).allowed).toBe(true);
    expect(limiter.take('b', 1, T0).allowed).toBe(true);
    expect(limiter.take('a', 1, T0).allowed).toBe(false);
  });

  it('charges a cost, refusing a take that would pass the limit without charging it', () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: WINDOW_MS });
    expect(limiter.take('a', 60, T0).allowed).toBe(true);
    expect(limiter.take('a', 60, T0).allowed).toBe(false);
    expect(limiter.take('a', 40, T0).allowed).toBe(true);
  });

  it("weighs the last window's use by the part of it still in the sliding minute", () => {
    const limiter = createRateLimiter({ limit: 10, windowMs: WINDOW_MS });
    expect(limiter.take('a', 10, T0).allowed).toBe(true);
    // A quarter into the next window, three quarters of the last one's 10 still count: 7.5 + 3 > 10.
    expect(limiter.take('a', 3, T0 + WINDOW_MS + 15_000).allowed).toBe(false);
    expect(limiter.take('a', 2, T0 + WINDOW_MS + 15_000).allowed).toBe(true);
  });

  it('forgets everything after two quiet windows', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: WINDOW_MS });
    expect(limiter.take('a', 1, T0).allowed).toBe(true);
    expect(limiter.take('a', 1, T0 + 2 * WINDOW_MS).allowed).toBe(true);
  });
});
