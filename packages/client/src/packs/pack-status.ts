/**
 * `tapheal pack status` as a function: the pack in use, its version, age, expiry and source, where it came
 * from, why a held pack was passed over (when it was), and how the last update check went.
 */
import type { PublicKey } from '@tapheal/rules';
import { listHomeKeyFiles, loadActivePack, readTrustedKeys } from './read-pack.js';
import { readPackState } from './store.js';

export interface PackStatus {
  source: 'builtin' | 'held';
  version: number;
  createdAt: string;
  /** Seconds since createdAt. */
  ageSeconds: number;
  expiresAt: string;
  rules: number;
  /** The held pack's file, for a held pack. */
  path: string | null;
  /** The pinned key that signed the held pack. */
  keyid: string | null;
  /** Where the held pack was downloaded from, and when. */
  from: string | null;
  downloadedAt: string | null;
  /** Why the held pack was passed over for the built-in one, when it was. */
  fallbackReason: string | null;
  /** A pinned key file that could not be read (every pinned key is then ignored). */
  keyProblem: string | null;
  lastCheck: { url: string | null; at: string; result: string | null } | null;
}

/** Never throws: unreadable files show up as `fallbackReason` or `keyProblem`. */
export async function packStatus(options: { home: string; extraKeys?: readonly PublicKey[]; now?: Date }): Promise<PackStatus> {
  const now = options.now ?? new Date();
  let pinned: PublicKey[] = [];
  let keyProblem: string | null = null;
  try {
    pinned = await readTrustedKeys(await listHomeKeyFiles(options.home));
  } catch (error) {
    keyProblem = (error as Error).message;
  }
  const active = await loadActivePack(options.home, { trustedKeys: [...pinned, ...(options.extraKeys ?? [])], now });
  const state = await readPackState(options.home);
  const held = active.source === 'held';
  return {
    source: held ? 'held' : 'builtin',
    version: active.pack.version,
    createdAt: active.pack.createdAt,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(active.pack.createdAt)) / 1000)),
    expiresAt: active.pack.expiresAt,
    rules: active.pack.rules.length,
    path: held ? (active.path ?? null) : null,
    keyid: held ? (active.keyid ?? null) : null,
    from: held ? (state.heldFrom ?? null) : null,
    downloadedAt: held ? (state.heldAt ?? null) : null,
    fallbackReason: active.fallbackReason ?? null,
    keyProblem,
    lastCheck: state.checkedAt ? { url: state.url ?? null, at: state.checkedAt, result: state.lastResult ?? null } : null,
  };
}
