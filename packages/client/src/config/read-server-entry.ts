/** Reads one raw config entry into the normalised server model, tolerating the variants each client accepts. */
import { isRecord } from './detect-config-format.js';
import { TIMEOUT_FIELDS, type ConfigFormat, type McpServerConfig, type McpTransport } from './mcp-server-config.js';

export type ReadEntryResult = { ok: true; server: McpServerConfig; notes: string[] } | { ok: false; reason: string };

const TYPE_ALIASES: Readonly<Record<string, McpTransport>> = {
  stdio: 'stdio',
  http: 'http',
  'streamable-http': 'http',
  streamable_http: 'http',
  streamableHttp: 'http',
  sse: 'sse',
};

/** The transport a `type` field names, or undefined for a value no client accepts. */
export const transportFromType = (type: string): McpTransport | undefined =>
  Object.hasOwn(TYPE_ALIASES, type) ? TYPE_ALIASES[type] : undefined;

/**
 * The transport an entry without `type` gets: stdio with a `command`; with a `url`, SSE when the path
 * ends in `/sse` and streamable HTTP otherwise (Cursor tries streamable HTTP first and falls back to SSE).
 */
export function inferTransport(entry: { command?: unknown; url?: unknown }): McpTransport | undefined {
  if (entry.command !== undefined) return 'stdio';
  if (typeof entry.url !== 'string') return undefined;
  const path = entry.url.replace(/[?#].*$/s, '').replace(/\/+$/, '');
  return path.toLowerCase().endsWith('/sse') ? 'sse' : 'http';
}

export function readServerEntry(name: string, raw: unknown, format: ConfigFormat): ReadEntryResult {
  if (!isRecord(raw)) return { ok: false, reason: 'the entry is not an object' };
  const notes: string[] = [];
  let transport: McpTransport | undefined;
  if (raw.type !== undefined) {
    transport = typeof raw.type === 'string' ? transportFromType(raw.type) : undefined;
    if (!transport) return { ok: false, reason: `unknown "type" ${JSON.stringify(raw.type)} (expected stdio, http or sse)` };
  } else {
    transport = inferTransport(raw);
    if (!transport) return { ok: false, reason: 'the entry has neither a "command" nor a "url"' };
    if (transport !== 'stdio' && format === 'claude-code') notes.push('Claude Code expects "type" ("http" or "sse") on an entry with a "url"');
    if (typeof raw.command === 'string' && raw.url !== undefined) notes.push('the entry has both "command" and "url"; it is read as stdio');
  }
  const server: McpServerConfig = { name, transport };
  const problems: string[] = [];
  const text = (field: string): string | undefined => {
    const value = raw[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    problems.push(`"${field}" is not a string`);
    return undefined;
  };
  if (transport === 'stdio') {
    server.command = text('command');
    if (!server.command) return { ok: false, reason: problems[0] ?? 'a stdio server needs a "command"' };
    const args = readArgs(raw.args, problems);
    if (args) server.args = args;
  } else {
    server.url = text('url');
    if (!server.url) return { ok: false, reason: problems[0] ?? `an ${transport} server needs a "url"` };
    const headers = readStringRecord('headers', raw.headers, problems, notes);
    if (headers) server.headers = headers;
  }
  const env = readStringRecord('env', raw.env, problems, notes);
  if (env) server.env = env;
  const cwd = text('cwd');
  if (cwd !== undefined) server.cwd = cwd;
  const envFile = text('envFile');
  if (envFile !== undefined) server.envFile = envFile;
  const timeoutField = TIMEOUT_FIELDS[format];
  const timeout = timeoutField ? raw[timeoutField] : undefined;
  if (typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0) server.timeoutMs = timeout;
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, server, notes };
}

function readArgs(value: unknown, problems: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every(isScalar)) {
    problems.push('"args" is not a list of strings');
    return undefined;
  }
  return value.map(String);
}

/** `env` or `headers`: numbers and booleans are read as strings; a null value (VS Code: unset it) is skipped. */
function readStringRecord(field: string, value: unknown, problems: string[], notes: string[]): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push(`"${field}" is not an object`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null) notes.push(`${field}.${key} is null and is left out`);
    else if (isScalar(item)) Object.defineProperty(out, key, { value: String(item), enumerable: true, writable: true, configurable: true });
    else problems.push(`"${field}.${key}" is not a string`);
  }
  return out;
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
