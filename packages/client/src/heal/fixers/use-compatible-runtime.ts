/**
 * runtime_version: the server needs a newer Node.js than the one the client finds. When a version
 * manager holds one that satisfies it, point the server's launcher at it and put it first on its PATH.
 */
import { posix, win32 } from 'node:path';
import { launcherName } from '../launcher-name.js';
import { cannotFix, type FixContext, type FixProposal } from '../fix-proposal.js';

const NODE_LAUNCHERS = new Set(['node', 'npx', 'npm']);
const REQUIRED_NODE = [
  /\bnode(?:\.js)?\b[^\n]{0,40}?(?:>=|≥|at least|or (?:newer|later|higher)\W*?)\s*v?(\d{1,2})/i,
  /\brequires? node(?:\.js)?\s*v?(\d{1,2})(?:\.\d+)*\s*(?:\+|or (?:newer|later|higher))/i,
  /\bwanted: \{[^}]*"?node"?:\s*"?>=?\s*v?(\d{1,2})/i,
  /\bexpected (?:version )?"?>=?\s*v?(\d{1,2})[^"\n]*"?[^\n]{0,20}\bgot "?v?\d/i,
  // `Node.js 20+ is required`, `Node.js v18.0.0 or higher is required`, `Node.js version 20 or newer`.
  /\bnode(?:\.js)?\s+(?:version\s+)?v?(\d{1,2})(?:\.\d+)*\s*(?:\+|or (?:newer|later|higher|above))/i,
  // `requires at least Node.js 20`, `requires Node.js version 20`.
  /\brequires? (?:at least )?node(?:\.js)?\s+(?:version\s+)?v?(\d{1,2})\b/i,
];

/** The Node.js major version the evidence asks for, when it says. */
export function requiredNodeMajor(evidence: string): number | undefined {
  for (const pattern of REQUIRED_NODE) {
    const match = pattern.exec(evidence);
    if (match) return Number(match[1]);
  }
  return undefined;
}

export function useCompatibleRuntime({ server, diagnosis, failure, facts }: FixContext): FixProposal {
  // npm's EBADENGINE warning spans several lines, and the evidence is only one of them.
  const required = requiredNodeMajor(diagnosis.evidence) ?? requiredNodeMajor(failure.stderr);
  const path = facts.platform === 'win32' ? win32 : posix;
  const launcher = server.command ? launcherName(server.command) : undefined;
  if (server.transport !== 'stdio' || !launcher || !NODE_LAUNCHERS.has(launcher)) {
    return cannotFix(`The server needs a different runtime than the one it starts with (see the evidence line): install the version it asks for and point the server's command at it.`);
  }
  const runtime = facts.nodeRuntimes.find((candidate) => required === undefined || Number(candidate.version.split('.')[0]) >= required);
  if (!runtime || required === undefined) {
    return cannotFix(
      required === undefined
        ? 'The server needs another Node.js version: install the one its documentation names (for example with nvm install --lts), then run tapheal check again.'
        : `The server needs Node.js ${required} or newer and none is installed: install it (for example nvm install ${required}), then run tapheal check again.`,
    );
  }
  const separator = facts.platform === 'win32' ? ';' : ':';
  const command = path.join(runtime.binDir, facts.platform === 'win32' && launcher !== 'node' ? `${launcher}.cmd` : launcher);
  return {
    kind: 'apply',
    server: { ...server, command, env: { ...server.env, PATH: `${runtime.binDir}${separator}${server.env?.PATH ?? (facts.platform === 'win32' ? 'C:\\Windows\\system32' : '/usr/local/bin:/usr/bin:/bin')}` } },
    changes: [
      { field: 'command', description: `use ${launcher} from Node.js ${runtime.version} (${command})` },
      { field: 'env.PATH', description: `put Node.js ${runtime.version} first on the server's PATH` },
    ],
  };
}
