/**
 * The file operations the config reader and writer use, as a port: the defaults are node's, and tests
 * pass their own to make a step fail and check that the original file survives.
 */
import { randomBytes } from 'node:crypto';
import { access, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface ConfigFs {
  readFile(path: string): Promise<Buffer>;
  /** Permission bits of an existing file. */
  mode(path: string): Promise<number>;
  /** The path with symlinks resolved, so a write replaces the file and not the link. */
  realpath(path: string): Promise<string>;
  /** Creates `path` (it must not exist), writes `data`, gives it `mode` and flushes it to disk. */
  writeNewFile(path: string, data: string | Uint8Array, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
}

export const nodeConfigFs: ConfigFs = {
  readFile: (path) => readFile(path),
  mode: async (path) => (await stat(path)).mode & 0o7777,
  realpath: (path) => realpath(path),
  async writeNewFile(path, data, mode) {
    const handle = await open(path, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.chmod(mode); // open's mode is filtered by the umask; a 0600 config must stay 0600
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  exists: (path) => access(path).then(
    () => true,
    () => false,
  ),
};

/**
 * Replaces `path` atomically: writes a temporary file beside it and renames it over, so a reader (or a
 * crash) sees the old file or the new one, never half of one. On failure the temporary file is removed.
 */
export async function replaceFileAtomic(fs: ConfigFs, path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeNewFile(temp, data, mode);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
}

