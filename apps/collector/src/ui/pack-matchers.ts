/**
 * Compiled matchers of stored packs, kept per ETag: compiling a pack takes tens of milliseconds, and the
 * cluster list asks the served pack for a suggested category on every page. `served` reads only the
 * served pack's version and ETag, and its body only when that pack is not compiled yet.
 */
import { compileMatcher, type Matcher, type Pack } from '@tapheal/rules';
import { latestPackRef, packByVersion, type Db, type PackRecord } from '@tapheal/db';
import { packOf } from '@tapheal/trainer';

/** Packs kept compiled; the served one and the one before it are what pages ask for. */
const MAX_CACHED_PACKS = 2;

export interface CompiledPack {
  pack: Pack;
  matcher: Matcher | null;
}

export interface PackMatchers {
  get(record: Pick<PackRecord, 'etag' | 'body'>): CompiledPack;
  /** The served pack, compiled; null when no pack is servable. */
  served(db: Db): Promise<CompiledPack | null>;
}

export function createPackMatchers(): PackMatchers {
  const cache = new Map<string, CompiledPack>();
  const get = (record: Pick<PackRecord, 'etag' | 'body'>) => {
    const hit = cache.get(record.etag);
    if (hit) return hit;
    const pack = packOf(record.body);
    const compiled = compileMatcher(pack);
    const entry = { pack, matcher: compiled.ok ? compiled.value : null };
    if (cache.size >= MAX_CACHED_PACKS) cache.delete(cache.keys().next().value!);
    cache.set(record.etag, entry);
    return entry;
  };
  return {
    get,
    async served(db) {
      const ref = await latestPackRef(db);
      if (!ref) return null;
      const hit = cache.get(ref.etag);
      if (hit) return hit;
      const record = await packByVersion(db, ref.version);
      return record ? get(record) : null;
    },
  };
}
