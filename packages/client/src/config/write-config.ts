/**
 * Writes healed servers back into their config file:
 * 1. renders the new text (only the changed entries differ; see render-config.ts);
 * 2. checks the file still holds what was read, so an edit made meanwhile is never overwritten;
 * 3. saves the exact original bytes as `<file>.bak` (replacing an older .bak), with the file's permissions;
 * 4. writes the new text to a temporary file beside the original and renames it over.
 * Every step that fails stops there and leaves the original as it was. Never throws.
 */
import { fail, ok, type Result } from '@tapheal/rules';
import { nodeConfigFs, replaceFileAtomic, type ConfigFs } from './config-fs.js';
import type { ConfigFile } from './mcp-server-config.js';
import { renderConfig, type RenderFailure, type ServerUpdate } from './render-config.js';

export type ConfigWriteFailure = RenderFailure | 'changed_on_disk' | 'unreadable' | 'backup_failed' | 'write_failed';

export interface ConfigWritten {
  /** False when nothing changed: then nothing was written and no .bak made. */
  written: boolean;
  file: string;
  backup?: string;
  changed: string[];
}

export async function writeConfig(
  config: ConfigFile,
  updates: readonly ServerUpdate[],
  options: { fs?: ConfigFs } = {},
): Promise<Result<ConfigWritten, ConfigWriteFailure>> {
  const fs = options.fs ?? nodeConfigFs;
  const rendered = renderConfig(config, updates);
  if (!rendered.ok) return rendered;
  if (rendered.value.changed.length === 0) return ok({ written: false, file: config.file, changed: [] });

  let target: string;
  let original: Buffer;
  let mode: number;
  try {
    target = await fs.realpath(config.file);
    original = await fs.readFile(target);
    mode = await fs.mode(target);
  } catch (error) {
    return fail('unreadable', `${config.file}: ${describe(error)}`);
  }
  if (original.toString('utf8') !== config.text) {
    return fail('changed_on_disk', `${config.file} changed since it was read; read it again before writing`);
  }
  const backup = `${config.file}.bak`;
  try {
    await replaceFileAtomic(fs, backup, original, mode);
  } catch (error) {
    return fail('backup_failed', `could not save ${backup}, so ${config.file} was not changed: ${describe(error)}`);
  }
  try {
    await replaceFileAtomic(fs, target, rendered.value.text, mode);
  } catch (error) {
    return fail('write_failed', `could not write ${config.file}; it is unchanged (${describe(error)})`);
  }
  return ok({ written: true, file: config.file, backup, changed: rendered.value.changed });
}

const describe = (error: unknown): string => {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message ?? String(error);
};
