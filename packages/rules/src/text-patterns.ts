/**
 * Pattern sources that the anonymiser and the normaliser must agree on. Each user builds its own
 * RegExp from them (global RegExps carry state, so they are not shared as objects).
 */
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

/** A dotted IPv4 address that is not part of a longer dotted number or word (not a version). */
export const IPV4_SOURCE = String.raw`(?<![\w.])${OCTET}(?:\.${OCTET}){3}(?![\w]|\.\d)`;
