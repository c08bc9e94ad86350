/**
 * The inverse of readServerEntry: the raw entry with a (healed) server written into it. Every field
 * tapheal does not model is kept, and a modelled field is touched only when its value changed, so an
 * unchanged server gives back the entry as it was.
 */
import { fail, ok, type Result } from '@tapheal/rules';
import { isRecord } from './detect-config-format.js';
import { isEqualJson } from './edit-json-text.js';
import { TIMEOUT_FIELDS, type ConfigFormat, type McpServerConfig } from './mcp-server-config.js';
import { inferTransport, readServerEntry } from './read-server-entry.js';

export type WriteEntryFailure = 'invalid_server' | 'unsupported_field';

const PLAIN_FIELDS = ['command', 'args', 'cwd', 'envFile', 'url'] as const;
const RECORD_FIELDS = ['env', 'headers'] as const;

export function writeServerEntry(raw: unknown, server: McpServerConfig, format: ConfigFormat): Result<Record<string, unknown>, WriteEntryFailure> {
  const invalid = validateServer(server);
  if (invalid) return fail('invalid_server', `${server.name}: ${invalid}`);
  const base = isRecord(raw) ? raw : {};
  const read = readServerEntry(server.name, base, format);
  const current: Partial<McpServerConfig> = read.ok ? read.server : {};
  if (read.ok && isEqualJson(current, server)) return ok(base);

  const next: Record<string, unknown> = { ...base };
  for (const field of PLAIN_FIELDS) {
    if (!isEqualJson(current[field], server[field])) setOrDelete(next, field, server[field]);
  }
  for (const field of RECORD_FIELDS) {
    if (!isEqualJson(current[field], server[field])) setOrDelete(next, field, mergeRecord(base[field], server[field]));
  }
  if (current.timeoutMs !== server.timeoutMs) {
    const field = TIMEOUT_FIELDS[format];
    if (!field) return fail('unsupported_field', `${server.name}: the ${format} format has no per-server timeout`);
    setOrDelete(next, field, server.timeoutMs);
  }
  if (needsType(base, next, server, format)) next.type = server.transport;
  return ok(next);
}

function validateServer(server: McpServerConfig): string | undefined {
  if (server.transport === 'stdio') return server.command ? undefined : 'a stdio server needs a command';
  if (server.transport === 'http' || server.transport === 'sse') return server.url ? undefined : `an ${server.transport} server needs a url`;
  return `unknown transport ${JSON.stringify(server.transport)}`;
}

/**
 * Whether `type` must be written: when the entry has one that no longer matches, when the other fields
 * alone would be read as another transport, and on Claude Code url entries (it reads a missing type as stdio).
 */
function needsType(base: Record<string, unknown>, next: Record<string, unknown>, server: McpServerConfig, format: ConfigFormat): boolean {
  if (typeof base.type === 'string') {
    const had = readServerEntry(server.name, base, format);
    return !had.ok || had.server.transport !== server.transport;
  }
  if (format === 'claude-code' && server.transport !== 'stdio') return true;
  return inferTransport(next) !== server.transport;
}

/** The new record, keeping each old value that reads the same (`3000` for `"3000"`) and the nulls VS Code uses to unset. */
function mergeRecord(old: unknown, next: Record<string, string> | undefined): Record<string, unknown> | undefined {
  if (next === undefined) return undefined;
  const before = isRecord(old) ? old : {};
  const out: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  };
  for (const [key, value] of Object.entries(before)) {
    if (Object.hasOwn(next, key)) put(key, value !== null && String(value) === next[key] ? value : next[key]);
    else if (value === null) put(key, null);
  }
  for (const [key, value] of Object.entries(next)) if (!Object.hasOwn(out, key)) put(key, value);
  return out;
}

function setOrDelete(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value === undefined) delete target[field];
  else target[field] = value;
}
