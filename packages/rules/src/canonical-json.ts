/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the bytes a pack signature covers.
 *
 * Object members are sorted by the UTF-16 code units of their names, numbers use ECMAScript's shortest
 * round-trip form (what JSON.stringify already prints), strings use JSON.stringify's escaping (which is
 * JCS's), and there is no white space. Values that JSON cannot carry are refused.
 */
import { LONE_SURROGATE } from './storable-text.js';

export class CanonicalJsonError extends Error {
  readonly code = 'CANONICAL_JSON_UNSUPPORTED';
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}


export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError('string holds a lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`number ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new CanonicalJsonError(`${typeof value} has no JSON form`);
  }
}

function canonicalObject(object: Record<string, unknown>): string {
  const members = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort()
    .map((key) => `${canonicalJson(key)}:${canonicalJson(object[key])}`);
  return `{${members.join(',')}}`;
}
