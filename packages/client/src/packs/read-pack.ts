/**
 * Reading packs and keys from disk, and deciding which pack the client uses. The checks themselves are
 * @tapheal/rules' verifyPack; this file only does the I/O around it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_PACK, DEFAULT_MAX_PACK_BYTES, compileMatcher, publicKeyFromPem, verifyPack, type Matcher, type Pack, type PackRefusal, type PublicKey } from '@tapheal/rules';
import { TaphealError } from '../errors.js';

export type PackSource = 'builtin' | 'file' | 'held';

export interface ActivePack {
  pack: Pack;
  matcher: Matcher;
  source: PackSource;
  path?: string;
  /** The trusted key that signed it (none for the built-in pack). */
  keyid?: string;
  /** Why a held pack was passed over for the built-in one, when it was. */
  fallbackReason?: string;
}

/** Reads PEM public keys; a file that is not an ed25519 public key is a KEY_UNREADABLE error. */
export async function readTrustedKeys(paths: readonly string[]): Promise<PublicKey[]> {
  const keys: PublicKey[] = [];
  for (const path of paths) {
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch (error) {
      throw new TaphealError('KEY_UNREADABLE', `cannot read key ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, { cause: error });
    }
    const key = publicKeyFromPem(pem);
    if (!key.ok) throw new TaphealError('KEY_UNREADABLE', `${path} is not an ed25519 public key (${key.detail})`);
    keys.push(key.value);
  }
  return keys;
}

export class PackRefusedError extends TaphealError {
  constructor(
    readonly reason: PackRefusal,
    detail: string,
  ) {
    super('PACK_REFUSED', `pack refused (${reason.replace(/_/g, ' ')}): ${detail}`);
  }
}

export interface ReadPackOptions {
  trustedKeys: readonly PublicKey[];
  now: Date;
  maxBytes?: number;
  currentVersion?: number;
}

/** Reads and verifies a signed pack file; throws PackRefusedError with the reason when it is refused. */
export async function readPackFile(path: string, options: ReadPackOptions): Promise<{ pack: Pack; matcher: Matcher; keyid: string }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PACK_BYTES;
  let raw: Buffer;
  try {
    const { size } = await stat(path);
    if (size > maxBytes) throw new PackRefusedError('too_large', `${path} is ${size} bytes, over the limit of ${maxBytes}`);
    raw = await readFile(path);
  } catch (error) {
    if (error instanceof TaphealError) throw error;
    throw new TaphealError('PACK_UNREADABLE', `cannot read pack ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, { cause: error });
  }
  const verified = verifyPack(raw, { ...options, maxBytes });
  if (!verified.ok) throw new PackRefusedError(verified.reason, verified.detail);
  return { pack: verified.value.pack, matcher: verified.value.matcher, keyid: verified.value.keyid };
}

export const heldPackPath = (home: string): string => join(home, 'packs', 'current.json');
export const trustedKeysDir = (home: string): string => join(home, 'trusted-keys');

/** The PEM files in TAPHEAL_HOME/trusted-keys: keys the person chose to pin. */
export async function listHomeKeyFiles(home: string): Promise<string[]> {
  try {
    const names = await readdir(trustedKeysDir(home));
    return names.filter((name) => name.endsWith('.pem')).sort().map((name) => join(trustedKeysDir(home), name));
  } catch {
    return [];
  }
}

/**
 * The best pack the client holds: the verified pack in TAPHEAL_HOME, else the built-in one. A held pack
 * that is missing, corrupt, expired or untrusted is passed over, with the reason, never fatal.
 */
export async function loadActivePack(home: string, options: ReadPackOptions): Promise<ActivePack> {
  const path = heldPackPath(home);
  try {
    await stat(path);
  } catch {
    return activeBuiltinPack();
  }
  try {
    const held = await readPackFile(path, options);
    return held.pack.version > BUILTIN_PACK.version ? { ...held, source: 'held', path } : activeBuiltinPack();
  } catch (error) {
    return { ...activeBuiltinPack(), fallbackReason: (error as Error).message };
  }
}

/** The built-in pack, compiled. Its patterns are tested, so compiling it cannot fail. */
export function activeBuiltinPack(): ActivePack {
  const compiled = compileMatcher(BUILTIN_PACK);
  if (!compiled.ok) throw new Error(`the built-in pack does not compile: ${compiled.detail}`);
  return { pack: BUILTIN_PACK, matcher: compiled.value, source: 'builtin' };
}
