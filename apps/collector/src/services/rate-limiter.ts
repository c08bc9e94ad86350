/**
 * A fixed-window rate limiter keyed by a string (a client address, an install id). It is a replica's
 * first line of defence (DESIGN.md "Scaling out"), so it lives in memory: two maps, this window's and
 * the last one's, weighted by how far into the window we are, which smooths the edge between windows.
 * Memory is bounded by the keys seen in two windows. Time comes in as a parameter.
 */
export interface RateLimiter {
  /** Takes `cost` from `key`'s allowance at `nowMs`; when refused, says how many seconds to wait. */
  take(key: string, cost: number, nowMs: number): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  let windowStart = 0;
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  return {
    take(key, cost, nowMs) {
      const start = nowMs - (nowMs % windowMs);
      if (start !== windowStart) {
        previous = start - windowStart === windowMs ? current : new Map();
        current = new Map();
        windowStart = start;
      }
      const elapsed = (nowMs - start) / windowMs;
      const used = (current.get(key) ?? 0) + (previous.get(key) ?? 0) * (1 - elapsed);
      if (used + cost > limit) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
      }
      current.set(key, (current.get(key) ?? 0) + cost);
      return { allowed: true };
    },
  };
}
