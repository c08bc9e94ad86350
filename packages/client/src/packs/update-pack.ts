/**
 * `tapheal pack update` as a function: ask the collector for its latest pack (If-None-Match, at most one
 * check per MIN_CHECK_INTERVAL_MS unless forced), verify it against the pinned keys, and hold it only if
 * it is newer than the pack in use, unexpired, safe and meant for this client. Anything else leaves the
 * held pack as it was, byte for byte. Key rotation: an accepted pack's `keys` are pinned for later packs.
 * Never throws: every outcome, failures included, is a PackUpdateResult.
 */
import {
  BUILTIN_PACK,
  DEFAULT_MAX_PACK_BYTES,
  publicKeyFromPem,
  publicKeyPem,
  verifyPack,
  type PackRefusal,
  type PublicKey,
  type VerifiedPack,
} from '@tapheal/rules';
import { CLIENT_VERSION } from '../version.js';
import { meetsMinClientVersion } from './client-version.js';
import { fetchLatestPack, FETCH_TIMEOUT_MS } from './fetch-pack.js';
import { listHomeKeyFiles, loadActivePack, readTrustedKeys } from './read-pack.js';
import { heldPackPath, pinnedKeyPath, readHeldPackBytes, readPackState, writeFileAtomic, writePackState, type PackState } from './store.js';

/** Client-side rate limit: a check within this long of the last answered one is skipped unless forced. */
export const MIN_CHECK_INTERVAL_MS = 10 * 60_000;

/** verifyPack's refusals, and one of the client's own: the pack needs a newer client. */
export type PackUpdateRefusal = PackRefusal | 'needs_newer_client';
export type PackUpdateFailure = 'unreachable' | 'timeout' | 'http_error' | 'bad_endpoint' | 'bad_key' | 'storage';

/** The pack the client uses once the call is over. */
export interface PackInUse {
  version: number;
  source: 'builtin' | 'held';
}

export type PackUpdateResult = PackInUse &
  (
    | { outcome: 'updated'; previousVersion: number; keyid: string; pinnedKeys: string[] }
    | { outcome: 'up_to_date'; notModified: boolean; detail: string }
    | { outcome: 'skipped'; checkedAt: string; nextCheckAt: string }
    | { outcome: 'refused'; reason: PackUpdateRefusal; detail: string }
    | { outcome: 'failed'; reason: PackUpdateFailure; detail: string }
  );

export interface UpdatePackOptions {
  home: string;
  /** The collector's base URL; the pack is `<endpoint>/v1/packs/latest`. */
  endpoint: string;
  /** Keys trusted for this check beyond TAPHEAL_HOME/trusted-keys (`--trust-key`); the one that signs an accepted pack is pinned. */
  extraKeys?: readonly PublicKey[];
  /** Check even when the last check was less than `minIntervalMs` ago. */
  force?: boolean;
  now?: Date;
  minIntervalMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  clientVersion?: string;
  fetch?: typeof globalThis.fetch;
}

export async function updatePack(options: UpdatePackOptions): Promise<PackUpdateResult> {
  const inUse: PackInUse = { version: BUILTIN_PACK.version, source: 'builtin' };
  try {
    return await update(options, options.now ?? new Date(), inUse);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    return { outcome: 'failed', reason: 'storage', detail: `cannot write to ${options.home}: ${code ?? (error as Error)?.message ?? error}`, ...inUse };
  }
}

