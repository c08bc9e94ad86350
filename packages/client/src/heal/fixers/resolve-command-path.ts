/**
 * command_not_found: the launcher is installed where a GUI-launched client cannot see it (nvm, volta,
 * Homebrew, ~/.local/bin, ...). Writes its absolute path, and for a Node.js launcher also a PATH that
 * holds the node beside it (npx's `#!/usr/bin/env node` needs one). On Windows, npx and friends are
 * `.cmd` scripts that only start through `cmd /c`.
 */
import { posix, win32 } from 'node:path';
import { cannotFix, type ConfigChange, type FixContext, type FixProposal } from '../fix-proposal.js';
import { installHint, WINDOWS_CMD_SCRIPTS } from '../install-hints.js';

/** The directories a server's PATH keeps after the one a fix puts first. */
const SYSTEM_PATH: Readonly<Record<'posix' | 'win32', string>> = {
  posix: '/usr/local/bin:/usr/bin:/bin',
  win32: 'C:\\Windows\\system32;C:\\Windows',
};

export function resolveCommandPath({ server, facts }: FixContext): FixProposal {
  if (server.transport !== 'stdio' || !server.command) return cannotFix('This server is not started by a command; check its url instead.');
  const path = facts.platform === 'win32' ? win32 : posix;
  const command = server.command;
  const name = path.basename(command);

  // Wrapped only when the script is installed: otherwise the install hint below is what helps.
  if (facts.platform === 'win32' && WINDOWS_CMD_SCRIPTS.has(name.toLowerCase()) && !/\.(?:cmd|exe|bat)$/i.test(name) && facts.commands[name]) {
    return {
      kind: 'apply',
      server: { ...server, command: 'cmd', args: ['/c', command, ...(server.args ?? [])] },
      changes: [{ field: 'command', description: `start ${command} through "cmd /c", as Windows needs for .cmd scripts` }],
    };
  }

  const found = facts.commands[name];
  if (found && found !== command) {
    const changes: ConfigChange[] = [{ field: 'command', description: `use the absolute path ${found}` }];
    let env = server.env;
    const binDir = path.dirname(found);
    if (facts.nodeRuntimes.some((runtime) => runtime.binDir === binDir) && !server.env?.PATH) {
      const separator = facts.platform === 'win32' ? ';' : ':';
      env = { ...server.env, PATH: `${binDir}${separator}${facts.platform === 'win32' ? SYSTEM_PATH.win32 : SYSTEM_PATH.posix}` };
      changes.push({ field: 'env.PATH', description: `put ${binDir} first on the server's PATH, so ${name} finds the node beside it` });
    }
    return { kind: 'apply', server: { ...server, command: found, ...(env ? { env } : {}) }, changes };
  }

  const where = path.isAbsolute(command) ? `${command} does not exist or cannot be run` : `"${command}" is not installed anywhere tapheal looked (your login shell's PATH and the usual version-manager directories)`;
  const hint = installHint(name, facts.platform);
  return cannotFix(hint ? `${where}: ${hint}. Then run tapheal check again.` : `${where}: install the program that provides "${name}", or write its absolute path as the server's command.`);
}
