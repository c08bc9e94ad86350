/**
 * What the pack updater keeps in TAPHEAL_HOME: the held pack (`packs/current.json`, the exact bytes the
 * collector sent), the update state (`packs/state.json`) and pinned keys (`trusted-keys/<keyid>.pem`).
 * Every file is written to a temporary name, flushed and renamed over the old one, so a reader sees the
 * old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { heldPackPath, trustedKeysDir } from './read-pack.js';

export { heldPackPath, trustedKeysDir };

export const packStatePath = (home: string): string => join(home, 'packs', 'state.json');
export const pinnedKeyPath = (home: string, keyid: string): string => join(trustedKeysDir(home), `${keyid}.pem`);

/** What the last checks left behind: the ETag for If-None-Match, and when, where and how the last check went. */
export interface PackState {
  /** The `/v1/packs/latest` URL last checked; the ETag and the rate limit hold for that URL only. */
  url?: string;
  /** The ETag of the pack the client holds (or of the collector's copy of the built-in pack). */
  etag?: string;
  /** The pack version that ETag names. */
  version?: number;
  /** When the client last had an answer from the collector (ISO time). */
  checkedAt?: string;
  /** How that check went, in one line. */
  lastResult?: string;
  /** Where and when the held pack was downloaded. */
  heldFrom?: string;
  heldAt?: string;
}

/** Writes `data` to `path` atomically: a temporary file beside it, flushed to disk, then renamed. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The update state; a missing or corrupt state file is an empty state (the next check is a full one). */
export async function readPackState(home: string): Promise<PackState> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(packStatePath(home), 'utf8'));
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  const state: PackState = {};
  for (const field of ['url', 'etag', 'checkedAt', 'lastResult', 'heldFrom', 'heldAt'] as const) {
    if (typeof record[field] === 'string') state[field] = record[field];
  }
  if (Number.isSafeInteger(record.version)) state.version = record.version as number;
  return state;
}

export const writePackState = (home: string, state: PackState): Promise<void> =>
  writeFileAtomic(packStatePath(home), `${JSON.stringify(state, null, 2)}\n`);

/** The held pack's bytes, or null when there is none (or it cannot be read). */
export async function readHeldPackBytes(home: string): Promise<Buffer | null> {
  try {
    return await readFile(heldPackPath(home));
  } catch {
    return null;
  }
}
