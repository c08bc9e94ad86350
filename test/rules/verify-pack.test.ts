import { describe, expect, it } from 'vitest';
import { signPack, verifyPack, type PackRefusal } from '@tapheal/rules';
import { generateTestKey, makePack, makeRule, signedPackJson } from '../helpers/packs.js';

const trusted = generateTestKey();
const stranger = generateTestKey();
const now = new Date('2026-11-25T12:00:00Z');
const options = { trustedKeys: [trusted.public], now };

function refusal(raw: string | Uint8Array, extra: Partial<Parameters<typeof verifyPack>[1]> = {}): PackRefusal | 'accepted' {
  const result = verifyPack(raw, { ...options, ...extra });
  return result.ok ? 'accepted' : result.reason;
}

describe('verifyPack', () => {
  it('accepts a pack signed by a trusted key and names that key', () => {
    const result = verifyPack(signedPackJson(makePack(), [trusted]), options);
    expect(result.ok && result.value.keyid).toBe(trusted.public.keyid);
  });

  it('hands back the matcher it compiled while checking the patterns', () => {
    const result = verifyPack(signedPackJson(makePack(), [trusted]), options);
    expect(result.ok && result.value.matcher.classify('spawn uvx ENOENT').ruleId).toBe('command_not_found.spawn_enoent');
  });

  it('accepts the same pack given as bytes', () => {
    expect(refusal(Buffer.from(signedPackJson(makePack(), [trusted])))).toBe('accepted');
  });

  it('refuses a pack over the size limit before parsing it', () => {
    const result = verifyPack('{' + ' '.repeat(100) + '}', { ...options, maxBytes: 50 });
    expect(result.ok ? 'accepted' : [result.reason, result.detail]).toEqual(['too_large', expect.stringMatching(/102 bytes, over the limit of 50/)]);
  });

  it('refuses text that is not JSON', () => {
    expect(refusal('{"signed": ')).toBe('unparseable');
  });

  it('refuses JSON that is not a signed envelope', () => {
    expect(refusal(JSON.stringify(makePack()))).toBe('unparseable');
    expect(refusal(JSON.stringify({ signed: makePack(), signatures: [] }))).toBe('unparseable');
  });

  it('refuses a pack signed only by a key it does not trust', () => {
    expect(refusal(signedPackJson(makePack(), [stranger]))).toBe('untrusted_key');
  });

  it('refuses a pack whose content was changed after signing', () => {
    const envelope = JSON.parse(signedPackJson(makePack(), [trusted]));
    envelope.signed.rules[0].fix = 'report_only';
    expect(refusal(JSON.stringify(envelope))).toBe('bad_signature');
  });

  it('refuses a signature made by another key under a trusted keyid', () => {
    const envelope = signPack(makePack(), [{ keyid: trusted.public.keyid, privateKey: stranger.signing.privateKey }]);
    expect(refusal(JSON.stringify(envelope))).toBe('bad_signature');
  });

  it('verifies the canonical form, so member order and spacing do not matter', () => {
    const envelope = JSON.parse(signedPackJson(makePack(), [trusted]));
    const { rules, ...rest } = envelope.signed;
    const reordered = { signatures: envelope.signatures, signed: { rules, ...rest } };
    expect(refusal(JSON.stringify(reordered, null, 2))).toBe('accepted');
  });

  it('accepts a pack signed by a new and an old key during a rotation', () => {
    expect(refusal(signedPackJson(makePack(), [stranger, trusted]))).toBe('accepted');
  });

  it('hands back the keys a pack introduces, so the caller can pin them', () => {
    const result = verifyPack(signedPackJson(makePack({ keys: [{ keyid: stranger.public.keyid, pem: stranger.publicPem }] }), [trusted]), options);
    expect(result.ok && result.value.pack.keys?.map((key) => key.keyid)).toEqual([stranger.public.keyid]);
  });

  it('refuses a pack signed by an unknown key that lists itself among its keys', () => {
    const raw = signedPackJson(makePack({ keys: [{ keyid: stranger.public.keyid, pem: stranger.publicPem }] }), [stranger]);
    expect(refusal(raw)).toBe('untrusted_key');
  });

  it('refuses a signed pack whose introduced key does not match its keyid', () => {
    expect(refusal(signedPackJson(makePack({ keys: [{ keyid: trusted.public.keyid, pem: stranger.publicPem }] }), [trusted]))).toBe('invalid_pack');
  });

  it('refuses a signed pack that does not parse as a pack', () => {
    expect(refusal(signedPackJson(makePack({ version: -1 }), [trusted]))).toBe('invalid_pack');
  });

  it('refuses a pattern outside the linear-time language and names the rule', () => {
    const pack = makePack({ rules: [makeRule({ id: 'bad.backref', pattern: '(a)\\1' })] });
    const result = verifyPack(signedPackJson(pack, [trusted]), options);
    expect(result.ok ? 'accepted' : [result.reason, result.detail]).toEqual([
      'unsafe_pattern',
      expect.stringMatching(/rule bad\.backref: pattern refused: back-references/),
    ]);
  });

  it('refuses an expired pack', () => {
    expect(refusal(signedPackJson(makePack({ expiresAt: '2026-11-25T11:59:59Z' }), [trusted]))).toBe('expired');
  });

  it('refuses a pack that is not newer than the one held (no rollback)', () => {
    const raw = signedPackJson(makePack({ version: 7 }), [trusted]);
    expect(refusal(raw, { currentVersion: 7 })).toBe('not_newer');
    expect(refusal(raw, { currentVersion: 8 })).toBe('not_newer');
    expect(refusal(raw, { currentVersion: 6 })).toBe('accepted');
  });

  it('accepts a catastrophic-for-backtracking pattern, which the engine matches in linear time', () => {
    const pack = makePack({ rules: [makeRule({ id: 'redos', pattern: '(a+)+$' })] });
    expect(refusal(signedPackJson(pack, [trusted]))).toBe('accepted');
  });
});