/** `inUse` is filled in as soon as the held pack is known, so that a storage failure can name it. */
async function update(options: UpdatePackOptions, now: Date, inUse: PackInUse): Promise<PackUpdateResult> {
  const { home } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PACK_BYTES;
  const url = latestUrl(options.endpoint);
  if (!url) return { outcome: 'failed', reason: 'bad_endpoint', detail: `the endpoint must be an http:// or https:// URL, not "${options.endpoint}"`, ...inUse };

  let pinned: PublicKey[];
  try {
    pinned = await readTrustedKeys(await listHomeKeyFiles(home));
  } catch (error) {
    return { outcome: 'failed', reason: 'bad_key', detail: (error as Error).message, ...inUse };
  }
  const trustedKeys = [...pinned, ...(options.extraKeys ?? []).filter((extra) => !pinned.some((key) => key.keyid === extra.keyid))];
  const active = await loadActivePack(home, { trustedKeys, now, maxBytes });
  Object.assign(inUse, { version: active.pack.version, source: active.source === 'held' ? 'held' : 'builtin' });

  const state = await readPackState(home);
  const sameUrl = state.url === url;
  const lastCheck = sameUrl && state.checkedAt ? Date.parse(state.checkedAt) : Number.NaN;
  const interval = options.minIntervalMs ?? MIN_CHECK_INTERVAL_MS;
  if (!options.force && lastCheck <= now.getTime() && now.getTime() - lastCheck < interval) {
    return { outcome: 'skipped', checkedAt: state.checkedAt!, nextCheckAt: new Date(lastCheck + interval).toISOString(), ...inUse };
  }

  // The ETag is sent only when it names the pack in use: after a corrupt held pack, the check is a full one.
  const etag = sameUrl && state.version === inUse.version ? state.etag : undefined;
  const fetched = await fetchLatestPack({ url, etag, maxBytes, timeoutMs: options.timeoutMs ?? FETCH_TIMEOUT_MS, ...(options.fetch ? { fetch: options.fetch } : {}) });
  if (fetched.status === 'unreachable') {
    return { outcome: 'failed', reason: fetched.timedOut ? 'timeout' : 'unreachable', detail: fetched.detail, ...inUse };
  }

  // From here the collector answered: the check counts for the rate limit, whatever came of it.
  const base: PackState = sameUrl ? state : { heldFrom: state.heldFrom, heldAt: state.heldAt };
  const record = (lastResult: string, change: PackState = {}) =>
    writePackState(home, { ...base, url, checkedAt: now.toISOString(), lastResult, ...change });
  const refuse = async (reason: PackUpdateRefusal, detail: string): Promise<PackUpdateResult> => {
    await record(`refused (${reason}): ${detail}`);
    return { outcome: 'refused', reason, detail, ...inUse };
  };
  const upToDate = async (notModified: boolean, detail: string, change: PackState = {}): Promise<PackUpdateResult> => {
    await record(`up to date: ${detail}`, change);
    return { outcome: 'up_to_date', notModified, detail, ...inUse };
  };

  if (fetched.status === 'http_error') {
    await record(`failed: ${fetched.detail}`);
    return { outcome: 'failed', reason: 'http_error', detail: fetched.detail, ...inUse };
  }
  if (fetched.status === 'too_large') return refuse('too_large', fetched.detail);
  if (fetched.status === 'not_modified') return upToDate(true, `not modified since pack ${inUse.version}`);

  const { body } = fetched;
  const newEtag = fetched.etag ?? undefined;
  const heldBytes = inUse.source === 'held' ? await readHeldPackBytes(home) : null;
  const identical = heldBytes !== null && heldBytes.equals(body);
  const verified = verifyPack(body, { trustedKeys, now, maxBytes, ...(inUse.source === 'held' && !identical ? { currentVersion: inUse.version } : {}) });
  if (!verified.ok) return refuse(verified.reason, verified.detail);
  const { pack } = verified.value;
  const clientVersion = options.clientVersion ?? CLIENT_VERSION;
  if (!meetsMinClientVersion(clientVersion, pack.minClientVersion)) {
    return refuse('needs_newer_client', `pack ${pack.version} needs client >= ${pack.minClientVersion}; this client is ${clientVersion}`);
  }
  if (identical) return upToDate(false, `the collector serves pack ${pack.version}, the one held`, { etag: newEtag, version: pack.version });
  if (inUse.source === 'builtin' && pack.version < BUILTIN_PACK.version) {
    return refuse('not_newer', `pack version ${pack.version} is older than the built-in pack (version ${BUILTIN_PACK.version})`);
  }
  if (inUse.source === 'builtin' && pack.version === BUILTIN_PACK.version) {
    return upToDate(false, `pack ${pack.version} is the built-in pack's version`, { etag: newEtag, version: pack.version });
  }

  // Accepted. Keys first: a pack held without the keys it introduced could strand the client after a rotation.
  const pinnedKeys = await pinKeys(home, verified.value, trustedKeys, pinned);
  await writeFileAtomic(heldPackPath(home), body);
  const previousVersion = inUse.version;
  Object.assign(inUse, { version: pack.version, source: 'held' });
  await record(`updated to pack ${pack.version}`, { etag: newEtag, version: pack.version, heldFrom: url, heldAt: now.toISOString() });
  return { outcome: 'updated', previousVersion, keyid: verified.value.keyid, pinnedKeys, ...inUse };
}

/**
 * Pins, as TAPHEAL_HOME/trusted-keys/<keyid>.pem, the key that signed an accepted pack when it came from
 * `--trust-key`, and the keys the pack introduces. Answers the keyids newly pinned.
 */
async function pinKeys(home: string, verified: VerifiedPack, trustedKeys: readonly PublicKey[], pinned: readonly PublicKey[]): Promise<string[]> {
  const toPin = new Map<string, PublicKey>();
  const signer = trustedKeys.find((key) => key.keyid === verified.keyid);
  if (signer) toPin.set(signer.keyid, signer);
  for (const { pem } of verified.pack.keys ?? []) {
    const key = publicKeyFromPem(pem); // parsePack checked that it parses and matches its keyid
    if (key.ok) toPin.set(key.value.keyid, key.value);
  }
  for (const key of pinned) toPin.delete(key.keyid);
  for (const key of toPin.values()) await writeFileAtomic(pinnedKeyPath(home, key.keyid), publicKeyPem(key));
  return [...toPin.keys()];
}

function latestUrl(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return new URL(`${url.pathname.replace(/\/+$/, '')}/v1/packs/latest`, url).href;
  } catch {
    return null;
  }
}
