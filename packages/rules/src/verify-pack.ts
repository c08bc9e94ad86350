/**
 * Decides whether a client may use a pack it was given. The checks run in an order that never trusts
 * unsigned content: size, JSON, envelope, signature, then the signed pack itself.
 */
import { verify } from 'node:crypto';
import type { PublicKey } from './keys.js';
import { compileMatcher, type Matcher } from './matcher.js';
import { parseEnvelope, parsePack, type Pack } from './pack-schema.js';
import { fail, ok, type Result } from './result.js';
import { signedBytes } from './sign-pack.js';

export const DEFAULT_MAX_PACK_BYTES = 5 * 1024 * 1024;

export const PACK_REFUSALS = [
  'too_large',
  'unparseable',
  'untrusted_key',
  'bad_signature',
  'invalid_pack',
  'unsafe_pattern',
  'expired',
  'not_newer',
] as const;

export type PackRefusal = (typeof PACK_REFUSALS)[number];

export interface VerifyPackOptions {
  trustedKeys: readonly PublicKey[];
  /** The current time; the pack must not have expired by then. */
  now: Date;
  /** The version the caller holds; when given, the pack must be newer (no rollback). */
  currentVersion?: number;
  maxBytes?: number;
}

export interface VerifiedPack {
  pack: Pack;
  /** The trusted key whose signature was accepted. */
  keyid: string;
  /** The pack compiled while its patterns were checked, ready to classify. */
  matcher: Matcher;
}

export function verifyPack(raw: string | Uint8Array, options: VerifyPackOptions): Result<VerifiedPack, PackRefusal> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PACK_BYTES;
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  if (size > maxBytes) return fail('too_large', `pack is ${size} bytes, over the limit of ${maxBytes}`);
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
  } catch (error) {
    return fail('unparseable', `not JSON: ${(error as Error).message}`);
  }
  const envelope = parseEnvelope(json);
  if (!envelope.ok) return fail('unparseable', `not a signed pack envelope: ${envelope.detail}`);
  const signer = checkSignatures(envelope.value.signed, envelope.value.signatures, options.trustedKeys);
  if (!signer.ok) return signer;
  return checkSignedPack(envelope.value.signed, signer.value, options);
}

function checkSignatures(
  signed: unknown,
  signatures: readonly { keyid: string; sig: string }[],
  trustedKeys: readonly PublicKey[],
): Result<string, PackRefusal> {
  const trusted = signatures.filter((s) => trustedKeys.some((k) => k.keyid === s.keyid));
  if (trusted.length === 0) {
    const ids = signatures.map((s) => s.keyid.slice(0, 12)).join(', ');
    return fail('untrusted_key', `signed only by keys this client does not trust (${ids}...)`);
  }
  let bytes: Buffer;
  try {
    bytes = signedBytes(signed);
  } catch (error) {
    return fail('unparseable', `signed content has no canonical form: ${(error as Error).message}`);
  }
  for (const { keyid, sig } of trusted) {
    const key = trustedKeys.find((k) => k.keyid === keyid)!.key;
    if (verify(null, bytes, key, Buffer.from(sig, 'base64'))) return ok(keyid);
  }
  return fail('bad_signature', 'the signature does not match the pack content (tampered or corrupt)');
}

function checkSignedPack(signed: unknown, keyid: string, options: VerifyPackOptions): Result<VerifiedPack, PackRefusal> {
  const pack = parsePack(signed);
  if (!pack.ok) return fail('invalid_pack', `not a valid pack: ${pack.detail}`);
  const matcher = compileMatcher(pack.value);
  if (!matcher.ok) return fail('unsafe_pattern', matcher.detail);
  const expiresAt = Date.parse(pack.value.expiresAt);
  if (expiresAt <= options.now.getTime()) return fail('expired', `pack ${pack.value.version} expired at ${pack.value.expiresAt}`);
  const current = options.currentVersion;
  if (current !== undefined && pack.value.version <= current) {
    return fail('not_newer', `pack version ${pack.value.version} is not newer than version ${current} already held`);
  }
  return ok({ pack: pack.value, keyid, matcher: matcher.value });
}
