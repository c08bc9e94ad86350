/**
 * Which variable, field, header or flag names hold a secret (or a user or machine name). The NAME always
 * stays, because it diagnoses (`GITHUB_PERSONAL_ACCESS_TOKEN` is missing or wrong); only its value goes.
 */
export type KeyKind = 'secret' | 'user' | 'machine';

/** Last words of a name that mean its value is a secret: `BRAVE_API_KEY`, `clientSecret`, `x-auth-token`. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pass', 'passphrase', 'pwd', 'secret', 'secrets', 'token', 'apikey', 'credential', 'credentials',
  'auth', 'authorization', 'cookie', 'sig', 'signature', 'sid', 'sessionid', 'session',
]);

/** Endings that mark a secret even when the words are run together: `PGPASSWORD`, `ACCESSTOKEN`. */
const SECRET_SUFFIXES = ['password', 'passwd', 'secret', 'token', 'apikey', 'accesskey', 'privatekey', 'secretkey', 'authkey'];

/** `..._KEY` is a secret unless the word before says it is something else (`primaryKey`, `cache_key`). */
const NOT_SECRET_KEY_QUALIFIERS = new Set([
  'public', 'primary', 'foreign', 'sort', 'partition', 'unique', 'cache', 'idempotency', 'object', 'hash', 'map', 'group',
  'row', 'column', 'index', 'lookup', 'dedupe', 'composite', 'react', 'list', 'i18n', 'translation', 'storage', 'registry',
  'string', 'url', 'path', 'file', 'name', 'type', 'code', 'domain', 'tag', 'error', 'event', 'message', 'field', 'config',
  'setting', 'property', 'attribute', 'label', 'get', 'set', 'has', 'notification', 'shortcut', 'hot', 'press', 'escape',
]);

/** Names that look like secrets but are not: `PWD` is the working directory. */
const NOT_SECRET_NAMES = new Set(['pwd', 'oldpwd', 'tokens', 'maxtokens', 'tokenizer', 'passthrough', 'bypass']);

const USER_NAMES = new Set(['user', 'username', 'logname', 'login', 'userid', 'owner', 'author']);
const MACHINE_NAMES = new Set(['computername', 'hostname', 'userdomain', 'machinename', 'computer', 'nodename']);

/** `fireCrawlApiKey` → `fire crawl api key`; `KEY1` → `key`; `process.env.API_KEY` → `api key`. */
export function nameWords(name: string): string[] {
  const lastPart = name.slice(name.lastIndexOf('.') + 1);
  return lastPart
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((word) => word.replace(/\d+$/, ''))
    .filter((word) => word !== '');
}

/** Every kind above needs one of these inside the name; most names are turned away by this one test. */
const MAYBE_NAMED = /pass|pwd|secret|token|key|auth|cred|cookie|sig|sid|session|user|log|owner|author|host|comput|machine|domain|node/i;

export function classifyKeyName(name: string): KeyKind | null {
  if (!MAYBE_NAMED.test(name)) return null;
  const words = nameWords(name);
  const joined = words.join('');
  const last = words.at(-1);
  if (last === undefined || NOT_SECRET_NAMES.has(joined)) return null;
  if (USER_NAMES.has(joined)) return 'user';
  if (MACHINE_NAMES.has(joined)) return 'machine';
  if (SECRET_WORDS.has(last)) return 'secret';
  if (last === 'key') return NOT_SECRET_KEY_QUALIFIERS.has(words.at(-2) ?? '') ? null : 'secret';
  if (last === 'id' && words.at(-2) === 'session') return 'secret';
  return SECRET_SUFFIXES.some((suffix) => joined.endsWith(suffix)) ? 'secret' : null;
}
