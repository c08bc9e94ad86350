/**
 * Ed25519 keys for pack signatures. A key is named by its keyid: the hex SHA-256 of its DER
 * SubjectPublicKeyInfo, so the id is stable whatever encoding the key travels in.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { fail, ok, type Result } from './result.js';

export interface PublicKey {
  keyid: string;
  key: KeyObject;
}

export interface SigningKey {
  keyid: string;
  privateKey: KeyObject;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Reads a PEM public key (or the public half of a PEM private key); refuses anything but ed25519. */
export function publicKeyFromPem(pem: string): Result<PublicKey, 'invalid_key'> {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') {
      return fail('invalid_key', `key type is ${key.asymmetricKeyType ?? 'unknown'}, not ed25519`);
    }
    return ok({ keyid: keyIdOf(key), key });
  } catch (error) {
    return fail('invalid_key', `not a PEM public key: ${(error as Error).message}`);
  }
}

export function signingKeyFromPem(pem: string): Result<SigningKey, 'invalid_key'> {
  try {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      return fail('invalid_key', `key type is ${privateKey.asymmetricKeyType ?? 'unknown'}, not ed25519`);
    }
    return ok({ keyid: keyIdOf(createPublicKey(privateKey)), privateKey });
  } catch (error) {
    return fail('invalid_key', `not a PEM private key: ${(error as Error).message}`);
  }
}

export function publicKeyPem(key: PublicKey): string {
  return key.key.export({ type: 'spki', format: 'pem' }).toString();
}
