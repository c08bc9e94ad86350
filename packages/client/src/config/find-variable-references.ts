/** Finds the `${...}` references in a server's values, so the heal loop can name them without resolving them. */
import type { ConfigFormat, McpServerConfig, VariableReference } from './mcp-server-config.js';

const REFERENCE = /\$\{([^}]*)\}/g;
const BARE_NAME = /^([A-Za-z_][A-Za-z0-9_]*)(?::-.*)?$/s;
/** Variables the editors predefine; everything else bare is an environment variable where the format expands those. */
const PREDEFINED = new Set(['workspaceFolder', 'workspaceFolderBasename', 'userHome', 'pathSeparator', 'cwd', 'file', '/']);

export function findVariableReferences(server: McpServerConfig, format: ConfigFormat): VariableReference[] {
  const references: VariableReference[] = [];
  const scan = (field: string, value: string | undefined): void => {
    if (value === undefined) return;
    for (const match of value.matchAll(REFERENCE)) references.push(classify(match[1]!, field, format));
  };
  scan('command', server.command);
  server.args?.forEach((arg, index) => scan(`args[${index}]`, arg));
  for (const [key, value] of Object.entries(server.env ?? {})) scan(`env.${key}`, value);
  scan('cwd', server.cwd);
  scan('envFile', server.envFile);
  scan('url', server.url);
  for (const [key, value] of Object.entries(server.headers ?? {})) scan(`headers.${key}`, value);
  return references;
}

function classify(inner: string, field: string, format: ConfigFormat): VariableReference {
  if (inner.startsWith('input:')) return { kind: 'input', name: inner.slice('input:'.length), field };
  if (inner.startsWith('env:')) return { kind: 'env', name: inner.slice('env:'.length), field };
  const bare = BARE_NAME.exec(inner);
  // Claude Code expands ${VAR} and ${VAR:-default} from the environment; the editors keep bare names for their own variables.
  if (bare && format === 'claude-code' && !PREDEFINED.has(bare[1]!)) return { kind: 'env', name: bare[1]!, field };
  return { kind: 'variable', name: inner, field };
}
