/**
 * The new text of a config with some servers changed. Pure. Each changed entry is spliced into the
 * original text (see edit-json-text.ts), so unknown fields, comments, indentation and the final newline
 * stay byte for byte; the result is read back and checked before anyone writes it.
 */
import { fail, ok, type Result } from '@tapheal/rules';
import { applyTextEdits, detectTextStyle, isEqualJson, planJsonEdits, type TextEdit } from './edit-json-text.js';
import type { ConfigFile, EntryPath, McpServerConfig } from './mcp-server-config.js';
import { parseConfig } from './parse-config.js';
import { nodeAtPath, parseJsonc } from './parse-jsonc.js';
import { writeServerEntry, type WriteEntryFailure } from './write-server-entry.js';

/** A server to write back, at the path its entry was read from (a ServerEntry is one). */
export interface ServerUpdate {
  path: EntryPath;
  server: McpServerConfig;
}

export type RenderFailure = WriteEntryFailure | 'invalid_json' | 'unknown_entry' | 'render_mismatch';

export interface RenderedConfig {
  text: string;
  /** The names of the servers whose entries changed. */
  changed: string[];
}

export function renderConfig(config: ConfigFile, updates: readonly ServerUpdate[]): Result<RenderedConfig, RenderFailure> {
  const tree = parseJsonc(config.text);
  if (!tree.ok) return fail('invalid_json', tree.detail);
  const style = detectTextStyle(config.text);
  const edits: TextEdit[] = [];
  const changed: string[] = [];
  for (const update of updates) {
    const node = nodeAtPath(tree.value.root, update.path);
    if (!node) return fail('unknown_entry', `no entry at ${update.path.join(' > ')} in ${config.file}`);
    const entry = writeServerEntry(node.value, update.server, config.format);
    if (!entry.ok) return entry;
    const entryEdits = planJsonEdits(config.text, node, entry.value, style);
    if (entryEdits.length > 0) changed.push(update.path.at(-1)!);
    edits.push(...entryEdits);
  }
  const text = applyTextEdits(config.text, edits);
  const mismatch = checkRendered(config, text, updates);
  return mismatch ? fail('render_mismatch', mismatch) : ok({ text, changed });
}

/** Reads the new text back: it must parse, and give every updated server exactly as asked. */
function checkRendered(config: ConfigFile, text: string, updates: readonly ServerUpdate[]): string | undefined {
  const projectDir = updates.map((update) => update.path).find((path) => path[0] === 'projects')?.[1];
  const reread = parseConfig(text, { file: config.file, format: config.format, ...(projectDir === undefined ? {} : { projectDir }) });
  if (!reread.ok) return `the new text does not parse: ${reread.detail}`;
  for (const update of updates) {
    const entry = reread.value.servers.find((candidate) => isEqualJson(candidate.path, update.path));
    const expected = { ...update.server, name: update.path.at(-1)! };
    if (!entry || !isEqualJson(entry.server, withoutUndefined(expected))) {
      return `${update.path.join(' > ')} does not read back as written`;
    }
  }
  return undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
