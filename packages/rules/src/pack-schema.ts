/**
 * The rule pack: what the trainer builds, the collector serves and the client runs. A pack is data only:
 * patterns in the linear-time language of docs/patterns.md and fixes from the closed set of fix kinds.
 */
import { z } from 'zod';
import { publicKeyFromPem } from './keys.js';
import { fail, ok, type Result } from './result.js';
import { FIX_KINDS } from './taxonomy.js';

export const PACK_FORMAT = 1;
export const MAX_RULES = 5_000;
export const MAX_CATEGORIES = 500;
/** Keys one pack may introduce for key rotation. */
export const MAX_PACK_KEYS = 4;

const RULE_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const CATEGORY_ID = /^[a-z][a-z0-9_]{0,63}$/;
const VERSION = /^\d+\.\d+\.\d+$/;

export const FixKindSchema = z.enum(FIX_KINDS);

export const CategorySchema = z.object({
  id: z.string().regex(CATEGORY_ID, 'a category id is lower_snake_case'),
  title: z.string().min(1).max(120),
  description: z.string().max(1000),
  fixes: z.array(FixKindSchema).max(FIX_KINDS.length),
});

export const RuleSchema = z.object({
  id: z.string().regex(RULE_ID, 'a rule id is lower-case letters, digits, "_", "." and "-"'),
  category: z.string().regex(CATEGORY_ID),
  pattern: z.string().min(1).max(2000),
  confidence: z.number().gt(0).lte(1),
  fix: FixKindSchema,
  description: z.string().max(1000).optional(),
  support: z.object({ reports: z.number().int().nonnegative(), installs: z.number().int().nonnegative() }),
  /** Measured healing outcomes of this rule's fix, once clients have reported them. */
  outcomes: z.object({ attempts: z.number().int().nonnegative(), healed: z.number().int().nonnegative() }).optional(),
});

const KEYID = /^[0-9a-f]{64}$/;

/** A public key a pack introduces: `keyid` must be the hex SHA-256 of `pem`'s DER SubjectPublicKeyInfo. */
export const PackKeySchema = z.object({
  keyid: z.string().regex(KEYID, 'a keyid is the hex SHA-256 of the public key'),
  pem: z.string().min(1).max(1000),
});

export const PackSchema = z.object({
  format: z.literal(PACK_FORMAT),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  /** The oldest client version that understands this pack. */
  minClientVersion: z.string().regex(VERSION).optional(),
  /**
   * Key rotation: public keys that later packs may be signed with. A client that accepts this pack,
   * signed by a key it already trusts, pins these too; a key listed by a pack it refuses is never pinned.
   */
  keys: z.array(PackKeySchema).max(MAX_PACK_KEYS).optional(),
  categories: z.array(CategorySchema).min(1).max(MAX_CATEGORIES),
  rules: z.array(RuleSchema).max(MAX_RULES),
});

export const SignatureSchema = z.object({
  keyid: z.string().regex(KEYID, 'a keyid is the hex SHA-256 of the public key'),
  sig: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a signature is base64').max(200),
});

export const EnvelopeSchema = z.object({
  signed: z.record(z.string(), z.unknown()),
  signatures: z.array(SignatureSchema).min(1).max(16),
});

export type FixKindValue = z.infer<typeof FixKindSchema>;
export type PackCategory = z.infer<typeof CategorySchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type Pack = z.infer<typeof PackSchema>;
export type PackKey = z.infer<typeof PackKeySchema>;
export type Signature = z.infer<typeof SignatureSchema>;
export type PackEnvelope = z.infer<typeof EnvelopeSchema>;

/** Parses an untrusted value into a Pack; the detail names the first offending field. */
export function parsePack(value: unknown): Result<Pack, 'invalid_pack'> {
  const parsed = PackSchema.safeParse(value);
  if (!parsed.success) return fail('invalid_pack', describeIssue(parsed.error));
  const pack = parsed.data;
  const categories = new Set<string>();
  for (const category of pack.categories) {
    if (categories.has(category.id)) return fail('invalid_pack', `categories: duplicate id "${category.id}"`);
    categories.add(category.id);
  }
  const ruleIds = new Set<string>();
  for (const [index, rule] of pack.rules.entries()) {
    if (ruleIds.has(rule.id)) return fail('invalid_pack', `rules.${index}.id: duplicate id "${rule.id}"`);
    if (!categories.has(rule.category)) {
      return fail('invalid_pack', `rules.${index}.category: "${rule.category}" is not among the pack's categories`);
    }
    ruleIds.add(rule.id);
  }
  for (const [index, { keyid, pem }] of (pack.keys ?? []).entries()) {
    const key = publicKeyFromPem(pem);
    if (!key.ok) return fail('invalid_pack', `keys.${index}.pem: ${key.detail}`);
    if (key.value.keyid !== keyid) return fail('invalid_pack', `keys.${index}.keyid: does not match its pem (the pem's keyid is ${key.value.keyid})`);
  }
  return ok(pack);
}

/** Parses an untrusted value into an envelope (its `signed` part is checked after the signature). */
export function parseEnvelope(value: unknown): Result<PackEnvelope, 'unparseable'> {
  const parsed = EnvelopeSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : fail('unparseable', describeIssue(parsed.error));
}

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
