/**
 * The normalised model of one MCP server, whatever client config it came from, and of a config
 * file as read. A server keeps a handle (`path`) to the entry it came from, so a healed server can be
 * written back into the original object without disturbing what tapheal does not understand.
 */

export const CONFIG_FORMATS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

export const MCP_TRANSPORTS = ['stdio', 'http', 'sse'] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

export interface McpServerConfig {
  /** The server's key in the config file. */
  name: string;
  transport: McpTransport;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** VS Code: a file of variables loaded into the server's environment. */
  envFile?: string;
  url?: string;
  headers?: Record<string, string>;
  /** Only where the format has a per-server timeout (see TIMEOUT_FIELDS). */
  timeoutMs?: number;
}

/**
 * A `${...}` reference in a value. The config keeps it as written: tapheal never resolves one into
 * the file (VS Code resolves `${input:...}` from a prompt, `${env:...}` and Claude Code's `${VAR}`
 * from the environment at start-up).
 */
export interface VariableReference {
  /** `input` (VS Code's `${input:id}`), `env` (`${env:NAME}`, `${NAME}`, `${NAME:-default}`), or another variable (`${workspaceFolder}`). */
  kind: 'input' | 'env' | 'variable';
  name: string;
  /** Where it is: `env.GITHUB_TOKEN`, `args[2]`, `headers.Authorization`, `url`, ... */
  field: string;
}

/** A location in the file: the object keys from the root to the server's entry. */
export type EntryPath = readonly string[];

export interface ServerEntry {
  server: McpServerConfig;
  path: EntryPath;
  references: VariableReference[];
  /** What the client itself would object to, or what tapheal had to assume (one sentence each). */
  notes: string[];
}

/** An entry tapheal could not read as a server; it is left as it is in the file. */
export interface InvalidEntry {
  name: string;
  path: EntryPath;
  reason: string;
}

/** One of VS Code's `inputs`: a value VS Code prompts for and keeps, referenced as `${input:id}`. */
export interface ConfigInput {
  id: string;
  type: string;
  description?: string;
  password?: boolean;
}

export interface ConfigFile {
  file: string;
  format: ConfigFormat;
  /** How the format was chosen. */
  detectedBy: 'option' | 'name' | 'shape';
  /** The text as read; writing splices into it. */
  text: string;
  servers: ServerEntry[];
  invalid: InvalidEntry[];
  inputs: ConfigInput[];
  /** JSONC features found (VS Code allows them). Writing keeps them: edits are spliced into the text. */
  jsonc: { comments: boolean; trailingCommas: boolean };
}

/**
 * The field holding a per-server timeout in milliseconds, where the format has one. Claude Code's
 * `timeout` bounds each tool call; Claude Desktop, Cursor and VS Code document none, so a longer
 * timeout cannot be recorded there.
 */
export const TIMEOUT_FIELDS: Readonly<Record<ConfigFormat, string | undefined>> = {
  'claude-desktop': undefined,
  'claude-code': 'timeout',
  cursor: undefined,
  vscode: undefined,
};

/** Where the servers live in a file of each format (Claude Code's `~/.claude.json` also has per-project ones). */
export const SERVERS_KEYS: Readonly<Record<ConfigFormat, string>> = {
  'claude-desktop': 'mcpServers',
  'claude-code': 'mcpServers',
  cursor: 'mcpServers',
  vscode: 'servers',
};
