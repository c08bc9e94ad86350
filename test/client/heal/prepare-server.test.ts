/** prepareServer: the server as its client would start it, with references expanded, cwd resolved and envFile loaded. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareServer, workspaceOf, type McpServerConfig, type PrepareContext } from '@tapheal/client';

const HOME = '/home/ana';
const context = (extra: Partial<PrepareContext> = {}): PrepareContext => ({ env: {}, home: HOME, ...extra });

describe('prepareServer: Claude Code references', () => {
  it('expands ${VAR} and ${VAR:-default} from the environment', async () => {
    const server: McpServerConfig = {
      name: 'api',
      transport: 'stdio',
      command: '${TOOLS_DIR}/server',
      args: ['--token', '${API_TOKEN}', '--region=${REGION:-eu}', '--mode=${MODE:-dev}'],
      env: { KEY: '${API_TOKEN}' },
    };

    const { server: prepared, notes } = await prepareServer(server, context({ format: 'claude-code', env: { TOOLS_DIR: '/opt/tools', API_TOKEN: 'tok', MODE: 'prod' } }));

    expect(prepared.command).toBe('/opt/tools/server');
    expect(prepared.args).toEqual(['--token', 'tok', '--region=eu', '--mode=prod']);
    expect(prepared.env).toEqual({ KEY: 'tok' });
    expect(notes).toEqual([]);
  });

  it('takes the default for a variable set to an empty string', async () => {
    const server: McpServerConfig = { name: 'api', transport: 'http', url: 'https://${HOST:-api.example.com}/mcp' };

    const { server: prepared } = await prepareServer(server, context({ format: 'claude-code', env: { HOST: '' } }));

    expect(prepared.url).toBe('https://api.example.com/mcp');
  });

  it('keeps an unset ${VAR} without a default as written, with one note', async () => {
    const server: McpServerConfig = { name: 'api', transport: 'http', url: 'https://api.example.com/mcp', headers: { Authorization: 'Bearer ${API_TOKEN}', 'X-Again': '${API_TOKEN}' } };

    const { server: prepared, notes } = await prepareServer(server, context({ format: 'claude-code' }));

    expect(prepared.headers).toEqual({ Authorization: 'Bearer ${API_TOKEN}', 'X-Again': '${API_TOKEN}' });
    expect(notes).toEqual(['API_TOKEN is not set in your environment']);
  });

  it('does not change the config it was given', async () => {
    const server: McpServerConfig = { name: 'api', transport: 'stdio', command: 'npx', args: ['${PKG}'], env: { A: '${A}' } };
    const before = structuredClone(server);

    await prepareServer(server, context({ format: 'claude-code', env: { PKG: 'x', A: 'y' } }));

    expect(server).toEqual(before);
  });
});

describe('prepareServer: VS Code references', () => {
  it('replaces an unset ${env:VAR} with an empty string, as VS Code does, and notes it', async () => {
    const server: McpServerConfig = { name: 'gh', transport: 'stdio', command: 'npx', env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}', SET: '${env:SET_ONE}' } };

    const { server: prepared, notes } = await prepareServer(server, context({ format: 'vscode', env: { SET_ONE: 'v' } }));

    expect(prepared.env).toEqual({ GITHUB_TOKEN: '', SET: 'v' });
    expect(notes).toEqual(['GITHUB_TOKEN is not set in your environment']);
  });

  it('leaves a bare ${VAR}, which VS Code does not read from the environment', async () => {
    const server: McpServerConfig = { name: 'gh', transport: 'stdio', command: 'npx', args: ['${GITHUB_TOKEN}'] };

    const { server: prepared, notes } = await prepareServer(server, context({ format: 'vscode', env: { GITHUB_TOKEN: 'tok' } }));

    expect(prepared.args).toEqual(['${GITHUB_TOKEN}']);
    expect(notes).toEqual([]);
  });

  it('keeps ${input:id} as written and says only VS Code can ask for it, once', async () => {
    const server: McpServerConfig = { name: 'gh', transport: 'http', url: 'https://api.example.com/mcp', headers: { Authorization: 'Bearer ${input:token}', 'X-Copy': '${input:token}' } };

    const { server: prepared, notes } = await prepareServer(server, context({ format: 'vscode' }));

    expect(prepared.headers).toEqual(server.headers);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^\$\{input:token\} is asked for by VS Code/);
  });

  it('expands ${workspaceFolder} and ${userHome}', async () => {
    const server: McpServerConfig = { name: 'fs', transport: 'stdio', command: 'npx', args: ['server-filesystem', '${workspaceFolder}/docs', '${userHome}/notes'] };

    const { server: prepared } = await prepareServer(server, context({ format: 'vscode', configFile: '/home/ana/proj/.vscode/mcp.json' }));

    expect(prepared.args).toEqual(['server-filesystem', '/home/ana/proj/docs', '/home/ana/notes']);
  });

  it('keeps ${workspaceFolder} when the config belongs to no workspace', async () => {
    const server: McpServerConfig = { name: 'fs', transport: 'stdio', command: 'npx', args: ['${workspaceFolder}'] };

    const { server: prepared } = await prepareServer(server, context({ format: 'vscode', configFile: '/home/ana/.config/Code/User/mcp.json' }));

    expect(prepared.args).toEqual(['${workspaceFolder}']);
  });
});

describe('prepareServer: working directory', () => {
  const server: McpServerConfig = { name: 'local', transport: 'stdio', command: 'node', args: ['index.js'], cwd: 'server' };

  it.each([
    ['/home/ana/proj/.vscode/mcp.json', 'vscode', '/home/ana/proj/server'],
    ['/home/ana/proj/.mcp.json', 'claude-code', '/home/ana/proj/server'],
    ['/home/ana/proj/.cursor/mcp.json', 'cursor', '/home/ana/proj/server'],
  ] as const)('resolves a relative cwd against the workspace of %s', async (configFile, format, cwd) => {
    const { server: prepared } = await prepareServer(server, context({ format, configFile }));

    expect(prepared.cwd).toBe(cwd);
  });

  it('keeps an absolute cwd', async () => {
    const { server: prepared } = await prepareServer({ ...server, cwd: '/srv/app' }, context({ format: 'vscode', configFile: '/home/ana/proj/.vscode/mcp.json' }));

    expect(prepared.cwd).toBe('/srv/app');
  });

  it('keeps a relative cwd when the config belongs to no workspace', async () => {
    const { server: prepared } = await prepareServer(server, context({ format: 'claude-desktop', configFile: '/home/ana/.config/Claude/claude_desktop_config.json' }));

    expect(prepared.cwd).toBe('server');
  });
});

describe('workspaceOf', () => {
  it.each([
    ['/home/ana/proj/.vscode/mcp.json', '/home/ana/proj'],
    ['/home/ana/proj/.cursor/mcp.json', '/home/ana/proj'],
    ['/home/ana/proj/.mcp.json', '/home/ana/proj'],
    ['/home/ana/.claude.json', undefined],
    ['/home/ana/.config/Claude/claude_desktop_config.json', undefined],
    [undefined, undefined],
  ])('%s belongs to %s', (file, workspace) => {
    expect(workspaceOf(file)).toBe(workspace);
  });

  it("reads Cursor's global config in the home directory as no workspace", () => {
    expect(workspaceOf('/home/ana/.cursor/mcp.json', '/home/ana')).toBeUndefined();
    expect(workspaceOf('/home/ana/proj/.cursor/mcp.json', '/home/ana')).toBe('/home/ana/proj');
  });
});

describe('prepareServer: envFile', () => {
  let dir: string;
  let configFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tapheal-prepare-'));
    await mkdir(join(dir, '.vscode'));
    configFile = join(dir, '.vscode', 'mcp.json');
    await writeFile(join(dir, '.env'), '# secrets\nAPI_KEY=from-file\nREGION="eu-west"\nSHARED=file\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads a relative envFile from the workspace, under the env entries', async () => {
    const server: McpServerConfig = { name: 'api', transport: 'stdio', command: 'node', envFile: '.env', env: { SHARED: 'env-wins', OWN: '1' } };

    const { server: prepared, notes } = await prepareServer(server, context({ format: 'vscode', configFile }));

    expect(prepared.env).toEqual({ API_KEY: 'from-file', REGION: 'eu-west', SHARED: 'env-wins', OWN: '1' });
    expect(notes).toEqual([]);
  });

  it('loads an envFile named with ${workspaceFolder} into a server without env', async () => {
    const server: McpServerConfig = { name: 'api', transport: 'stdio', command: 'node', envFile: '${workspaceFolder}/.env' };

    const { server: prepared } = await prepareServer(server, context({ format: 'vscode', configFile }));

    expect(prepared.env).toEqual({ API_KEY: 'from-file', REGION: 'eu-west', SHARED: 'file' });
  });

  it('notes an envFile it cannot read and tests with the env entries alone', async () => {
    const server: McpServerConfig = { name: 'api', transport: 'stdio', command: 'node', envFile: 'missing.env', env: { OWN: '1' } };

    const { server: prepared, notes } = await prepareServer(server, context({ format: 'vscode', configFile }));

    expect(prepared.env).toEqual({ OWN: '1' });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(join(dir, 'missing.env'));
    expect(notes[0]).toContain('ENOENT');
  });
});
