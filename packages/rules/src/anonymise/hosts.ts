/**
 * Host names that are not public package or API hosts become `<host>`: `build-07.corp.example.com`,
 * `ip-10-0-3-17.ec2.internal`, `alices-MacBook-Pro.local`. A dotted word is taken for a host only when
 * something says so: a private suffix (`.local`, `.internal`), a URL or `user@` or `:port` around it, or a
 * common public suffix (`.com`, `.io`). File names (`index.js`, `chunk-65X3S4HB.js`), module names
 * (`mcp.server.fastmcp`), versions (`v20.19.0`) and calls (`Path.home()`) never qualify.
 */
import { COMMON_TLDS, FILE_EXTENSIONS, PRIVATE_TLDS, PUBLIC_DOMAINS, PUBLIC_HOSTS } from './host-lists.js';
import { PLACEHOLDER } from './placeholders.js';

const publicDomains = new Set(PUBLIC_DOMAINS);
const publicHosts = new Set(PUBLIC_HOSTS);
const privateTlds = new Set(PRIVATE_TLDS);
const commonTlds = new Set(COMMON_TLDS);
const fileExtensions = new Set(FILE_EXTENSIONS);

/** The longest host name DNS allows; anything longer is not one. */
const MAX_HOST_LENGTH = 253;

export function isPublicHost(host: string): boolean {
  if (host.length > MAX_HOST_LENGTH) return false;
  const lower = host.toLowerCase();
  if (publicHosts.has(lower)) return true;
  for (let dot = -1; ; ) {
    if (publicDomains.has(lower.slice(dot + 1))) return true;
    dot = lower.indexOf('.', dot + 1);
    if (dot < 0) return false;
  }
}

const SPOKEN_HOST = /(?:\bENOTFOUND|\bEAI_AGAIN|\bgetaddrinfo|\b[Hh]ost(?:name)?[=:]) ?$/;
/** `//` starts a host only after a scheme or on its own (`//registry.npmjs.org/:_authToken`), not in `a//b.rts`. */
const URL_START = /(?:^|[\s'"(=:,])\/\/$/;
/** A label that can end a host name before a port: lowercase or uppercase, never camelCase (`state.clipTop:180`). */
const HOST_LABEL = /^(?:[a-z0-9-]+|[A-Z0-9-]+)$/;

interface Context {
  before: string;
  after: string;
}

/** A URL, `user@`, `:port` or a resolver error around the name says it is a host. */
function saysHost({ before, after }: Context, tld: string): boolean {
  if (URL_START.test(before) || before.endsWith('@') || SPOKEN_HOST.test(before)) return true;
  return /^:\d{2,5}(?![\d:])/.test(after) && HOST_LABEL.test(tld) && !fileExtensions.has(tld.toLowerCase());
}

/** `com.android.server.wm`, `com.apple.networkd`: a Java or Apple identifier read backwards, not a host. */
const isReverseDns = (labels: string[]): boolean => labels.length >= 3 && commonTlds.has(labels[0]!) && !commonTlds.has(labels[labels.length - 1]!);

/** `index.js`, `icon@2x.png`; but `my-app.fly.app` is a host. */
const isFileName = (tld: string, labels: number): boolean => fileExtensions.has(tld) && !(tld === 'app' && labels >= 3);

function shouldMask(host: string, context: Context): boolean {
  if (host.length > MAX_HOST_LENGTH) return false;
  const next = context.after[0];
  if (next === '_' || next === '(' || (next === '.' && /^\.\w/.test(context.after))) return false;
  const labels = host.split('.');
  const tld = labels[labels.length - 1]!;
  const lowerLabels = labels.map((label) => label.toLowerCase());
  const lowerTld = tld.toLowerCase();
  if (/^\d/.test(tld) || isPublicHost(host)) return false;
  if (privateTlds.has(lowerTld)) return true;
  const inUrl = URL_START.test(context.before);
  if (!inUrl && (isReverseDns(lowerLabels) || isFileName(lowerTld, labels.length))) return false;
  if (saysHost(context, tld)) return true;
  return !/[/\\]$/.test(context.before) && commonTlds.has(lowerTld);
}

/**
 * Most dotted words are file and module names (`index.js`, `JSON.parse`); this settles them from the
 * suffix and the two neighbouring characters, before any context is cut out of the text.
 */
function plainlyNotHost(host: string, text: string, offset: number): boolean {
  const previous = text[offset - 1] ?? ' ';
  if (previous === '.' || previous === '-') return true;
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (privateTlds.has(tld) || commonTlds.has(tld) || previous === '/' || previous === '@') return false;
  if (text[offset + host.length] === ':' || fileExtensions.has(tld)) return fileExtensions.has(tld) && tld !== 'app';
  return !(previous === ' ' || previous === '=' || previous === ':') || !SPOKEN_HOST.test(text.slice(Math.max(0, offset - 16), offset));
}

const isAlnumCode = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isLabelCode = (code: number): boolean => isAlnumCode(code) || code === 45;
const MAX_LABEL_LENGTH = 63;

/**
 * The dotted name around the dot at `dot` (labels of letters, digits and `-`, starting with a letter or
 * digit), or null when the dot does not sit inside one or a label is longer than DNS allows.
 */
function dottedNameAround(text: string, dot: number): { start: number; end: number } | null {
  let start = dot;
  while (start > 0 && isLabelCode(text.charCodeAt(start - 1))) start--;
  while (start < dot && text.charCodeAt(start) === 45) start++;
  let end = dot + 1;
  let label = 0;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (isLabelCode(code)) label++;
    else if (code === 46 && label > 0 && isAlnumCode(text.charCodeAt(end + 1))) label = 0;
    else break;
    if (label > MAX_LABEL_LENGTH) return null;
  }
  return start < dot && dot - start <= MAX_LABEL_LENGTH ? { start, end } : null;
}

/** Finds dotted names from their dots (far fewer than words) and masks those that are private hosts. */
export function maskHosts(text: string): string {
  let out = '';
  let last = 0;
  for (let dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if (!isAlnumCode(text.charCodeAt(dot + 1)) || !isLabelCode(text.charCodeAt(dot - 1))) continue;
    const name = dottedNameAround(text, dot);
    if (name === null) continue;
    const host = text.slice(name.start, name.end);
    dot = name.end - 1;
    if (plainlyNotHost(host, text, name.start)) continue;
    const context = { before: text.slice(Math.max(0, name.start - 24), name.start), after: text.slice(name.end, name.end + 8) };
    if (!shouldMask(host, context)) continue;
    out += text.slice(last, name.start) + PLACEHOLDER.host;
    last = name.end;
  }
  return last === 0 ? text : out + text.slice(last);
}
