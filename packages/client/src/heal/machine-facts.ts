/**
 * What the fixers know about the machine. Gathered at the edge (gather-facts.ts) before a fixer runs,
 * so every fixer stays a pure function of (server config, diagnosis, facts).
 */

export interface FoundVariable {
  value: string;
  /** Where it was found, for the person: `your environment`, a .env file's path, or `your input`. */
  source: string;
}

/**
 * What answered at one endpoint variant, probed without the MCP client: `mcp` when a POST of initialize
 * got JSON or an event stream (streamable HTTP) or a GET got an event stream (SSE).
 */
export interface EndpointProbe {
  transport: 'http' | 'sse';
  url: string;
  answer: 'mcp' | 'auth_required' | 'not_found' | 'other' | 'unreachable';
  status?: number;
}

export interface NodeRuntime {
  /** `22.11.0` */
  version: string;
  /** The directory holding `node` and `npx`. */
  binDir: string;
}

export interface MachineFacts {
  platform: NodeJS.Platform;
  home: string;
  /** The PATH a login shell of the user has: what a GUI-launched client does not see. */
  loginPath: string[];
  /** For each command asked about: its absolute path outside the client's PATH, or null when nowhere. */
  commands: Record<string, string | null>;
  /** For each variable asked about and found. Values are never printed or sent. */
  variables: Record<string, FoundVariable>;
  /** The variables asked about and not found anywhere. */
  missingVariables: string[];
  /** URL variants probed for an HTTP or SSE server. */
  endpoints: EndpointProbe[];
  /** Whether anything accepts TCP connections on the server URL's host and port. */
  portListening?: boolean;
  /** Node.js versions installed by version managers, newest first. */
  nodeRuntimes: NodeRuntime[];
}

export function emptyFacts(platform: NodeJS.Platform, home: string): MachineFacts {
  return { platform, home, loginPath: [], commands: {}, variables: {}, missingVariables: [], endpoints: [], nodeRuntimes: [] };
}
