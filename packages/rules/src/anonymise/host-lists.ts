/**
 * The data behind host-name masking. Extend the lists, not the code.
 *
 * - PUBLIC_DOMAINS: public package, API and documentation hosts that diagnose a failure (which registry,
 *   which API). The domain and every subdomain of it stay (`api.github.com`, `files.pythonhosted.org`).
 *   Only list domains whose subdomains belong to the provider, never ones that hand out subdomains to
 *   customers (`*.vercel.app`, `*.supabase.co`, `*.github.io`, `*.atlassian.net` name a tenant).
 * - PUBLIC_HOSTS: exact host names that stay.
 * - PRIVATE_TLDS: suffixes only a private network uses; such a name is masked wherever it appears.
 * - COMMON_TLDS: suffixes that make a dotted word a host name even without a URL around it. Suffixes that
 *   are also code (`logger.info`, `config.host`, `Path.home()`, `main.rs`, `install.sh`) are left out on
 *   purpose: such names are masked only inside a URL, after `@`, or before a `:port`.
 * - FILE_EXTENSIONS: the last part of a file name, never a host (`index.js:109:189` is a stack frame).
 */
export const PUBLIC_DOMAINS: readonly string[] = [
  'github.com', 'githubusercontent.com', 'githubassets.com', 'ghcr.io', 'gitlab.com', 'bitbucket.org',
  'npmjs.org', 'npmjs.com', 'yarnpkg.com', 'jsr.io', 'deno.land', 'deno.com', 'bun.sh', 'nodejs.org', 'unpkg.com', 'jsdelivr.net',
  'pypi.org', 'pythonhosted.org', 'python.org', 'astral.sh', 'crates.io', 'rust-lang.org', 'go.dev', 'golang.org',
  'docker.com', 'docker.io', 'quay.io', 'gcr.io', 'mcr.microsoft.com',
  'modelcontextprotocol.io', 'smithery.ai', 'glama.ai', 'mcp.so', 'anthropic.com', 'claude.ai', 'claude.com', 'openai.com',
  'googleapis.com', 'google.com', 'gstatic.com', 'microsoft.com', 'microsoftonline.com', 'visualstudio.com', 'vscode.dev',
  'cursor.com', 'cursor.sh', 'windsurf.com', 'codeium.com', 'jetbrains.com', 'zed.dev', 'continue.dev', 'cline.bot',
  'slack.com', 'discord.com', 'discordapp.com', 'telegram.org', 'notion.so', 'notion.com', 'linear.app', 'stripe.com',
  'atlassian.com', 'figma.com', 'brave.com', 'huggingface.co', 'hf.co', 'mistral.ai', 'cohere.com', 'cohere.ai', 'groq.com',
  'perplexity.ai', 'x.ai', 'openrouter.ai', 'together.xyz', 'replicate.com', 'deepseek.com', 'firecrawl.dev', 'tavily.com',
  'exa.ai', 'vercel.com', 'netlify.com', 'heroku.com', 'supabase.com', 'cloudflare.com', 'sentry.io', 'apple.com',
  'mozilla.org', 'w3.org', 'json-schema.org', 'schema.org', 'ietf.org', 'stackoverflow.com', 'readthedocs.io', 'readthedocs.org',
  'playwright.dev', 'nextjs.org', 'react.dev', 'typescriptlang.org', 'pydantic.dev', 'tiangolo.com', 'postgresql.org',
  'sqlite.org', 'redis.io', 'mongodb.com', 'socket.io', 'letsencrypt.org', 'ubuntu.com', 'debian.org', 'brew.sh', 'homebrew.sh',
];

export const PUBLIC_HOSTS: readonly string[] = [
  'localhost', 'host.docker.internal', 'gateway.docker.internal', 'kubernetes.docker.internal',
  's3.amazonaws.com', 'sts.amazonaws.com', 'amazonaws.com', 'api.telegram.org', 'hooks.slack.com',
  'example.com', 'example.org', 'example.net',
];

export const PRIVATE_TLDS: readonly string[] = [
  'local', 'internal', 'lan', 'corp', 'intranet', 'localdomain', 'private', 'arpa', 'home', 'priv', 'intra', 'ad',
];

export const COMMON_TLDS: readonly string[] = [
  'com', 'net', 'org', 'io', 'dev', 'ai', 'co', 'me', 'app', 'cloud', 'tech', 'xyz', 'online', 'site', 'biz', 'edu', 'gov',
  'mil', 'us', 'uk', 'de', 'fr', 'nl', 'eu', 'ch', 'se', 'es', 'it', 'jp', 'cn', 'ru', 'br', 'au', 'ca', 'kr', 'tw', 'hk',
  'sg', 'nz', 'dk', 'fi', 'cz', 'ie', 'il', 'za', 'mx', 'vn', 'tr', 'ua', 'gr', 'ro', 'hu',
];

export const FILE_EXTENSIONS: readonly string[] = [
  'js', 'mjs', 'cjs', 'ts', 'mts', 'cts', 'tsx', 'jsx', 'py', 'pyc', 'pyi', 'rb', 'go', 'rs', 'java', 'kt', 'c', 'h', 'cpp', 'cc',
  'hpp', 'cs', 'php', 'pl', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd', 'json', 'jsonc', 'json5', 'yaml', 'yml', 'toml',
  'ini', 'cfg', 'conf', 'lock', 'log', 'md', 'txt', 'html', 'htm', 'css', 'scss', 'map', 'wasm', 'node', 'exe', 'dll', 'so',
  'dylib', 'asar', 'zip', 'gz', 'tgz', 'tar', 'whl', 'egg', 'vue', 'svelte', 'astro', 'swift', 'lua', 'sql', 'csv', 'xml',
  'svg', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'pdf', 'env', 'pem', 'crt', 'key', 'db', 'sqlite', 'app', 'plist', 'dmg',
];
