/** set_env_from_user: a found variable goes into env (stdio) or replaces its reference (HTTP); values are never told. */
import { describe, expect, it } from 'vitest';
import { FIXERS, type ConfigFormat, type FoundVariable, type McpServerConfig } from '@tapheal/client';
import { applied, fixContext, nextStepOf } from './fix-context.js';

const setEnv = FIXERS.set_env_from_user;
const TOKEN = 'ghp_0123456789abcdefSECRET';

const context = (server: McpServerConfig, evidence: string, variables: Record<string, FoundVariable>, extra: { category?: string; format?: ConfigFormat } = {}) =>
  fixContext({
    server,
    category: extra.category ?? 'missing_env_var',
    fix: 'set_env_from_user',
    evidence,
    facts: { variables },
    ...(extra.format ? { format: extra.format } : {}),
  });

const github: McpServerConfig = { name: 'github', transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { LOG_LEVEL: 'debug' } };
const missingToken = 'Error: GITHUB_PERSONAL_ACCESS_TOKEN environment variable is required';

describe('set_env_from_user on a stdio server', () => {
  it('puts the variable the evidence names into env, keeping the other entries', () => {
    const proposal = applied(setEnv(context(github, missingToken, { GITHUB_PERSONAL_ACCESS_TOKEN: { value: TOKEN, source: 'your environment' } })));

    expect(proposal.server.env).toEqual({ LOG_LEVEL: 'debug', GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN });
    expect(proposal.server.command).toBe('npx');
    expect(proposal.changes).toEqual([{ field: 'env.GITHUB_PERSONAL_ACCESS_TOKEN', description: 'set GITHUB_PERSONAL_ACCESS_TOKEN from your environment (value not shown)' }]);
  });

  it('fills a placeholder left in env, naming the .env file it came from', () => {
    const server: McpServerConfig = { name: 'brave', transport: 'stdio', command: 'npx', env: { BRAVE_API_KEY: '<your-api-key>' } };

    const proposal = applied(setEnv(context(server, 'MCP error -32000: Connection closed', { BRAVE_API_KEY: { value: 'BSA-secret', source: '/home/ana/.env' } })));

    expect(proposal.server.env).toEqual({ BRAVE_API_KEY: 'BSA-secret' });
    expect(proposal.changes[0]!.description).toBe('set BRAVE_API_KEY from /home/ana/.env (value not shown)');
  });

  it('does not count a variable whose found value is already the one in env as fixed', () => {
    const server: McpServerConfig = { ...github, env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN } };

    const proposal = setEnv(context(server, 'Error: GITHUB_PERSONAL_ACCESS_TOKEN is not set', { GITHUB_PERSONAL_ACCESS_TOKEN: { value: TOKEN, source: 'your environment' } }));

    expect(proposal.kind).toBe('cannot_fix');
  });
});

describe('set_env_from_user on an HTTP server', () => {
  it('replaces ${VAR}, ${env:VAR} and ${VAR:-default} in headers and the URL', () => {
    const server: McpServerConfig = {
      name: 'remote',
      transport: 'http',
      url: 'https://mcp.example.com/mcp?token=${env:API_TOKEN}',
      headers: { Authorization: 'Bearer ${API_TOKEN}', 'X-Team': '${TEAM_ID:-public}', Accept: 'application/json' },
    };
    const variables = { API_TOKEN: { value: 'tok-secret', source: 'your environment' }, TEAM_ID: { value: 'team-7', source: 'your input' } };

    const proposal = applied(setEnv(context(server, 'HTTP 401 Unauthorized', variables, { category: 'auth_failed', format: 'claude-code' })));

    expect(proposal.server).toEqual({
      name: 'remote',
      transport: 'http',
      url: 'https://mcp.example.com/mcp?token=tok-secret',
      headers: { Authorization: 'Bearer tok-secret', 'X-Team': 'team-7', Accept: 'application/json' },
    });
    expect(proposal.changes).toEqual([
      { field: 'headers.Authorization, url', description: 'set API_TOKEN from your environment (value not shown)' },
      { field: 'headers.X-Team', description: 'set TEAM_ID from your input (value not shown)' },
    ]);
  });

  it('does not put a variable into env of an HTTP server without a reference to it', () => {
    const server: McpServerConfig = { name: 'remote', transport: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer old' } };

    const proposal = setEnv(context(server, 'Error: API_TOKEN is not set', { API_TOKEN: { value: 'tok-secret', source: 'your environment' } }));

    expect(proposal.kind).toBe('cannot_fix');
  });
});

describe('set_env_from_user never tells a value', () => {
  it('keeps every found value out of every change description', () => {
    const server: McpServerConfig = { name: 'remote', transport: 'http', url: 'https://x.example/mcp?k=${env:KEY_A}', headers: { Authorization: 'Bearer ${env:KEY_B}' } };
    const variables = { KEY_A: { value: 'value-a-123', source: 'your environment' }, KEY_B: { value: 'value-b-456', source: 'your input' } };

    const proposal = applied(setEnv(context(server, 'HTTP 401', variables, { category: 'auth_failed', format: 'vscode' })));

    expect(proposal.changes).toHaveLength(2);
    const told = JSON.stringify(proposal.changes);
    expect(told).not.toContain('value-a-123');
    expect(told).not.toContain('value-b-456');
  });
});

describe('set_env_from_user when nothing is found', () => {
  it('names the variable, and for a GitHub token says what it looks like', () => {
    const nextStep = nextStepOf(setEnv(context(github, missingToken, {})));

    expect(nextStep).toMatch(/^Set GITHUB_PERSONAL_ACCESS_TOKEN and run tapheal check again/);
    expect(nextStep).toContain('--env-file');
    expect(nextStep).toContain('ghp_');
    expect(nextStep).toContain('github_pat_');
  });

  it('names every wanted variable, without describing one it does not know', () => {
    const server: McpServerConfig = { name: 'db', transport: 'stdio', command: 'uvx', env: { DB_PASSWORD: '' } };

    const nextStep = nextStepOf(setEnv(context(server, 'Error: DB_HOST is not set', {})));

    expect(nextStep).toMatch(/^Set DB_HOST or DB_PASSWORD and run tapheal check again/);
    expect(nextStep).not.toContain('should be');
  });

  it('says it cannot tell which credential when an auth failure names none', () => {
    const server: McpServerConfig = { name: 'remote', transport: 'http', url: 'https://mcp.example.com/mcp' };

    const nextStep = nextStepOf(setEnv(context(server, 'HTTP 401 Unauthorized', {}, { category: 'auth_failed' })));

    expect(nextStep).toMatch(/cannot tell which ones/);
  });

  it('says it cannot name the setting when a missing variable is not named', () => {
    const server: McpServerConfig = { name: 's', transport: 'stdio', command: 'node', args: ['server.js'] };

    const nextStep = nextStepOf(setEnv(context(server, 'API key is required', {})));

    expect(nextStep).toMatch(/cannot name/);
  });
});
