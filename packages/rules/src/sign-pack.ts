import { sign } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { SigningKey } from './keys.js';
import type { Pack, PackEnvelope } from './pack-schema.js';

/** The bytes a signature covers: the RFC 8785 canonical JSON of the envelope's `signed` member. */
export const signedBytes = (signed: unknown): Buffer => Buffer.from(canonicalJson(signed), 'utf8');

/** Wraps a pack in an envelope signed by each of `keys` (more than one during a key rotation). */
export function signPack(pack: Pack, keys: readonly SigningKey[]): PackEnvelope {
  const bytes = signedBytes(pack);
  return {
    signed: pack as unknown as Record<string, unknown>,
    signatures: keys.map(({ keyid, privateKey }) => ({ keyid, sig: sign(null, bytes, privateKey).toString('base64') })),
  };
}
