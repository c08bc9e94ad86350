/**
 * Secrets recognisable by their form: PEM private keys, JWTs, provider-prefixed tokens, credentials
 * after an HTTP auth scheme, and the password (and user) in a URL.
 */
import { isServiceAccount } from './accounts.js';
import { PLACEHOLDER } from './placeholders.js';
import { compileProviderTokens, URL_PATH_SECRETS } from './providers.js';
import { charMix, looksLikeSecretValue } from './text.js';

const SECRET = PLACEHOLDER.secret;

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?)-----/g;
const PEM_BODY = /[A-Za-z0-9+/=\s\\]*/y;

/**
 * The markers stay (they say what kind of key it was); everything between them goes, over any number of
 * lines. A block cut short (no END marker) loses its base64 body. Linear: each END marker is looked up once.
 */
export function maskPrivateKeys(text: string): string {
  if (!text.includes('PRIVATE KEY-----')) return text;
  const missingEnds = new Set<string>();
  let out = '';
  let last = 0;
  PEM_BEGIN.lastIndex = 0;
  for (let match = PEM_BEGIN.exec(text); match !== null; match = PEM_BEGIN.exec(text)) {
    const bodyStart = match.index + match[0].length;
    if (text.startsWith(SECRET, bodyStart)) continue;
    const endMarker = `-----END ${match[1]}-----`;
    const end = missingEnds.has(endMarker) ? -1 : text.indexOf(endMarker, bodyStart);
    if (end < 0) missingEnds.add(endMarker);
    PEM_BODY.lastIndex = bodyStart;
    const bodyEnd = end >= 0 ? end : bodyStart + (PEM_BODY.exec(text)?.[0].length ?? 0);
    out += `${text.slice(last, bodyStart)}${SECRET}`;
    last = bodyEnd;
    PEM_BEGIN.lastIndex = Math.max(bodyEnd, bodyStart);
  }
  return out + text.slice(last);
}

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

export function maskJwts(text: string): string {
  return text.includes('eyJ') ? text.replace(JWT, SECRET) : text;
}

const PROVIDER_TOKEN = compileProviderTokens();

/** A provider prefix followed by lowercase words only is a name (`sk-learn-extras`), not a key. */
const isRandomEnough = (token: string): boolean => {
  const mix = charMix(token);
  return mix.digits > 0 || (mix.upper > 0 && mix.lower > 0);
};

const maskToken = (token: string): string => (isRandomEnough(token) ? SECRET : token);

/** Every hint of the hinted tokens and the URL-path secrets in one pattern: most messages hold none, and one scan says so. */
const ANY_HINT = new RegExp(
  [...PROVIDER_TOKEN.hinted.map(({ hint }) => (typeof hint === 'string' ? hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : hint.source)), 'hooks', 'telegram'].join('|'),
);

export function maskProviderTokens(text: string): string {
  let masked = text.replace(PROVIDER_TOKEN.prefixed, maskToken);
  if (!ANY_HINT.test(masked)) return masked;
  for (const { hint, pattern } of PROVIDER_TOKEN.hinted) {
    if (typeof hint === 'string' ? masked.includes(hint) : hint.test(masked)) masked = masked.replace(pattern, maskToken);
  }
  return masked.includes('hooks') || masked.includes('telegram')
    ? masked.replace(URL_PATH_SECRETS, (_all, slack?: string, discord?: string, telegram?: string) => `${slack ?? discord ?? telegram ?? ''}${SECRET}`)
    : masked;
}

export const AUTH_SCHEMES = ['Bearer', 'Basic', 'Token', 'Digest', 'Negotiate', 'NTLM', 'Bot', 'SSWS', 'JWT', 'ApiKey', 'OAuth'];

const AUTH_CREDENTIAL = new RegExp(
  String.raw`\b((?:${AUTH_SCHEMES.join('|')})|(?:${AUTH_SCHEMES.map((s) => s.toLowerCase()).join('|')}))([ \t]+)([A-Za-z0-9._~+/=:%-]{1,4096})`,
  'g',
);

/** `Authorization: Bearer abc…` and the like; `Basic Authentication Failure` keeps its words. */
export function maskAuthCredentials(text: string): string {
  return text.replace(AUTH_CREDENTIAL, (all, scheme: string, space: string, credential: string, offset: number) => {
    const trimmed = credential.replace(/[.,:;]+$/, '');
    if (text[offset - 1] === '-' || !looksLikeSecretValue(trimmed)) return all;
    return `${scheme}${space}${SECRET}${credential.slice(trimmed.length)}`;
  });
}

/**
 * `://user:password@`. The password runs to the last `@` before the host (passwords hold `@` and `#`);
 * failing that, to the first `@` even across a `/` (a base64 password pasted raw).
 */
const URL_USERINFO = /:\/\/([^\s:/@?#]{1,128})(?::([^\s/?]{0,256}|[^\s?]{0,128}?))?@/g;

/** `scheme://user:password@host`: the password becomes `<secret>`, a personal user name `<user>`. */
export function maskUrlCredentials(text: string): string {
  if (!text.includes('://') || !text.includes('@')) return text;
  return text.replace(URL_USERINFO, (_all, user: string, password: string | undefined) => {
    const shownUser = isServiceAccount(user) ? user : PLACEHOLDER.user;
    return password === undefined ? `://${shownUser}@` : `://${shownUser}:${SECRET}@`;
  });
}
