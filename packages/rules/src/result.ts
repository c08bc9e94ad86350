/**
 * The one result type of the rules core. Functions here parse rather than validate-and-throw:
 * an outcome the caller is expected to handle comes back as a value.
 */
export type Result<T, R = string> = { ok: true; value: T } | { ok: false; reason: R; detail: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = <R>(reason: R, detail: string): { ok: false; reason: R; detail: string } => ({
  ok: false,
  reason,
  detail,
});
