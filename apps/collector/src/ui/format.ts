/** How numbers, shares and times read on the review UI's pages. */

export const formatNumber = (n: number): string => Math.round(n).toLocaleString('en-US');

export const formatPercent = (share: number, digits = 0): string => `${(share * 100).toFixed(digits)}%`;

/** `2026-11-25 12:00 UTC`; an empty string for null. */
export function formatTime(date: Date | string | null | undefined): string {
  if (!date) return '';
  const iso = (typeof date === 'string' ? new Date(date) : date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `3 h 5 min`, `42 s`: the time between two instants. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The UTC days from `days - 1` days before `now` up to `now`, as YYYY-MM-DD. */
export function lastDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** The start of the first of `lastDays(now, days)`. */
export function windowStart(now: Date, days: number): Date {
  return new Date(`${lastDays(now, days)[0]}T00:00:00.000Z`);
}
