/**
 * The sender's policy, pure: what an answer from the collector means for the batch that was sent, and
 * how long to wait before trying again. Time and randomness come in as parameters.
 */

export const START_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 15 * 60_000;
/** A server's Retry-After is obeyed up to this; a larger one is taken as this. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export type DropReason = 'rejected' | 'too_large';

export type SendVerdict =
  | { kind: 'sent'; accepted: number; duplicates: number }
  | { kind: 'retry'; afterMs: number | null }
  | { kind: 'drop'; reason: DropReason };

/**
 * 202 sent; 413 and other 4xx dropped (the collector will never take this batch: retrying forever would
 * only hold the queue); 429, 503, other 5xx and no answer at all retried, after Retry-After when given.
 */
export function classifyResponse(
  status: number | null,
  retryAfter: string | null,
  body: unknown,
  nowMs: number,
): SendVerdict {
  if (status === 202) {
    const counts = body as { accepted?: unknown; duplicates?: unknown } | null;
    return { kind: 'sent', accepted: Number(counts?.accepted ?? 0), duplicates: Number(counts?.duplicates ?? 0) };
  }
  if (status === null || status === 429 || status === 408 || status >= 500) return { kind: 'retry', afterMs: parseRetryAfter(retryAfter, nowMs) };
  if (status === 413) return { kind: 'drop', reason: 'too_large' };
  return { kind: 'drop', reason: 'rejected' };
}

/** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  // Only delta-seconds or an HTTP date (which has letters): V8 reads '1.5' or '-5' as dates in 2001.
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) - nowMs : Number.NaN;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** Doubles from START_BACKOFF_MS up to MAX_BACKOFF_MS, with full jitter in [half, whole]. */
export function nextBackoffMs(failures: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, START_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
