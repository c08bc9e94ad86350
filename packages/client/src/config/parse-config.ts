/** Parses the text of a client config into the normalised model. Pure: the caller reads the file. */
import { fail, ok, type Result } from '@tapheal/rules';
import { detectConfigFormat, isRecord } from './detect-config-format.js';
import { findVariableReferences } from './find-variable-references.js';
import { SERVERS_KEYS, type ConfigFile, type ConfigFormat, type ConfigInput, type EntryPath, type InvalidEntry, type ServerEntry } from './mcp-server-config.js';
import { parseJsonc } from './parse-jsonc.js';
import { readServerEntry } from './read-server-entry.js';

export type ConfigParseFailure = 'invalid_json' | 'unknown_format';

export interface ParseConfigOptions {
  file: string;
  /** Skips detection (`--config FILE --format vscode`). */
  format?: ConfigFormat;
  /** Claude Code's `~/.claude.json` also holds servers per project under `projects[dir].mcpServers`: read those of this directory. */
  projectDir?: string;
}

export function parseConfig(text: string, options: ParseConfigOptions): Result<ConfigFile, ConfigParseFailure> {
  const tree = parseJsonc(text);
  if (!tree.ok) return fail('invalid_json', `${options.file}: ${tree.detail}`);
  const document = tree.value.root.value;
  const detected = options.format ? { format: options.format, detectedBy: 'option' as const } : detectConfigFormat(options.file, document);
  if (!detected) return fail('unknown_format', `${options.file}: neither "mcpServers" nor "servers" found; not an MCP client config`);
  if (!isRecord(document)) return fail('unknown_format', `${options.file}: the file holds no JSON object`);

  const servers: ServerEntry[] = [];
  const invalid: InvalidEntry[] = [];
  for (const base of serverContainers(document, detected.format, options.projectDir)) {
    const container = valueAt(document, base);
    if (!isRecord(container)) continue;
    for (const [name, raw] of Object.entries(container)) {
      const path = [...base, name];
      const read = readServerEntry(name, raw, detected.format);
      if (!read.ok) invalid.push({ name, path, reason: read.reason });
      else servers.push({ server: read.server, path, references: findVariableReferences(read.server, detected.format), notes: read.notes });
    }
  }
  return ok({
    file: options.file,
    format: detected.format,
    detectedBy: detected.detectedBy,
    text,
    servers,
    invalid,
    inputs: readInputs(document.inputs),
    jsonc: { comments: tree.value.comments, trailingCommas: tree.value.trailingCommas },
  });
}

function serverContainers(document: Record<string, unknown>, format: ConfigFormat, projectDir: string | undefined): EntryPath[] {
  const containers: EntryPath[] = [[SERVERS_KEYS[format]]];
  if (format === 'claude-code' && projectDir !== undefined && isRecord(document.projects)) {
    containers.push(['projects', projectDir, 'mcpServers']);
  }
  return containers;
}

export function valueAt(document: unknown, path: EntryPath): unknown {
  let value = document;
  for (const key of path) {
    if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

function readInputs(value: unknown): ConfigInput[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((input): ConfigInput[] => {
    if (typeof input.id !== 'string') return [];
    const read: ConfigInput = { id: input.id, type: typeof input.type === 'string' ? input.type : 'promptString' };
    if (typeof input.description === 'string') read.description = input.description;
    if (typeof input.password === 'boolean') read.password = input.password;
    return [read];
  });
}
