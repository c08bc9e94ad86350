/**
 * Generated anonymiser cases: failure messages with planted secrets and personal data (what must vanish)
 * around the words that diagnose the failure (what must stay). Deterministic: the same seed gives the same
 * cases (mulberry32 from ./random.ts). Every token is generated in a provider's shape; none is real.
 */
import { createRandom, type Random } from './random.js';

export interface Planted {
  kind: 'secret' | 'home_path' | 'email' | 'ip' | 'fqdn' | 'machine';
  value: string;
}

export interface GeneratedCase {
  id: string;
  family: string;
  message: string;
  mustVanish: Planted[];
  mustKeep: string[];
}

interface Fragment {
  family: string;
  text: string;
  vanish: Planted[];
  keep: string[];
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const B62 = `${UPPER}${UPPER.toLowerCase()}${DIGITS}`;
const B64URL = `${B62}-_`;
const B64 = `${B62}+/`;
const HEX = '0123456789abcdef';

const chars = (r: Random, alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[r.int(alphabet.length)]!).join('');
const between = (r: Random, min: number, max: number): number => min + r.int(max - min + 1);

/** Provider-shaped tokens. A family without a prefix (Mistral, Cohere, Azure, AWS secret) tests the entropy net. */
export const TOKEN_FAMILIES: Record<string, (r: Random) => string> = {
  'github-classic': (r) => `${r.pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${chars(r, B62, 36)}`,
  'github-fine-grained': (r) => `github_pat_${chars(r, B62, 22)}_${chars(r, B62, 59)}`,
  openai: (r) => `sk-${r.pick(['', 'proj-', 'svcacct-'])}${chars(r, B64URL, between(r, 40, 120))}`,
  anthropic: (r) => `sk-ant-api03-${chars(r, B64URL, 93)}AA`,
  openrouter: (r) => `sk-or-v1-${chars(r, HEX, 64)}`,
  stripe: (r) => `${r.pick(['sk', 'rk', 'pk'])}_${r.pick(['live', 'test'])}_${chars(r, B62, between(r, 24, 99))}`,
  slack: (r) => `xox${r.pick(['b', 'p', 'a', 'o', 'r', 's'])}-${chars(r, DIGITS, 12)}-${chars(r, DIGITS, 13)}-${chars(r, B62, 24)}`,
  'aws-access-key-id': (r) => `${r.pick(['AKIA', 'ASIA'])}${chars(r, UPPER + DIGITS, 16)}`,
  'aws-secret-key': (r) => chars(r, B64, 40),
  google: (r) => `AIza${chars(r, B64URL, 35)}`,
  'google-oauth': (r) => `ya29.${chars(r, B64URL, between(r, 60, 160))}`,
  gitlab: (r) => `glpat-${chars(r, B64URL, 20)}`,
  npm: (r) => `npm_${chars(r, B62, 36)}`,
  huggingface: (r) => `hf_${chars(r, B62, 34)}`,
  notion: (r) => r.pick([`secret_${chars(r, B62, 43)}`, `ntn_${chars(r, DIGITS, 11)}${chars(r, B62, 35)}`]),
  linear: (r) => `lin_api_${chars(r, B62, 40)}`,
  sendgrid: (r) => `SG.${chars(r, B64URL, 22)}.${chars(r, B64URL, 43)}`,
  twilio: (r) => `${r.pick(['AC', 'SK'])}${chars(r, HEX, 32)}`,
  discord: (r) => `${r.pick(['M', 'N', 'O'])}${chars(r, B62, 23)}.${chars(r, B64URL, 6)}.${chars(r, B64URL, 27)}`,
  telegram: (r) => `${chars(r, DIGITS, 10)}:AA${chars(r, B64URL, 33)}`,
  'azure-key': (r) => chars(r, HEX, 32),
  'azure-storage-key': (r) => `${chars(r, B64, 86)}==`,
  'azure-ad-secret': (r) => `${chars(r, B62, 3)}8Q~${chars(r, `${B62}_.-`, 34)}`,
  jwt: (r) => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${chars(r, B64URL, between(r, 30, 120))}.${chars(r, B64URL, 43)}`,
  groq: (r) => `gsk_${chars(r, B62, 52)}`,
  replicate: (r) => `r8_${chars(r, B62, 37)}`,
  perplexity: (r) => `pplx-${chars(r, B62, 48)}`,
  xai: (r) => `xai-${chars(r, B62, 80)}`,
  tavily: (r) => `tvly-${r.pick(['', 'dev-'])}${chars(r, B62, 32)}`,
  firecrawl: (r) => `fc-${chars(r, HEX, 32)}`,
  docker: (r) => `dckr_pat_${chars(r, B64URL, 27)}`,
  pypi: (r) => `pypi-AgEIcHlwaS5vcmc${chars(r, B64URL, 120)}`,
  atlassian: (r) => `ATATT3xFfGF0${chars(r, B64URL, 180)}`,
  digitalocean: (r) => `dop_v1_${chars(r, HEX, 64)}`,
  shopify: (r) => `shpat_${chars(r, HEX, 32)}`,
  vault: (r) => `hvs.${chars(r, B64URL, 90)}`,
  figma: (r) => `figd_${chars(r, B64URL, 40)}`,
  supabase: (r) => `sbp_${chars(r, HEX, 40)}`,
  mistral: (r) => chars(r, B62, 32),
  cohere: (r) => chars(r, B62, 40),
  'generic-hex': (r) => chars(r, HEX, r.pick([32, 40, 64])),
};

const VARIABLES = [
  'GITHUB_PERSONAL_ACCESS_TOKEN', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'BRAVE_API_KEY', 'SLACK_BOT_TOKEN', 'STRIPE_SECRET_KEY',
  'AWS_SECRET_ACCESS_KEY', 'NOTION_TOKEN', 'HF_TOKEN', 'FIRECRAWL_API_KEY', 'LINEAR_API_KEY', 'DB_PASSWORD', 'apiKey', 'accessToken',
  'clientSecret', 'X_API_KEY', 'AZURE_OPENAI_API_KEY', 'TAVILY_API_KEY',
];

/** Where a secret sits. `bare` contexts name nothing: only the token's own shape can give it away. */
export const SECRET_CONTEXTS: ((t: string, v: string) => { text: string; keep: string[] })[] = [
  (t) => ({ text: `Error: 401 Unauthorized: Incorrect API key provided: ${t}. Check your key.`, keep: ['401', 'Unauthorized', 'Incorrect API key'] }),
  (t, v) => ({ text: `Environment: PATH=/usr/bin ${v}=${t} NODE_ENV=production`, keep: [v, 'NODE_ENV=production'] }),
  (t, v) => ({ text: `{"mcpServers":{"github":{"command":"npx","env":{"${v}":"${t}"}}}}`, keep: [v, 'mcpServers', 'npx'] }),
  (t, v) => ({ text: `"{\\"env\\": {\\"${v}\\": \\"${t}\\"}, \\"args\\": [\\"-y\\"]}"`, keep: [v, 'args'] }),
  (t) => ({ text: `Request failed with status code 403 Authorization: Bearer ${t}`, keep: ['403', 'Authorization: Bearer'] }),
  (t) => ({ text: `headers: { 'x-api-key': '${t}' } -> 401`, keep: ['x-api-key', '401'] }),
  (t) => ({ text: `SSE error: Non-200 status code (401) for https://mcp.example.com/sse?api_key=${t}&v=2`, keep: ['401', 'SSE error', 'api_key='] }),
  (t) => ({ text: `npx -y @modelcontextprotocol/server-github --token ${t}`, keep: ['npx', '@modelcontextprotocol/server-github', '--token'] }),
  (t) => ({ text: `uvx mcp-server-fetch --api-key=${t} exited with code 1`, keep: ['uvx', 'mcp-server-fetch', '--api-key=', 'code 1'] }),
  (t) => ({ text: `config.yaml:\n  api_key: ${t}\n  timeout: 30`, keep: ['api_key:', 'timeout: 30'] }),
  (t) => ({ text: `{'api_key': '${t}', 'retries': 3} ValueError: bad key`, keep: ['api_key', 'ValueError'] }),
  (t) => ({ text: `remote: https://x-access-token:${t}@github.com/org/repo.git: 403`, keep: ['github.com', '403'] }),
  (t) => ({ text: `MCP error -32603: upstream rejected credential ${t} (invalid_auth)`, keep: ['-32603', 'invalid_auth'] }),
];

const FIRST = ['alice', 'bob', 'maría', 'José', 'Zoë', 'Jean-Luc', 'Stefan', 'Ana María', 'Søren', 'Björn', '李雷', 'kpatel', 'Ngozi', 'Łukasz'];
const LAST = ['Smith', "O'Brien", 'García', 'Polenz', "d'Artagnan", 'Nguyễn', 'Müller', 'Okafor', 'van der Berg', 'Kowalski'];
const COMPANIES = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay'];

function personName(r: Random): string {
  const first = r.pick(FIRST);
  return r.pick([first, `${first} ${r.pick(LAST)}`, `${first.toLowerCase().replace(/\s/g, '')}${between(r, 1, 99)}`, r.pick(LAST)]);
}

/** The parts of a name that identify someone on their own (`García`), not the short ones (`Luc`). */
const nameParts = (name: string): string[] => name.split(/[\s'-]+/).filter((part) => part.length >= 4);

function homePath(r: Random): { root: string; sep: string; name: string } {
  const name = personName(r);
  const simple = /^[a-z0-9]+$/i.test(name);
  const roots = [
    { root: '/Users/', sep: '/' }, { root: '/home/', sep: '/' }, { root: 'C:\\Users\\', sep: '\\' }, { root: 'C:\\\\Users\\\\', sep: '\\\\' },
    { root: 'C:/Users/', sep: '/' }, { root: 'file:///C:/Users/', sep: '/' }, { root: 'file:///Users/', sep: '/' },
    ...(simple ? [{ root: '%2FUsers%2F', sep: '%2F' }] : []),
  ];
  return { ...r.pick(roots), name };
}

const publicIp = (r: Random): string => `${r.pick([8, 23, 45, 52, 81, 104, 151, 185, 203])}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
const ipv6 = (r: Random): string => `2001:db8:${chars(r, HEX, 4)}::${chars(r, HEX, 3)}:${chars(r, HEX, 4)}`;

function privateHost(r: Random): string {
  const company = r.pick(COMPANIES);
  return r.pick([
    `build-${between(r, 10, 99)}.corp.${company}.com`, `ip-10-${r.int(256)}-${r.int(256)}-${r.int(256)}.ec2.internal`,
    `${r.pick(['alices', 'bobs', 'marias'])}-MacBook-Pro.local`, `db-${r.int(9)}.${company}.internal`,
    `mcp.${company}.io`, `vpn.${company}.lan`, `api.svc-${r.int(99)}.default.svc.cluster.local`,
  ]);
}

const machineName = (r: Random): string =>
  r.pick([`DESKTOP-${chars(r, UPPER + DIGITS, 7)}`, `LAPTOP-${chars(r, UPPER + DIGITS, 7)}`, `WIN-${chars(r, UPPER + DIGITS, 11)}`, `${r.pick(['alices', 'kpatel'])}-MBP`]);

const email = (r: Random): string =>
  `${r.pick(['bob.smith', 'alice', 'j.doe+mcp', 'maria_garcia', 'kpatel'])}${between(r, 1, 99)}@${r.pick(['gmail.com', 'proton.me', `corp.${r.pick(COMPANIES)}.co.uk`, `${r.pick(COMPANIES)}.com`])}`;

const password = (r: Random): string => `${chars(r, B62, between(r, 6, 10))}${r.pick(['#', '!', '%25', '*', '.', '~'])}${chars(r, B62, between(r, 3, 6))}`;

const plant = (kind: Planted['kind'], value: string): Planted => ({ kind, value });

function tokenFragment(r: Random): Fragment {
  const family = r.pick(Object.keys(TOKEN_FAMILIES));
  const token = TOKEN_FAMILIES[family]!(r);
  const context = r.pick(SECRET_CONTEXTS)(token, r.pick(VARIABLES));
  return { family: `token:${family}`, text: context.text, vanish: [plant('secret', token)], keep: context.keep };
}

function urlPasswordFragment(r: Random): Fragment {
  const user = r.pick(['admin', 'postgres', 'jdoe', 'maría', 'bob.smith', "o'neil", 'default']);
  const secret = password(r);
  const [host, hostPlant] = r.pick<[string, Planted | null]>([[publicIp(r), null], [privateHost(r), null], ['localhost', null]]);
  const vanish = [plant('secret', secret), plant('secret', `${user}:${secret}`)];
  if (host !== 'localhost') vanish.push(hostPlant ?? plant(/^\d/.test(host) ? 'ip' : 'fqdn', host));
  const scheme = r.pick(['postgresql', 'mysql', 'redis', 'mongodb+srv', 'amqp', 'http']);
  return { family: 'url-password', text: `connect ECONNREFUSED (${scheme}://${user}:${secret}@${host}:5432/app)`, vanish, keep: ['ECONNREFUSED', ':5432/app'] };
}

const PATH_TAILS: { parts: string[]; keep: string }[] = [
  { parts: ['AppData', 'Local', 'npm-cache', '_npx', 'HEX16', 'node_modules', '@modelcontextprotocol', 'server-filesystem', 'dist', 'index.js'], keep: 'server-filesystem' },
  { parts: ['.npm', '_npx', 'HEX16', 'node_modules', 'mcp-remote', 'dist', 'chunk-65X3S4HB.js'], keep: 'chunk-65X3S4HB.js' },
  { parts: ['Library', 'Application Support', 'Claude', 'claude_desktop_config.json'], keep: 'claude_desktop_config.json' },
  { parts: ['.config', 'mcp', 'servers.json'], keep: 'servers.json' },
];

const PATH_MESSAGES: ((path: string) => { text: string; keep: string[] })[] = [
  (path) => ({ text: `Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${path}'`, keep: ['ERR_MODULE_NOT_FOUND', 'Cannot find module'] }),
  (path) => ({ text: `Error: EACCES: permission denied, open '${path}'`, keep: ['EACCES', 'permission denied'] }),
  (path) => ({ text: `spawn npx ENOENT\n    cwd: ${path}`, keep: ['spawn npx ENOENT', 'cwd:'] }),
  (path) => ({ text: `    at file:///${path.replace(/^file:\/\/\//, '')}:62:13`, keep: [':62:13'] }),
];

function homePathFragment(r: Random): Fragment {
  const { root, sep, name } = homePath(r);
  const tail = r.pick(PATH_TAILS);
  const parts = tail.parts.map((part) => (part === 'HEX16' ? chars(r, HEX, 16) : sep === '%2F' ? part.replace(/ /g, '%20') : part));
  const home = `${root}${name}`;
  const message = r.int(5) === 0 ? { text: `Got env: {"HOME": "${home}", "SHELL": "/bin/zsh"}`, keep: ['HOME', 'SHELL'] } : r.pick(PATH_MESSAGES)(`${home}${sep}${parts.join(sep)}`);
  const vanish = [plant('home_path', home), ...nameParts(name).map((part) => plant('home_path', part))];
  return { family: `home:${root}`, text: message.text, vanish, keep: message.text.includes(tail.keep) ? [...message.keep, tail.keep] : message.keep };
}

function networkFragment(r: Random): Fragment {
  const port = String(between(r, 1024, 65535));
  const ip = publicIp(r);
  const address = r.pick(['', `user ${email(r)}`]);
  const mail = address === '' ? [] : [plant('email', address.slice(5))];
  return r.pick<Fragment>([
    { family: 'ipv4', text: `connect ECONNREFUSED ${ip}:${port} ${address}`, vanish: [plant('ip', ip), ...mail], keep: ['ECONNREFUSED', `:${port}`] },
    { family: 'ipv4', text: `listen EADDRINUSE: address already in use ${ip}:${port}`, vanish: [plant('ip', ip)], keep: ['EADDRINUSE', `:${port}`] },
    { family: 'ipv6', text: `fetch failed: http://[${ipv6(r)}]:${port}/mcp`, vanish: [], keep: ['fetch failed', `]:${port}/mcp`] },
    { family: 'email', text: `MCP error -32001: Request timed out (${address || `user ${email(r)}`})`, vanish: mail, keep: ['-32001', 'Request timed out'] },
    { family: 'loopback', text: `retrying 127.0.0.1:${port}, [::1]:${port} and 0.0.0.0:${port} ${address}`, vanish: mail, keep: ['127.0.0.1', '::1', '0.0.0.0'] },
  ]);
}

function hostFragment(r: Random): Fragment {
  const host = privateHost(r);
  const machine = machineName(r);
  return r.pick<Fragment>([
    { family: 'fqdn', text: `getaddrinfo ENOTFOUND ${host}`, vanish: [plant('fqdn', host)], keep: ['getaddrinfo', 'ENOTFOUND'] },
    { family: 'fqdn', text: `Streamable HTTP error: Error POSTing to endpoint https://${host}/mcp (HTTP 401); see https://registry.npmjs.org/mcp-remote`, vanish: [plant('fqdn', host)], keep: ['Streamable HTTP error', '401', 'registry.npmjs.org/mcp-remote'] },
    { family: 'fqdn', text: `Error: connect ETIMEDOUT ${host}:443 while calling api.github.com`, vanish: [plant('fqdn', host)], keep: ['ETIMEDOUT', ':443', 'api.github.com'] },
    { family: 'machine', text: `Error: listen EADDRINUSE :::3000 on ${machine}`, vanish: [plant('machine', machine)], keep: ['EADDRINUSE', ':::3000'] },
    { family: 'machine', text: `server at http://${machine}:8931/mcp closed: MCP error -32000`, vanish: [plant('machine', machine)], keep: [':8931/mcp', '-32000'] },
  ]);
}

/** The failure around the planted data; its words must survive. */
const FRAMES: { text: string; keep: string[] }[] = [
  { text: 'MCP error -32000: Connection closed', keep: ['-32000', 'Connection closed'] },
  { text: 'spawn uvx ENOENT', keep: ['spawn uvx ENOENT'] },
  { text: 'npm error code E401', keep: ['E401'] },
  { text: "Error: Cannot find module '@modelcontextprotocol/sdk/server/index.js'", keep: ['@modelcontextprotocol/sdk/server/index.js'] },
  { text: 'Process exited with code 127 (signal SIGTERM)', keep: ['code 127', 'SIGTERM'] },
  { text: 'HTTP 429 Too Many Requests', keep: ['429', 'Too Many Requests'] },
  { text: '    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)', keep: ['node:internal/modules/cjs/loader:1145:15'] },
  { text: 'Error: connect ECONNREFUSED 127.0.0.1:8080 (Node.js v20.19.0)', keep: ['127.0.0.1:8080', 'v20.19.0'] },
];

const BUILDERS = [tokenFragment, tokenFragment, tokenFragment, urlPasswordFragment, homePathFragment, homePathFragment, networkFragment, hostFragment];

/** `count` cases from `seed`; each is a frame plus one to three planted fragments. */
export function generateSecretCases(count = 600, seed = 20251125): GeneratedCase[] {
  const r = createRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const fragments = Array.from({ length: 1 + r.int(3) }, () => r.pick(BUILDERS)(r));
    const frame = r.pick(FRAMES);
    const pieces = [frame.text, ...fragments.map((fragment) => fragment.text)];
    return {
      id: `g${String(index + 1).padStart(4, '0')}`,
      family: fragments[0]!.family,
      message: pieces.join(r.pick(['\n', ' ', '\n    '])),
      mustVanish: fragments.flatMap((fragment) => fragment.vanish),
      mustKeep: [...frame.keep, ...fragments.flatMap((fragment) => fragment.keep)],
    };
  });
}
