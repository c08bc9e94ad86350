import { describe, expect, it } from 'vitest';
import { anonymiseMessage } from '@tapheal/rules';
import { TOKEN_FAMILIES } from '../helpers/generate-secrets.js';
import { createRandom } from '../helpers/random.js';
import { readMcpErrors, readSecretCases } from '../helpers/shared-data.js';

const secretCases = readSecretCases();
const mcpErrors = readMcpErrors();

/** A provider-shaped token made up at run time (never a real one, and nothing for a secret scanner to flag). */
const fake = (family: string, seed = 1): string => TOKEN_FAMILIES[family]!(createRandom(seed));

describe('anonymiseMessage on the shared secrets set', () => {
  it.each(secretCases)('leaves nothing of what must vanish in $id', ({ message, mustVanish }) => {
    const anonymised = anonymiseMessage(message);
    expect(mustVanish.filter((planted) => anonymised.includes(planted.value))).toEqual([]);
  });

  it.each(secretCases)('keeps every diagnostic token of $id', ({ message, mustKeep }) => {
    const anonymised = anonymiseMessage(message);
    expect(mustKeep.filter((token) => !anonymised.includes(token))).toEqual([]);
  });
});

describe('anonymiseMessage on real MCP failures', () => {
  const DIAGNOSTIC = /\b(?:E[A-Z]{3,}|ERR_[A-Z_]+|[A-Z]+(?:_[A-Z]+)+)\b|-32\d{3}\b|\b[1-5]\d\d\b(?![.:\d])/g;

  it.each(mcpErrors)('keeps the error codes, statuses and constants of $id', ({ message }) => {
    const expected = [...new Set(message.match(DIAGNOSTIC) ?? [])];
    const anonymised = anonymiseMessage(message);
    expect(expected.filter((token) => !anonymised.includes(token))).toEqual([]);
  });

  it.each(['JohnGray', 'pavindu', 'Stefan Polenz', 'Polenz', 'rapha', 'jplimack', 'romor001', 'eddsasa', 'rona/'])(
    'removes the home-path user name %s from every message',
    (name) => {
      const leaks = mcpErrors.filter((error) => anonymiseMessage(error.message).includes(name)).map((error) => error.id);
      expect(leaks).toEqual([]);
    },
  );

  it.each([
    '@modelcontextprotocol/sdk', '@simonb97\\server-win-cli', 'mcp-remote', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'spawn npx ENOENT',
    'spawn uvx ENOENT', 'chunk-65X3S4HB.js', 'mcp.server.fastmcp', 'node:internal/modules/cjs/loader', 'v20.19.0', 'https://modelcontextprotocol.io',
    'https://pypi.org/simple/mcp-proxy/', 'https://docs.astral.sh/uv/', '127.0.0.1:27123', 'ECONNREFUSED ::1:5002', ':::3000', '0.0.0.0:8080',
    'localhost:6277', 'SELF_SIGNED_CERT_IN_CHAIN', 'FIRECRAWL_API_KEY', '3.8.10', 'AppData\\Local\\npm-cache\\_npx',
  ])('keeps %s wherever the real messages hold it', (token) => {
    const holders = mcpErrors.filter((error) => error.message.includes(token));
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.filter((error) => !anonymiseMessage(error.message).includes(token)).map((error) => error.id)).toEqual([]);
  });

  it.each(['h0006', 'h0015', 'h0038', 'h0046', 'h0092', 'h0117', 'h0141', 'h0183', 'h0214'])('leaves %s, which holds nothing personal, as it is', (id) => {
    const { message } = mcpErrors.find((error) => error.id === id)!;
    expect(anonymiseMessage(message)).toBe(message);
  });
});

