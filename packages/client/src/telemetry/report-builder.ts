/**
 * Builds the report for one failure from an allow-list of fields: nothing the caller passes beyond them
 * is sent. The message is anonymised here, before the report is written anywhere, disk included. When a
 * pack rule recognised the failure with high confidence, the report carries the rule, the category, the
 * fix and the outcome with a short normalised message instead of the full text: the full text is
 * collected only for what the pack does not know yet. Pure: ids, time and platform come in.
 */
import { MAX_MESSAGE_BYTES, REPORT_SCHEMA_VERSION, anonymiseMessage, normaliseMessage, type HealAttempt, type Report } from '@tapheal/rules';

/** At or above this confidence a rule's diagnosis stands for the message. */
export const KNOWN_FAILURE_CONFIDENCE = 0.8;
/** The short normalised message sent with a known failure. */
export const SHORT_MESSAGE_CHARS = 200;

export interface Failure {
  message: string;
  phase: Report['phase'];
  code?: string;
  exitCode?: number | null;
  signal?: string | null;
  server?: { name: string; version?: string; transport: 'stdio' | 'http' | 'sse' };
  diagnosis?: { packVersion: number; category: string; ruleId: string | null; confidence: number };
  healing?: { healed: boolean; attempts: HealAttempt[] };
  occurredAt?: Date;
}

export interface ReportContext {
  id: string;
  installId: string;
  now: Date;
  client: { name: string; version: string };
  platform: { os: string; arch: string; runtime: string; runtimeVersion: string };
}

export function buildReport(failure: Failure, context: ReportContext): Report {
  const anonymised = anonymiseMessage(failure.message);
  const known = failure.diagnosis !== undefined && failure.diagnosis.ruleId !== null && failure.diagnosis.confidence >= KNOWN_FAILURE_CONFIDENCE;
  const message = known ? cut(normaliseMessage(anonymised), SHORT_MESSAGE_CHARS) : truncateUtf8(anonymised, MAX_MESSAGE_BYTES);
  return {
    id: context.id,
    schema: REPORT_SCHEMA_VERSION,
    occurredAt: (failure.occurredAt ?? context.now).toISOString(),
    installId: context.installId,
    client: { name: context.client.name, version: context.client.version },
    platform: { ...context.platform },
    ...(failure.server ? { server: serverOf(failure.server) } : {}),
    phase: failure.phase,
    error: {
      message,
      ...(failure.code ? { code: cut(failure.code, 64) } : {}),
      ...(failure.exitCode !== undefined ? { exitCode: failure.exitCode } : {}),
      ...(failure.signal !== undefined ? { signal: failure.signal ? cut(failure.signal, 32) : null } : {}),
    },
    ...(failure.diagnosis
      ? {
          diagnosis: {
            packVersion: failure.diagnosis.packVersion,
            category: failure.diagnosis.category,
            ruleId: failure.diagnosis.ruleId,
            confidence: failure.diagnosis.confidence,
          },
        }
      : {}),
    ...(failure.healing
      ? { healing: { healed: failure.healing.healed, attempts: failure.healing.attempts.slice(0, 3).map(({ category, ruleId, fix, outcome }) => ({ category, ruleId, fix, outcome })) } }
      : {}),
  };
}

/** A server named by a local path or URL is anonymised like a message: only public names go as they are. */
function serverOf(server: NonNullable<Failure['server']>): NonNullable<Report['server']> {
  return {
    name: cut(anonymiseMessage(server.name), 214),
    ...(server.version ? { version: cut(server.version, 64) } : {}),
    transport: server.transport,
  };
}

/** The first `chars` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair. */
function cut(text: string, chars: number): string {
  const head = text.slice(0, chars);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes, never inside a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) return text.slice(0, i);
    bytes += size;
    if (pair) i++;
  }
  return text;
}
