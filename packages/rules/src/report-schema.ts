/**
 * A failure report as a client sends it and the collector stores it (DESIGN.md, `POST /v1/reports`).
 * Objects are strict: a field the schema does not name is refused rather than stored, so nothing reaches
 * the database that the documented field list does not allow.
 */
import { z } from 'zod';

export const REPORT_SCHEMA_VERSION = 1;
export const MAX_MESSAGE_BYTES = 8 * 1024;
export const MAX_BATCH_REPORTS = 100;
export const HEAL_OUTCOMES = ['healed', 'failed', 'cannot_fix', 'same_failure'] as const;

/** The length of a string in UTF-8 bytes, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4): short messages need no count. */
const fitsMessageLimit = (message: string): boolean => message.length * 3 <= MAX_MESSAGE_BYTES || utf8Length(message) <= MAX_MESSAGE_BYTES;

/**
 * ISO 8601 allows the year 0000 and offsets to ±23:59; Postgres (and every database the report may reach)
 * reads years from 0001 and offsets to ±15:59. Real offsets run from -12:00 to +14:00.
 */
const MAX_OFFSET_HOURS = 15;
const OFFSET = /[+-](\d{2})(?::?\d{2})?$/;
function isStorableTime(value: string): boolean {
  if (value.startsWith('0000')) return false;
  const offset = OFFSET.exec(value);
  return offset === null || Number(offset[1]) <= MAX_OFFSET_HOURS;
}

const shortText = (max: number) => z.string().min(1).max(max);
const id = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/);

export const HealAttemptSchema = z.strictObject({
  category: id,
  ruleId: id.nullable(),
  fix: shortText(64),
  outcome: z.enum(HEAL_OUTCOMES),
});

export const ReportSchema = z.strictObject({
  id: z.uuid(),
  schema: z.literal(REPORT_SCHEMA_VERSION),
  occurredAt: z.iso.datetime({ offset: true }).refine(isStorableTime, 'a time from the year 0001 on, with a UTC offset within ±15:59'),
  installId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an install id is 8 to 64 URL-safe characters'),
  client: z.strictObject({ name: shortText(64), version: shortText(32) }),
  platform: z.strictObject({ os: shortText(32), arch: shortText(32), runtime: shortText(32), runtimeVersion: shortText(32) }),
  server: z
    .strictObject({ name: shortText(214), version: shortText(64).optional(), transport: z.enum(['stdio', 'http', 'sse']) })
    .optional(),
  phase: z.enum(['install', 'connect', 'call', 'other']),
  error: z.strictObject({
    message: z.string().refine(fitsMessageLimit, `a message is at most ${MAX_MESSAGE_BYTES} bytes`),
    code: shortText(64).optional(),
    exitCode: z.number().int().nullable().optional(),
    signal: shortText(32).nullable().optional(),
  }),
  diagnosis: z
    .strictObject({ packVersion: z.number().int().positive(), category: id, ruleId: id.nullable(), confidence: z.number().min(0).max(1) })
    .optional(),
  healing: z.strictObject({ healed: z.boolean(), attempts: z.array(HealAttemptSchema).max(3) }).optional(),
});

export const ReportBatchSchema = z.strictObject({
  reports: z.array(ReportSchema).min(1).max(MAX_BATCH_REPORTS),
});

export type HealAttempt = z.infer<typeof HealAttemptSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type ReportBatch = z.infer<typeof ReportBatchSchema>;
