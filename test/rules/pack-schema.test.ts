import { describe, expect, it } from 'vitest';
import { parseEnvelope, parsePack } from '@tapheal/rules';
import { generateTestKey, makePack, makeRule } from '../helpers/packs.js';

describe('parsePack', () => {
  it('accepts a well-formed pack', () => {
    const result = parsePack(makePack());
    expect(result.ok).toBe(true);
  });

  it('drops fields it does not know, so older clients read newer packs', () => {
    const result = parsePack({ ...makePack(), futureField: { x: 1 } });
    expect(result.ok && 'futureField' in result.value).toBe(false);
  });

  it.each([
    ['format', { format: 2 }, /^format:/],
    ['version', { version: 0 }, /^version:/],
    ['version', { version: 1.5 }, /^version:/],
    ['createdAt', { createdAt: 'yesterday' }, /^createdAt:/],
    ['expiresAt', { expiresAt: undefined }, /^expiresAt:/],
    ['categories', { categories: [] }, /^categories:/],
    ['minClientVersion', { minClientVersion: 'one' }, /^minClientVersion:/],
  ])('refuses a bad %s and names it', (_field, overrides, message) => {
    const result = parsePack({ ...makePack(), ...overrides });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('invalid_pack');
      expect(result.detail).toMatch(message);
    }
  });

  it.each([
    ['a fix outside the closed set', { fix: 'run_shell' as never }, /rules\.0\.fix/],
    ['a confidence above 1', { confidence: 1.5 }, /rules\.0\.confidence/],
    ['an upper-case rule id', { id: 'Bad Id' }, /rules\.0\.id/],
    ['an empty pattern', { pattern: '' }, /rules\.0\.pattern/],
    ['a category the pack does not define', { category: 'ghosts' }, /rules\.0\.category: "ghosts" is not among/],
  ])('refuses a rule with %s', (_what, overrides, message) => {
    const pack = makePack({ rules: [makeRule({ id: 'r1', pattern: 'x', ...overrides })] });
    const result = parsePack(pack);
    expect(result.ok ? 'accepted' : result.detail).toMatch(message);
  });

  it('refuses duplicate rule ids', () => {
    const rules = [makeRule({ id: 'same', pattern: 'a' }), makeRule({ id: 'same', pattern: 'b' })];
    const result = parsePack(makePack({ rules }));
    expect(result.ok ? 'accepted' : result.detail).toMatch(/rules\.1\.id: duplicate id "same"/);
  });

  it('refuses duplicate category ids', () => {
    const pack = makePack();
    const result = parsePack({ ...pack, categories: [...pack.categories, pack.categories[0]] });
    expect(result.ok ? 'accepted' : result.detail).toMatch(/duplicate id "command_not_found"/);
  });

  it('refuses what is not an object at all', () => {
    expect(parsePack('pack').ok).toBe(false);
    expect(parsePack(null).ok).toBe(false);
  });
});

describe('parsePack: keys introduced for key rotation', () => {
  const next = generateTestKey();
  const other = generateTestKey();

  it('accepts keys whose keyid is the SHA-256 of their pem, and keeps them', () => {
    const result = parsePack(makePack({ keys: [{ keyid: next.public.keyid, pem: next.publicPem }] }));
    expect(result.ok && result.value.keys).toEqual([{ keyid: next.public.keyid, pem: next.publicPem }]);
  });

  it('accepts a pack without keys, as packs were before', () => {
    const result = parsePack(makePack());
    expect(result.ok && result.value.keys).toBeUndefined();
  });

  it.each([
    ['a keyid that names another key', () => [{ keyid: other.public.keyid, pem: next.publicPem }], /^keys\.0\.keyid: does not match its pem/],
    ['a pem that is not a key', () => [{ keyid: next.public.keyid, pem: 'not a key' }], /^keys\.0\.pem: not a PEM public key/],
    ['a keyid that is not hex SHA-256', () => [{ keyid: 'abc', pem: next.publicPem }], /^keys\.0\.keyid:/],
    ['more than four keys', () => Array.from({ length: 5 }, () => ({ keyid: next.public.keyid, pem: next.publicPem })), /^keys:/],
  ])('refuses %s as an invalid pack', (_what, keys, message) => {
    const result = parsePack({ ...makePack(), keys: keys() });
    expect(result.ok ? 'accepted' : [result.reason, result.detail]).toEqual(['invalid_pack', expect.stringMatching(message)]);
  });
});

describe('parseEnvelope', () => {
  it('needs at least one signature with a hex keyid and a base64 signature', () => {
    expect(parseEnvelope({ signed: {}, signatures: [] }).ok).toBe(false);
    expect(parseEnvelope({ signed: {}, signatures: [{ keyid: 'abc', sig: 'AAAA' }] }).ok).toBe(false);
    expect(parseEnvelope({ signed: {}, signatures: [{ keyid: 'a'.repeat(64), sig: 'not base64!' }] }).ok).toBe(false);
    expect(parseEnvelope({ signed: {}, signatures: [{ keyid: 'a'.repeat(64), sig: 'AAAA' }] }).ok).toBe(true);
  });
});
