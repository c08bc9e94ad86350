/**
 * The failures tapheal does not change a config for (report_only, and free_port and
 * clear_package_cache, which would act on the machine rather than the config): stop at once with an
 * instruction specific to the category and to what the evidence shows.
 */
import type { McpServerConfig } from '../../config/mcp-server-config.js';
import { launcherName } from '../launcher-name.js';
import { cannotFix, type FixContext, type FixProposal } from '../fix-proposal.js';

export function reportOnly(context: FixContext): FixProposal {
  return cannotFix(instructionFor(context));
}

function instructionFor({ server, diagnosis, failure, facts }: FixContext): string {
  const launcher = server.command ? launcherName(server.command) : undefined;
  const runIt = commandLine(server);
  switch (diagnosis.category) {
    case 'transport_mismatch':
      return server.transport === 'stdio'
        ? 'The server writes text that is not MCP to stdout. A stdio server may write only protocol messages there: check that the command and args start the MCP server itself (often an "mcp", "serve" or "--stdio" argument), and that its logs go to stderr.'
        : 'The server and the client disagree on the transport: check the server documentation for its MCP URL and whether it speaks streamable HTTP or SSE.';
    case 'module_not_found':
      return launcher === 'npx'
        ? `A package is missing or its npx cache is broken: check the package name and version in args, then clear the npx cache (${facts.platform === 'win32' ? 'rd /s /q %LocalAppData%\\npm-cache\\_npx' : 'rm -rf ~/.npm/_npx'}) and run tapheal check again.`
        : launcher === 'uvx' || launcher === 'uv'
          ? 'A package is missing or its uv cache is broken: check the package name in args, then run uv cache clean and tapheal check again.'
          : 'A module or package the server needs is missing: install the server\'s dependencies (see its README), then run tapheal check again.';
    case 'port_in_use': {
      const port = portIn(diagnosis.evidence);
      const find = facts.platform === 'win32' ? `netstat -ano | findstr :${port ?? 'PORT'}` : `lsof -nP -iTCP:${port ?? 'PORT'} -sTCP:LISTEN`;
      return `Another process holds ${port ? `port ${port}` : 'the port the server needs'}: find it with ${find} and stop it, or configure the server to use another port.`;
    }
    case 'runtime_version':
      return 'The server needs another runtime version than the one it starts with: install the version it names and point the server\'s command at it.';
    case 'permission_denied':
      return 'The server was refused access to a file or directory: check the path in the evidence line, that you own it, and that the server is allowed to use it.';
    case 'network_error':
      return 'The network failed between the server and a service it uses (DNS, proxy, TLS): check your connection and proxy settings, then run tapheal check again.';
    case 'server_crashed':
      return `The server exited${failure.exitCode === null ? '' : ` with code ${failure.exitCode}`}${failure.signal ? ` (${failure.signal})` : ''} before it answered. Run it yourself to see all its output: ${runIt}`;
    case 'timeout':
      return 'The server did not answer in time, even with a longer wait: run it yourself to see whether it starts at all, then run tapheal check with a larger --timeout.';
    default:
      return runIt === '' ? 'tapheal has no fix for this failure: see the evidence line and the server\'s documentation.' : `tapheal has no fix for this failure: see the evidence line, and run the server yourself to see all its output: ${runIt}`;
  }
}

/** The server's command line, quoted for a POSIX shell, for a person to run it by hand. */
function commandLine(server: McpServerConfig): string {
  if (server.transport !== 'stdio' || !server.command) return '';
  const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);
  return [server.command, ...(server.args ?? [])].map(quote).join(' ');
}

/**
 * The port a bind failure names: `port 3000`, the address after EADDRINUSE (`:::3000`,
 * `127.0.0.1:8000`), or a Python address tuple (`('127.0.0.1', 8000)`). A clock (`[10:42:17]`) is not one.
 */
export function portIn(evidence: string): string | undefined {
  return (
    /\bport\s*:?\s*(\d{2,5})\b/i.exec(evidence)?.[1] ??
    /\bEADDRINUSE\b[^\n]*?(?:[\w\].]|^|\s):+(\d{2,5})\b(?![:\d])/.exec(evidence)?.[1] ??
    /\(\s*'[^']*'\s*,\s*(\d{2,5})\s*\)/.exec(evidence)?.[1]
  );
}
