/**
 * The review UI's session: a signed cookie value, not the token itself. It holds the maintainer's name
 * (recorded with every action), a per-session CSRF token and an expiry, MACed with a key derived from
 * the maintainer token; so it works on every replica that shares the token, and changing the token ends
 * every session. Nothing is stored on the server.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SESSION_COOKIE = 'tapheal_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const MAX_NAME_CHARS = 64;

export interface Session {
  name: string;
  csrf: string;
  expiresAt: number;
}

const SessionSchema = z.strictObject({ name: z.string().min(1).max(MAX_NAME_CHARS), csrf: z.string().min(16).max(64), expiresAt: z.number().int() });

export interface SessionCodec {
  issue(name: string, now: Date): { session: Session; cookie: string };
  /** The session a cookie value carries, or null when it is missing, forged, malformed or expired. */
  open(value: string | undefined, now: Date): Session | null;
}

export function createSessionCodec(adminToken: string): SessionCodec {
  const key = createHmac('sha256', adminToken).update('tapheal review ui session v1').digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    issue(name, now) {
      const session: Session = { name, csrf: randomBytes(24).toString('base64url'), expiresAt: now.getTime() + SESSION_TTL_MS };
      const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
      return { session, cookie: `${payload}.${mac(payload).toString('base64url')}` };
    },
    open(value, now) {
      const [payload, signature, extra] = (value ?? '').split('.');
      if (!payload || !signature || extra !== undefined) return null;
      const presented = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const parsed = SessionSchema.safeParse(decoded);
      if (!parsed.success || parsed.data.expiresAt <= now.getTime()) return null;
      return parsed.data;
    },
  };
}

/** Whether a form's CSRF field matches the session's token, compared in constant time. */
export function isSameSecret(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A maintainer's name as given at login: trimmed, control characters refused. */
export function cleanName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_CHARS || /\p{Cc}/u.test(trimmed)) return null;
  return trimmed;
}