describe('anonymiseMessage: secrets', () => {
  const jwt = fake('jwt');
  const table: [string, string, string][] = [
    ['a GitHub token after its variable', `GITHUB_PERSONAL_ACCESS_TOKEN=${fake('github-classic')} rejected: 401`, 'GITHUB_PERSONAL_ACCESS_TOKEN=<secret> rejected: 401'],
    ['a bearer JWT', `status code 403 Authorization: Bearer ${jwt}`, 'status code 403 Authorization: Bearer <secret>'],
    ['a Basic credential', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic <secret>'],
    ['a password in a database URL', 'connect ECONNREFUSED (postgresql://admin:s3cr#t!x9@db.internal:5432/prod)', 'connect ECONNREFUSED (postgresql://admin:<secret>@<host>:5432/prod)'],
    ['a personal user and password in a URL', 'https://alice:hunter2x@example.com/mcp', 'https://<user>:<secret>@example.com/mcp'],
    ['a token used as a git password', `https://x-access-token:${fake('github-classic')}@github.com/org/repo.git`, 'https://x-access-token:<secret>@github.com/org/repo.git'],
    ['a JSON key value', `{"apiKey": "${fake('mistral')}", "timeout": 30}`, '{"apiKey": "<secret>", "timeout": 30}'],
    ['an escaped JSON value', `"{\\"OPENAI_API_KEY\\": \\"${fake('openai')}\\"}"`, '"{\\"OPENAI_API_KEY\\": \\"<secret>\\"}"'],
    ['a query-string key', `SSE error: Non-200 status code (401) for https://mcp.example.com/sse?api_key=${fake('generic-hex')}&v=2`, 'SSE error: Non-200 status code (401) for https://<host>/sse?api_key=<secret>&v=2'],
    ['a header value', `x-api-key: ${fake('cohere')}`, 'x-api-key: <secret>'],
    ['a flag value', `npx -y @modelcontextprotocol/server-github --token ${fake('openai')}`, 'npx -y @modelcontextprotocol/server-github --token <secret>'],
    ['an AWS key pair', `AccessKeyId=${fake('aws-access-key-id')} SecretAccessKey=${fake('aws-secret-key')}`, 'AccessKeyId=<secret> SecretAccessKey=<secret>'],
    ['a bare AWS secret key', `rejected ${fake('aws-secret-key', 3)} (403)`, 'rejected <secret> (403)'],
    ['a cookie header', 'Cookie: session=8f2kd93jf02kdk3; csrftoken=zz81kd', 'Cookie: <secret>'],
    ['a Slack webhook', 'POST https://hooks.slack.com/services/T000A0000/B000B0000/q8W7e6R5t4Y3u2I1', 'POST https://hooks.slack.com/services/<secret>'],
    ['a private key block', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x\nq0Wv8bZ==\n-----END RSA PRIVATE KEY-----\nbad key', '-----BEGIN RSA PRIVATE KEY-----<secret>-----END RSA PRIVATE KEY-----\nbad key'],
    ['a private key in a JSON string', '"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\n-----END PRIVATE KEY-----\\n"', '"-----BEGIN PRIVATE KEY-----<secret>-----END PRIVATE KEY-----\\n"'],
    ['a key without a prefix, by its entropy', `Error: 401 Incorrect API key provided: ${fake('mistral', 9)}.`, 'Error: 401 Incorrect API key provided: <secret>.'],
  ];

  it.each(table)('masks %s', (_name, input, expected) => {
    expect(anonymiseMessage(input)).toBe(expected);
  });

  it.each(Object.keys(TOKEN_FAMILIES))('masks a %s token in plain text', (family) => {
    const token = fake(family, 42);
    expect(anonymiseMessage(`upstream rejected ${token} (invalid_auth)`)).toBe('upstream rejected <secret> (invalid_auth)');
  });

  it.each([
    'OPENAI_API_KEY= not set; got OPENAI_API_KEY=undefined',
    '{"OPENAI_API_KEY": "", "token": null}',
    'WORKSPACE_MCP_PORT: ${user_config.WORKSPACE_MCP_PORT}',
    'npx figma-developer-mcp --figma-api-key=<REDACTED>',
    'Authentication failed for Jira API (403). Token may be expired or invalid.',
    'Basic Authentication Failure - Reason : AUTHENTICATED_FAILED',
    'Missing environment variables: GITHUB_PERSONAL_ACCESS_TOKEN',
    'Either FIRECRAWL_API_KEY or FIRECRAWL_API_URL must be provided',
    'Session token: <token>',
    'Invalid token: expired',
    'PWD=/usr/src/app DANGEROUSLY_OMIT_AUTH=true',
  ])('keeps the diagnosis in %j', (input) => {
    expect(anonymiseMessage(input)).toBe(input);
  });
});

describe('anonymiseMessage: home paths', () => {
  it.each([
    ['cwd: /Users/alice/Library/Application Support/Claude', 'cwd: /Users/<user>/Library/Application Support/Claude'],
    ["open '/home/bob/.config/mcp/servers.json'", "open '/home/<user>/.config/mcp/servers.json'"],
    ["open '/home/o'neil/.config'", "open '/home/<user>/.config'"],
    ['C:\\Users\\maría\\AppData\\Roaming\\npm', 'C:\\Users\\<user>\\AppData\\Roaming\\npm'],
    ['not in C:\\Users\\Stefan Polenz\\Documents\\claude', 'not in C:\\Users\\<user>\\Documents\\claude'],
    ['"C:\\\\Users\\\\Stefan Polenz\\\\AppData\\\\Local"', '"C:\\\\Users\\\\<user>\\\\AppData\\\\Local"'],
    ['C:/Users/x/AppData/Local/npm-cache/_npx', 'C:/Users/<user>/AppData/Local/npm-cache/_npx'],
    ['url: file:///C:/Users/JohnGray/AppData/Local', 'url: file:///C:/Users/<user>/AppData/Local'],
    ['path=%2FUsers%2Falice%2Fproject', 'path=%2FUsers%2F<user>%2Fproject'],
    ['{"HOME": "/home/José Okafor"}', '{"HOME": "/home/<user>"}'],
    ['HOME=/Users/Ana María Kowalski, SHELL=/bin/zsh', 'HOME=/Users/<user>, SHELL=/bin/zsh'],
    ['cwd: /Users/alice is missing', 'cwd: /Users/<user> is missing'],
    ['\\\\?\\C:\\Users\\user\\AppData', '\\\\?\\C:\\Users\\<user>\\AppData'],
  ])('replaces only the user name in %j', (input, expected) => {
    expect(anonymiseMessage(input)).toBe(expected);
  });

  it.each(['/root/.npm/_npx/abc', 'C:\\Users\\Public\\Documents', '/Users/Shared/mcp', 'sh: /Users/<me>/.npm/_npx/<hash>/node_modules'])(
    'keeps %j, which names no one',
    (input) => {
      expect(anonymiseMessage(input)).toBe(input);
    },
  );
});

describe('anonymiseMessage: e-mail and IP addresses', () => {
  it.each([
    ['MCP error -32001: Request timed out (user bob.smith@corp.example.com)', 'MCP error -32001: Request timed out (user <email>)'],
    ['reported by maría.garcía+mcp@example.es', 'reported by <email>'],
    ['connect ECONNREFUSED 12.146.230.103:5432', 'connect ECONNREFUSED <ip>:5432'],
    ['from 192.168.1.20 via 10.0.3.17', 'from <ip> via <ip>'],
    ['fetch failed: http://[2001:db8::8a2e:370:7334]:8080/mcp', 'fetch failed: http://[<ip>]:8080/mcp'],
    ['peer fe80::1ff:fe23:4567:890a%eth0 refused', 'peer <ip>%eth0 refused'],
  ])('masks the address in %j', (input, expected) => {
    expect(anonymiseMessage(input)).toBe(expected);
  });

  it.each([
    'connect ECONNREFUSED 127.0.0.1:27123',
    'TypeError: fetch failed: connect ECONNREFUSED ::1:5002',
    'address already in use :::3000',
    'Starting pentestMCP (Streamable HTTP) on 0.0.0.0:8080',
    'listening on [::1]:3000 and [::]:3001',
    'git@github.com:org/repo.git',
    'assets/icon@2x.png',
    '[14:50:10] Node.js v20.19.0, Python 3.8.10, mcp-remote@0.1.0',
  ])('keeps %j', (input) => {
    expect(anonymiseMessage(input)).toBe(input);
  });
});

describe('anonymiseMessage: host and machine names', () => {
  it.each([
    ['getaddrinfo ENOTFOUND ip-10-0-3-17.ec2.internal', 'getaddrinfo ENOTFOUND <host>'],
    ['address already in use on build-07.corp.example.com', 'address already in use on <host>'],
    ['server at http://alices-MacBook-Pro.local:8931/mcp', 'server at http://<host>:8931/mcp'],
    ['Error POSTing to endpoint https://mcp.acme.io/mcp', 'Error POSTing to endpoint https://<host>/mcp'],
    ['getaddrinfo ENOTFOUND db.mycompany', 'getaddrinfo ENOTFOUND <host>'],
    ['listen EADDRINUSE on DESKTOP-7QK2M1F', 'listen EADDRINUSE on <machine>'],
    ['LAPTOP-AB12CD3 and WIN-8F2KJ1L0QXZ', '<machine> and <machine>'],
    ['logged in as DESKTOP-7QK2M1F\\alice.', 'logged in as <machine>\\<user>.'],
    ['configd: setting hostname to alices-MacBook-Pro', 'configd: setting hostname to <machine>'],
    ["shared from Alice's MacBook Pro", 'shared from <machine>'],
    ['rhost=ip-10-0-3-17 user=root', 'rhost=<host> user=root'],
  ])('masks the name in %j', (input, expected) => {
    expect(anonymiseMessage(input)).toBe(expected);
  });

  it.each([
    'GET https://api.github.com/repos/org/repo (see https://registry.npmjs.org/mcp-remote)',
    'Failed to fetch: https://files.pythonhosted.org/packages and https://api.openai.com/v1',
    'https://api.anthropic.com/v1/messages, https://docs.astral.sh/uv/ and http://localhost:6274',
    'Ollama at http://host.docker.internal:11434 refused',
    'at processStream (mcp-remote/dist/chunk-65X3S4HB.js:19778:24) in index.js and server.py',
    'No module named mcp.server.fastmcp (node:internal/modules/cjs/loader:1145)',
    'Claude.app/Contents/Resources/app.asar; Path.home() failed; logger.info; com.android.server.wm',
    'npx -y desktop-commander',
  ])('keeps %j', (input) => {
    expect(anonymiseMessage(input)).toBe(input);
  });
});

describe('anonymiseMessage: placeholders and idempotence', () => {
  it('never matches its own placeholders again', () => {
    const placeholders = 'token=<secret> /Users/<user>/x <email> <ip>:80 http://<host>:1/ <machine>\\<user>';
    expect(anonymiseMessage(placeholders)).toBe(placeholders);
  });

  it('gives the same text when run on its own output, over every shared message', () => {
    const messages = [...secretCases.map((c) => c.message), ...mcpErrors.map((e) => e.message)];
    const unstable = messages.filter((message) => {
      const once = anonymiseMessage(message);
      return anonymiseMessage(once) !== once;
    });
    expect(unstable).toEqual([]);
  });

  it.each(['', ' ', '\n\n', 'plain words only', '\ud800 lone surrogate', '💥 emoji 日本語'])('returns %j unchanged', (input) => {
    expect(anonymiseMessage(input)).toBe(input);
  });
});

describe('anonymiseMessage on 100 KB adversarial inputs', () => {
  const LENGTH = 100_000;
  const repeat = (unit: string): string => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
  const base64 = TOKEN_FAMILIES['azure-storage-key']!(createRandom(5)).replace(/=+$/, '');

  it.each([
    ['a', repeat('a')], ['=', repeat('=')], ['/Users/', repeat('/Users/')], ['long base64', repeat(base64)],
    ['token=', repeat('token=')], ['a.', repeat('a.')], ['a:', repeat('a:')], ['://a:b', repeat('://a:b')], ['a@b.', repeat('a@b.')],
    ['-----BEGIN PRIVATE KEY-----', repeat('-----BEGIN PRIVATE KEY-----')], ['"x": "', repeat('"x": "')], ['C:\\Users\\a b ', repeat('C:\\Users\\a b ')],
    ['eyJ', repeat('eyJ')], ['sk-', repeat('sk-')], ['Bearer ', repeat('Bearer ')], ['ip-1-2-3-', repeat('ip-1-2-3-')], ['1::', repeat('1::')],
  ])('finishes 100 KB of %j in under 500 ms', (_name, input) => {
    const started = performance.now();
    anonymiseMessage(input);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
