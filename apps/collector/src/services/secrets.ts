/**
 * The collector's two secrets: the maintainer token and the pack signing key. Each comes from its
 * variable when set; otherwise it is read from DATA_DIR, or generated there on first start (mode 0600,
 * never overwritten), and the caller logs where it went.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { publicKeyFromPem, publicKeyPem, signingKeyFromPem, type SigningKey } from '@tapheal/rules';
import type { Config } from '../env.js';

export const ADMIN_TOKEN_FILE = 'admin-token';
export const SIGNING_KEY_FILE = 'signing-key.pem';
const GENERATED_TOKEN_BYTES = 32;

export interface Secrets {
  adminToken: string;
  signingKey: SigningKey;
  /** The public half of TAPHEAL_NEXT_SIGNING_KEY_FILE, which packs announce for a key rotation. */
  nextKey?: { keyid: string; pem: string };
  /** Files this start wrote, for the start-up log. */
  generated: { adminTokenFile?: string; signingKeyFile?: string };
}

export class SecretsError extends Error {
  readonly code = 'SECRETS_INVALID';
}

export async function loadSecrets(config: Pick<Config, 'dataDir' | 'adminToken' | 'signingKeyFile' | 'nextSigningKeyFile'>): Promise<Secrets> {
  const dataDir = resolve(config.dataDir);
  const generated: Secrets['generated'] = {};
  let adminToken = config.adminToken;
  if (!adminToken) {
    const file = join(dataDir, ADMIN_TOKEN_FILE);
    const made = await readOrCreate(file, () => `${randomBytes(GENERATED_TOKEN_BYTES).toString('base64url')}\n`);
    if (made.created) generated.adminTokenFile = file;
    adminToken = made.text.trim();
    if (adminToken.length < 16) throw new SecretsError(`${file}: the token is shorter than 16 characters`);
  }
  let pem: string;
  if (config.signingKeyFile) {
    pem = await readFile(config.signingKeyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new SecretsError(`TAPHEAL_SIGNING_KEY_FILE: cannot read ${config.signingKeyFile} (${error.code ?? error.message})`);
    });
  } else {
    const file = join(dataDir, SIGNING_KEY_FILE);
    const made = await readOrCreate(file, () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    if (made.created) generated.signingKeyFile = file;
    pem = made.text;
  }
  const key = signingKeyFromPem(pem);
  if (!key.ok) throw new SecretsError(`signing key ${config.signingKeyFile ?? join(dataDir, SIGNING_KEY_FILE)}: ${key.detail}`);
  const nextKey = config.nextSigningKeyFile ? await readNextKey(config.nextSigningKeyFile) : undefined;
  return { adminToken, signingKey: key.value, ...(nextKey ? { nextKey } : {}), generated };
}

/** The next key's public half, from a PEM public key or private key. */
async function readNextKey(file: string): Promise<{ keyid: string; pem: string }> {
  const pem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SecretsError(`TAPHEAL_NEXT_SIGNING_KEY_FILE: cannot read ${file} (${error.code ?? error.message})`);
  });
  const key = publicKeyFromPem(pem);
  if (!key.ok) throw new SecretsError(`TAPHEAL_NEXT_SIGNING_KEY_FILE: ${key.detail}`);
  return { keyid: key.value.keyid, pem: publicKeyPem(key.value) };
}

/** Reads `file`, or creates it with `make()` when absent; `wx` means a file that appeared meanwhile wins. */
async function readOrCreate(file: string, make: () => string): Promise<{ text: string; created: boolean }> {
  try {
    return { text: await readFile(file, 'utf8'), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(resolve(file, '..'), { recursive: true });
  try {
    await writeFile(file, make(), { mode: 0o600, flag: 'wx' });
    return { text: await readFile(file, 'utf8'), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { text: await readFile(file, 'utf8'), created: false };
    throw error;
  }
}
