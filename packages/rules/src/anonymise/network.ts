/**
 * E-mail addresses and IP addresses. Loopback and unspecified addresses (127.0.0.0/8, 0.0.0.0, ::1, ::)
 * stay: they diagnose connection failures and belong to no one. Ports are not part of an address, so
 * `<ip>:5432` keeps its port.
 */
import { IPV4_SOURCE } from '../text-patterns.js';
import { PLACEHOLDER } from './placeholders.js';

const LOCAL = String.raw`[\w.%+\-\u0080-\uffff]`;
const LABEL = String.raw`[A-Za-z0-9\u0080-\uffff][A-Za-z0-9\-\u0080-\uffff]{0,62}`;
const EMAIL = new RegExp(String.raw`(?<!${LOCAL})(${LOCAL}{1,64})@((?:${LABEL}\.){1,8}([A-Za-z\u0080-\uffff]{2,24}))(?![\w-])`, 'g');

/** Things that look like `name@x.png`: a file name with a density suffix, not an address. */
const NOT_A_TLD = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'js', 'mjs', 'cjs', 'ts', 'json', 'map', 'css', 'html', 'md', 'txt', 'py']);

export function maskEmails(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(EMAIL, (all, local: string, _domain: string, tld: string) => {
    if (NOT_A_TLD.has(tld.toLowerCase())) return all;
    return local === 'git' ? all : PLACEHOLDER.email;
  });
}

const IPV4 = new RegExp(IPV4_SOURCE, 'g');

export function maskIpv4(text: string): string {
  return text.replace(IPV4, (ip) => (ip.startsWith('127.') || ip === '0.0.0.0' ? ip : PLACEHOLDER.ip));
}

const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]{1,44}(?:%[A-Za-z0-9]{1,16})?/g;
/** Without `::` an address has all eight groups. */
const IPV6_FULL = /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?:%[A-Za-z0-9]{1,16})?/g;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** The groups of an IPv6 address, or null when the text is not one (a time such as `14:50:10` is not). */
function ipv6Groups(candidate: string): string[] | null {
  const address = candidate.replace(/%.*$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => HEX_GROUP.test(group))) return null;
  if (halves.length === 1 && groups.length !== 8) return null;
  return groups.length <= 8 ? groups : null;
}

/** `::`, `::1`, and Node's `:::3000` (`::` port 3000) and `::1:5002` (`::1` port 5002). */
const isLocalIpv6 = (candidate: string, groups: string[]): boolean =>
  candidate.startsWith(':::') ||
  /^::(?:1(?::\d{1,5})?)?$/.test(candidate) ||
  (groups.length === 8 && groups.every((group, i) => Number.parseInt(group, 16) === (i === 7 ? 1 : 0)));

const isHexCode = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);

/** Seven colons in a row with one to four hex digits between each: the shape of `a:b:c:d:e:f:g:h`. */
function hasFullIpv6Shape(text: string): boolean {
  let chained = 0;
  let previous = -1;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
    const gap = at - previous - 1;
    let hex = previous >= 0 && gap >= 1 && gap <= 4;
    for (let i = previous + 1; hex && i < at; i++) hex = isHexCode(text.charCodeAt(i));
    chained = hex ? chained + 1 : 0;
    if (chained >= 6) return true;
    previous = at;
  }
  return false;
}

export function maskIpv6(text: string): string {
  const compressed = text.includes('::');
  if (!compressed && !hasFullIpv6Shape(text)) return text;
  return text.replace(compressed ? IPV6_CANDIDATE : IPV6_FULL, (candidate) => {
    const zone = /%[A-Za-z0-9]+$/.exec(candidate)?.[0] ?? '';
    const bare = candidate.slice(0, candidate.length - zone.length);
    const address = bare.endsWith(':') && !bare.endsWith('::') ? bare.slice(0, -1) : bare;
    const groups = ipv6Groups(address);
    if (groups === null || isLocalIpv6(address, groups)) return candidate;
    if (!/\d/.test(address) && groups.length < 3) return candidate;
    // The zone (`%eth0`) names an interface, not a machine, and diagnoses; it stays.
    return PLACEHOLDER.ip + bare.slice(address.length) + zone;
  });
}
