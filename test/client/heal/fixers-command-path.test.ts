/** resolve_command_path: the launcher found outside the client's PATH, a Node.js bin dir, install hints, Windows .cmd scripts. */
import { describe, expect, it } from 'vitest';
import { FIXERS, type McpServerConfig } from '@tapheal/client';
import { applied, fixContext, nextStepOf } from './fix-context.js';

const resolve = FIXERS.resolve_command_path;
const NVM_BIN = '/Users/ana/.nvm/versions/node/v22.11.0/bin';
const github: McpServerConfig = { name: 'github', transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] };

const context = (server: McpServerConfig, facts: Parameters<typeof fixContext>[0]['facts'] = {}) =>
  fixContext({ server, category: 'command_not_found', fix: 'resolve_command_path', evidence: `spawn ${server.command} ENOENT`, facts });

describe('resolve_command_path', () => {
  it('writes the absolute path found outside the client PATH', () => {
    const server: McpServerConfig = { name: 'git', transport: 'stdio', command: 'uvx', args: ['mcp-server-git'] };

    const proposal = applied(resolve(context(server, { platform: 'darwin', commands: { uvx: '/Users/ana/.local/bin/uvx' } })));

    expect(proposal.server).toEqual({ ...server, command: '/Users/ana/.local/bin/uvx' });
    expect(proposal.changes).toEqual([{ field: 'command', description: 'use the absolute path /Users/ana/.local/bin/uvx' }]);
  });

  it('puts the Node.js bin dir first on PATH when the launcher lives beside a version-managed node', () => {
    const facts = { platform: 'darwin' as const, commands: { npx: `${NVM_BIN}/npx` }, nodeRuntimes: [{ version: '22.11.0', binDir: NVM_BIN }] };

    const proposal = applied(resolve(context({ ...github, env: { GITHUB_TOKEN: 't' } }, facts)));

    expect(proposal.server.command).toBe(`${NVM_BIN}/npx`);
    expect(proposal.server.args).toEqual(github.args);
    expect(proposal.server.env).toEqual({ GITHUB_TOKEN: 't', PATH: `${NVM_BIN}:/usr/local/bin:/usr/bin:/bin` });
    expect(proposal.changes.map((change) => change.field)).toEqual(['command', 'env.PATH']);
  });

  it("keeps a PATH the server's env already sets", () => {
    const facts = { platform: 'linux' as const, commands: { npx: `${NVM_BIN}/npx` }, nodeRuntimes: [{ version: '22.11.0', binDir: NVM_BIN }] };

    const proposal = applied(resolve(context({ ...github, env: { PATH: '/custom/bin' } }, facts)));

    expect(proposal.server.env).toEqual({ PATH: '/custom/bin' });
    expect(proposal.changes.map((change) => change.field)).toEqual(['command']);
  });

  it.each([
    ['npx', 'darwin', 'brew install node'],
    ['npx', 'linux', "your distribution's nodejs package"],
    ['uvx', 'darwin', 'brew install uv'],
    ['uvx', 'linux', 'curl -LsSf https://astral.sh/uv/install.sh | sh'],
    ['uvx', 'win32', 'winget install astral-sh.uv'],
    ['docker', 'darwin', 'Docker Desktop'],
    ['docker', 'linux', 'https://docs.docker.com/engine/install/'],
    ['docker', 'win32', 'Docker Desktop'],
  ] as const)('tells how to install %s on %s when it is nowhere', (command, platform, hint) => {
    const nextStep = nextStepOf(resolve(context({ name: 's', transport: 'stdio', command, args: [] }, { platform, commands: { [command]: null } })));

    expect(nextStep).toContain(`"${command}" is not installed anywhere tapheal looked`);
    expect(nextStep).toContain(hint);
    expect(nextStep).toMatch(/Then run tapheal check again\.$/);
  });

  it('gives only the install hint of its own platform', () => {
    const nextStep = nextStepOf(resolve(context({ name: 's', transport: 'stdio', command: 'uvx' }, { platform: 'linux' })));

    expect(nextStep).not.toContain('winget');
    expect(nextStep).not.toContain('brew');
  });

  it('asks for the program or an absolute path for a command it has no hint for', () => {
    const nextStep = nextStepOf(resolve(context({ name: 's', transport: 'stdio', command: 'weather-mcp' })));

    expect(nextStep).toContain('install the program that provides "weather-mcp", or write its absolute path');
  });

  it('on Windows, starts an installed npx through "cmd /c" with its arguments after it', () => {
    const proposal = applied(resolve(context(github, { platform: 'win32', commands: { npx: 'C:\\Program Files\\nodejs\\npx.cmd' } })));

    expect(proposal.server).toEqual({ ...github, command: 'cmd', args: ['/c', 'npx', '-y', '@modelcontextprotocol/server-github'] });
    expect(proposal.changes).toEqual([{ field: 'command', description: expect.stringContaining('"cmd /c"') }]);
  });

  it('on Windows, gives the Node.js install hint instead of wrapping an npx that is not installed', () => {
    const proposal = resolve(context(github, { platform: 'win32', commands: { npx: null } }));

    expect(proposal).toMatchObject({ kind: 'cannot_fix', nextStep: expect.stringContaining('winget install OpenJS.NodeJS.LTS') });
  });

  it('on Windows, does not wrap a command that already names npx.cmd', () => {
    const server: McpServerConfig = { ...github, command: 'npx.cmd' };

    const proposal = resolve(context(server, { platform: 'win32', commands: { 'npx.cmd': 'C:\\Program Files\\nodejs\\npx.cmd' } }));

    expect(applied(proposal).server.command).toBe('C:\\Program Files\\nodejs\\npx.cmd');
  });

  it('says an absolute command does not exist instead of proposing the same path', () => {
    const server: McpServerConfig = { name: 'local', transport: 'stdio', command: '/opt/tools/bin/server' };

    const nextStep = nextStepOf(resolve(context(server, { commands: { server: '/opt/tools/bin/server' } })));

    expect(nextStep).toContain('/opt/tools/bin/server does not exist or cannot be run');
  });

  it('cannot fix a server that has a URL instead of a command', () => {
    const proposal = resolve(context({ name: 'remote', transport: 'http', url: 'https://mcp.example.com/mcp' }));

    expect(nextStepOf(proposal)).toMatch(/not started by a command/);
  });
});
