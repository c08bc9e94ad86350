/**
 * The telemetry queue on disk: one file per report in a directory, so a report is either wholly there or
 * not at all. Each is written to a temporary name and renamed into place (rename is atomic), so a process
 * killed mid-write leaves at worst a temporary file, which a later open removes once it is a minute old. File names sort in
 * arrival order and carry the report's size, so bounds are kept from a directory listing alone:
 * at most `maxReports` reports and `maxBytes` bytes, the oldest dropped first.
 *
 * It never throws: every operation resolves, and a failure comes back as a value the caller counts.
 * Several processes (or queues) may share one directory, such as mcp-tap and the CLI: a name holds
 * random bits, so two writers never collide, and a file another writer removed meanwhile is simply gone.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DiskQueueOptions {
  dir: string;
  maxReports: number;
  maxBytes: number;
  /** Milliseconds since the epoch; names sort by it. */
  now?: () => number;
}

export interface QueuedEntry<T> {
  /** The file name: pass it to remove() once the entry is sent or dropped. */
  name: string;
  value: T;
  bytes: number;
}

export type AppendOutcome =
  | { ok: true; dropped: number }
  | { ok: false; reason: 'too_large' | 'disk_error'; detail: string };

export interface ReadOutcome<T> {
  entries: QueuedEntry<T>[];
  /** Files that did not parse; they were removed. */
  corrupt: number;
}

export interface DiskQueue<T> {
  append(value: T): Promise<AppendOutcome>;
  /** The oldest `limit` entries, oldest first. */
  read(limit: number): Promise<ReadOutcome<T>>;
  remove(names: readonly string[]): Promise<void>;
  size(): Promise<{ reports: number; bytes: number }>;
  clear(): Promise<void>;
}

const ENTRY = /^(\d{13})-(\d{6})-([0-9a-f]{8})-(\d{1,10})\.json$/;
const TEMPORARY_PREFIX = '.tmp-';
/** Another writer's appends are seen at the latest after this many of ours. */
const REFRESH_EVERY_APPENDS = 100;
/** A temporary file this old belongs to a writer that died: no live write takes a minute. */
const ABANDONED_TEMPORARY_MS = 60_000;

interface Listed {
  name: string;
  bytes: number;
}

export function createDiskQueue<T>(options: DiskQueueOptions): DiskQueue<T> {
  const now = options.now ?? Date.now;
  let sequence = 0;
  /** This queue's view of the directory, oldest first; null until first listed. */
  let known: Listed[] | null = null;
  let appendsSinceListing = 0;
  let prepared: Promise<boolean> | null = null;

  /** Creates the directory and removes temporary files a killed writer left; once per queue. */
  const prepare = () =>
    (prepared ??= (async () => {
      try {
        await mkdir(options.dir, { recursive: true, mode: 0o700 });
        const names = await readdir(options.dir);
        const leftovers = names.filter((name) => name.startsWith(TEMPORARY_PREFIX)).map((name) => join(options.dir, name));
        // Only old ones: a young temporary file may be another live writer's, about to be renamed.
        await Promise.all(
          leftovers.map(async (path) => {
            const info = await stat(path).catch(() => null);
            if (info && info.mtimeMs < Date.now() - ABANDONED_TEMPORARY_MS) await rm(path, { force: true });
          }),
        );
        return true;
      } catch {
        prepared = null;
        return false;
      }
    })());

  const list = async (): Promise<Listed[]> => {
    const names = await readdir(options.dir).catch(() => [] as string[]);
    return names
      .map((name) => ({ name, match: ENTRY.exec(name) }))
      .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
      .map(({ name, match }) => ({ name, bytes: Number(match[4]) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };

  const refresh = async () => {
    known = await list();
    appendsSinceListing = 0;
    return known;
  };

  const removeNames = async (names: readonly string[]) => {
    if (known) {
      const gone = new Set(names);
      known = known.filter((entry) => !gone.has(entry.name));
    }
    await Promise.all(names.map((name) => rm(join(options.dir, name), { force: true }).catch(() => {})));
  };

  return {
    async append(value) {
      const text = JSON.stringify(value);
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > options.maxBytes) return { ok: false, reason: 'too_large', detail: `${bytes} bytes is over the queue's ${options.maxBytes}` };
      if (!(await prepare())) return { ok: false, reason: 'disk_error', detail: `cannot create ${options.dir}` };
      const name = `${String(now()).padStart(13, '0')}-${String(sequence++ % 1_000_000).padStart(6, '0')}-${randomBytes(4).toString('hex')}-${bytes}.json`;
      const temporary = join(options.dir, `${TEMPORARY_PREFIX}${randomBytes(6).toString('hex')}`);
      try {
        await writeFile(temporary, text, { mode: 0o600 });
        await rename(temporary, join(options.dir, name));
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => {});
        return { ok: false, reason: 'disk_error', detail: (error as Error).message };
      }
      // The bounds are kept against a listing this queue maintains itself, refreshed from the directory
      // every REFRESH_EVERY_APPENDS appends (and by every read), so an append does not list the directory.
      if (!known || appendsSinceListing >= REFRESH_EVERY_APPENDS) {
        known = await list();
        appendsSinceListing = 0;
      } else {
        known.push({ name, bytes });
        appendsSinceListing++;
      }
      return { ok: true, dropped: await enforceBounds(known, options, removeNames) };
    },

    async read(limit) {
      const entries: QueuedEntry<T>[] = [];
      const corrupt: string[] = [];
      for (const { name, bytes } of await refresh()) {
        if (entries.length >= limit) break;
        const text = await readFile(join(options.dir, name), 'utf8').catch(() => null);
        if (text === null) continue; // removed by another process meanwhile
        try {
          entries.push({ name, value: JSON.parse(text) as T, bytes });
        } catch {
          corrupt.push(name);
        }
      }
      await removeNames(corrupt);
      return { entries, corrupt: corrupt.length };
    },

    remove: removeNames,

    async size() {
      const listed = await refresh();
      return { reports: listed.length, bytes: listed.reduce((sum, entry) => sum + entry.bytes, 0) };
    },

    async clear() {
      await removeNames((await refresh()).map((entry) => entry.name));
    },
  };
}

/** Drops the oldest entries until both bounds hold; returns how many went. */
async function enforceBounds(listed: Listed[], options: DiskQueueOptions, removeNames: (names: readonly string[]) => Promise<void>): Promise<number> {
  let reports = listed.length;
  let bytes = listed.reduce((sum, entry) => sum + entry.bytes, 0);
  const dropped: string[] = [];
  for (const entry of listed) {
    if (reports <= options.maxReports && bytes <= options.maxBytes) break;
    dropped.push(entry.name);
    reports -= 1;
    bytes -= entry.bytes;
  }
  await removeNames(dropped);
  return dropped.length;
}
