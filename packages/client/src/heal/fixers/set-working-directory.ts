/**
 * permission_denied: a GUI client starts servers in `/` (or another directory the person does not own),
 * so a server writing to a relative path is refused. With no cwd set, run it from the home directory.
 */
import { cannotFix, type FixContext, type FixProposal } from '../fix-proposal.js';

export function setWorkingDirectory({ server, facts }: FixContext): FixProposal {
  if (server.transport !== 'stdio') return cannotFix('The server refused access to a file: check the permissions of the path in the evidence line on the server side.');
  if (server.cwd !== undefined) {
    return cannotFix(`The server was refused access to a file while running in ${server.cwd}: check that you own that directory and the path in the evidence line (ls -l), or allow the path in the server's arguments.`);
  }
  return {
    kind: 'apply',
    server: { ...server, cwd: facts.home },
    changes: [{ field: 'cwd', description: `run the server from your home directory (${facts.home}) instead of the client's` }],
  };
}
