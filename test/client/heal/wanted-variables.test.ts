/** wantedVariables: the variables a failing server wants, from the evidence first, then from its config. */
import { describe, expect, it } from 'vitest';
import { wantedVariables, type McpServerConfig } from '@tapheal/client';

const stdio = (env?: Record<string, string>): McpServerConfig => ({ name: 's', transport: 'stdio', command: 'npx', args: ['-y', 'server'], ...(env ? { env } : {}) });

describe('wantedVariables', () => {
  it.each([
    ['Error: GITHUB_PERSONAL_ACCESS_TOKEN environment variable is required', ['GITHUB_PERSONAL_ACCESS_TOKEN']],
    ["KeyError: 'OPENAI_API_KEY'", ['OPENAI_API_KEY']],
    ['Error: EXA_API_KEY environment variable is required', ['EXA_API_KEY']],
    ['EVERART_API_KEY environment variable is not set', ['EVERART_API_KEY']],
    ['Missing SLACK_BOT_TOKEN and SLACK_TEAM_ID', ['SLACK_BOT_TOKEN', 'SLACK_TEAM_ID']],
  ])('names the variables in "%s"', (evidence, names) => {
    expect(wantedVariables(stdio(), evidence, 'missing_env_var')).toEqual(names);
  });

  it.each([
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'zod'",
    'getaddrinfo EAI_AGAIN api.github.com',
    'MCP_ERROR_CODE 32000',
    'ERROR_ACCESS_DENIED',
    'Error: SSL_ERROR_SYSCALL',
    'write EPROTO TLS_ALERT_HANDSHAKE_FAILURE',
    'HTTP_401 from upstream',
    'uv error UV_ENOENT',
    'CONNECTION_FAILED',
    'FILE_NOT_FOUND',
  ])('takes no error code for a variable: "%s"', (evidence) => {
    expect(wantedVariables(stdio(), evidence, 'missing_env_var')).toEqual([]);
  });

  it('adds the env references of the config after the names in the evidence, without repeats', () => {
    const server: McpServerConfig = { name: 'r', transport: 'http', url: 'https://x.example/mcp?team=${TEAM_ID}', headers: { Authorization: 'Bearer ${API_TOKEN:-none}', 'X-Ws': '${workspaceFolder}' } };

    expect(wantedVariables(server, 'Error: API_TOKEN is not set', 'missing_env_var', 'claude-code')).toEqual(['API_TOKEN', 'TEAM_ID']);
  });

  it("reads VS Code's ${env:NAME} but not its ${input:id}", () => {
    const server: McpServerConfig = { name: 'r', transport: 'http', url: 'https://x.example/mcp?a=${env:A_TOKEN}', headers: { Authorization: 'Bearer ${input:api-key}' } };

    expect(wantedVariables(server, 'failed', 'missing_env_var', 'vscode')).toEqual(['A_TOKEN']);
  });

  it('never wants an env entry VS Code fills from an input (its secure storage)', () => {
    const server: McpServerConfig = { name: 'r', transport: 'stdio', command: 'npx', env: { API_KEY: '${input:api-key}', OTHER_KEY: '' } };

    expect(wantedVariables(server, 'failed', 'auth_failed', 'vscode')).toEqual(['OTHER_KEY']);
  });

  it('reads no references when the format is not known', () => {
    const server: McpServerConfig = { name: 'r', transport: 'http', url: 'https://x.example/mcp', headers: { Authorization: 'Bearer ${env:API_TOKEN}' } };

    expect(wantedVariables(server, 'failed', 'missing_env_var')).toEqual([]);
  });

  it.each(['', '  ', '<your-token>', '...', 'xxxx', 'your_api_key', 'your-token-here', 'CHANGEME', 'todo', 'replace-me', '${OTHER}'])(
    'wants an env entry left as the placeholder %j',
    (value) => {
      expect(wantedVariables(stdio({ SERVICE_TOKEN: value, LOG_LEVEL: 'debug' }), 'failed', 'missing_env_var')).toEqual(['SERVICE_TOKEN']);
    },
  );

  it('does not want an env entry that holds a real-looking value', () => {
    expect(wantedVariables(stdio({ SERVICE_TOKEN: 'sk-live-4f9a', HERE: 'there' }), 'failed', 'missing_env_var')).toEqual([]);
  });

  it("suspects the server's secret-looking env entries when credentials are rejected", () => {
    const server = stdio({ NOTION_TOKEN: 'ntn_live', API_KEY: 'k', DB_PASSWORD: 'p', LOG_LEVEL: 'debug', BASE_URL: 'https://x' });

    expect(wantedVariables(server, 'HTTP 401 Unauthorized', 'auth_failed')).toEqual(['NOTION_TOKEN', 'API_KEY', 'DB_PASSWORD']);
    expect(wantedVariables(server, 'HTTP 401 Unauthorized', 'missing_env_var')).toEqual([]);
  });
});
