/**
 * The failure taxonomy and the closed set of fix kinds, as data.
 *
 * Categories are open: the trainer and maintainers can add new ones to a pack, and a client treats a
 * category id it does not know as a diagnosis without a fix. Fix kinds are closed: a pack can only name
 * one of these, and the client implements each of them itself, so a pack can never make a client run code.
 */

export const FIX_KINDS = [
  'resolve_command_path',
  'set_env_from_user',
  'increase_timeout',
  'switch_transport',
  'try_alternate_url',
  'free_port',
  'clear_package_cache',
  'use_compatible_runtime',
  'set_working_directory',
  'use_system_certificates',
  'retry',
  'report_only',
] as const;

export type FixKind = (typeof FIX_KINDS)[number];

export const FIX_DESCRIPTIONS: Readonly<Record<FixKind, string>> = {
  resolve_command_path: 'Find the command where a GUI-launched client cannot see it and write its absolute path.',
  set_env_from_user: "Take the named variable from the user's environment or a .env file and put it in the server's env.",
  increase_timeout: 'Retry with a longer timeout, and record it where the config format has one.',
  switch_transport: 'Switch between streamable HTTP and SSE, or between HTTP and stdio entries.',
  try_alternate_url: 'Try the URL variants servers commonly use (/mcp, /sse, 127.0.0.1 for localhost).',
  free_port: 'Pick a free port for the server, or name the process that holds the port.',
  clear_package_cache: 'Clear the npx or uv cache entry for the package and reinstall it.',
  use_compatible_runtime: 'Point the server at a Node.js or Python version that satisfies the package.',
  set_working_directory: 'Run the server from a writable working directory the user owns.',
  use_system_certificates: "Make the launcher trust the system's certificate store (corporate proxies, self-signed CAs).",
  retry: 'Retry once as it is: the failure may be transient.',
  report_only: 'No safe automatic fix: explain what failed and what to do.',
};

export const BASE_CATEGORY_IDS = [
  'command_not_found',
  'connection_refused',
  'timeout',
  'auth_failed',
  'missing_env_var',
  'transport_mismatch',
  'permission_denied',
  'module_not_found',
  'runtime_version',
  'port_in_use',
  'network_error',
  'server_crashed',
  'unknown',
] as const;

export type BaseCategoryId = (typeof BASE_CATEGORY_IDS)[number];

export interface Category {
  id: string;
  title: string;
  description: string;
  fixes: readonly FixKind[];
}

export const BASE_TAXONOMY: readonly Category[] = [
  {
    id: 'command_not_found',
    title: 'Command not found',
    description: 'The launcher (npx, uvx, node, docker, ...) or its path cannot be found or executed as a program.',
    fixes: ['resolve_command_path', 'report_only'],
  },
  {
    id: 'connection_refused',
    title: 'Connection refused',
    description: 'Nothing accepts connections at the server URL (ECONNREFUSED, server not running, wrong host).',
    fixes: ['try_alternate_url', 'switch_transport', 'report_only'],
  },
  {
    id: 'timeout',
    title: 'Timed out',
    description: 'The server did not answer a request or the handshake within the client timeout.',
    fixes: ['increase_timeout', 'retry', 'report_only'],
  },
  {
    id: 'auth_failed',
    title: 'Authentication failed',
    description: 'The endpoint rejected the credentials: HTTP 401/403, invalid or missing token, OAuth client errors.',
    fixes: ['set_env_from_user', 'report_only'],
  },
  {
    id: 'missing_env_var',
    title: 'Missing environment variable',
    description: 'A required variable or config value is unset, or never reached the server process.',
    fixes: ['set_env_from_user', 'report_only'],
  },
  {
    id: 'transport_mismatch',
    title: 'Transport mismatch',
    description: 'Client and server disagree on the transport: SSE vs streamable HTTP, stdout pollution, session or Accept negotiation.',
    fixes: ['switch_transport', 'report_only'],
  },
  {
    id: 'permission_denied',
    title: 'Permission denied',
    description: 'The server was refused access to a file or directory (EACCES, EPERM, read-only file system, outside allowed dirs).',
    fixes: ['set_working_directory', 'report_only'],
  },
  {
    id: 'module_not_found',
    title: 'Module or package not found',
    description: 'A package, module, import or browser binary is missing or broken (stale npx cache, unpublished version).',
    fixes: ['clear_package_cache', 'report_only'],
  },
  {
    id: 'runtime_version',
    title: 'Runtime version',
    description: 'The Node.js or Python that runs the server is too old or too new for it.',
    fixes: ['use_compatible_runtime', 'report_only'],
  },
  {
    id: 'port_in_use',
    title: 'Port in use',
    description: 'The server or a callback listener cannot bind its port because another process holds it.',
    fixes: ['free_port', 'report_only'],
  },
  {
    id: 'network_error',
    title: 'Network error',
    description: 'The network path failed: TLS and certificate errors, DNS, proxies, resets.',
    fixes: ['use_system_certificates', 'retry', 'report_only'],
  },
  {
    id: 'server_crashed',
    title: 'Server exited',
    description: 'The server process exited or closed the connection and the message shows no more specific cause.',
    fixes: ['retry', 'report_only'],
  },
  {
    id: 'unknown',
    title: 'Unknown',
    description: 'A real failure that fits no other category (config syntax errors, wrong arguments, provider outages).',
    fixes: ['report_only'],
  },
];

/** Looks a category up in a taxonomy; an unknown id is a diagnosis without a fix. */
export function findCategory(taxonomy: readonly Category[], id: string): Category | undefined {
  return taxonomy.find((category) => category.id === id);
}
