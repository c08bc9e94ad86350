import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_TAXONOMY } from '@tapheal/rules';
import { jsonLines, runTapheal } from '../helpers/cli.js';
import { generateTestKey, makePack, makeRule, makeTempDir, signedPackJson, writeFile } from '../helpers/packs.js';

const key = generateTestKey();
const otherKey = generateTestKey();
const customPack = makePack({
  version: 5,
  categories: [...BASE_TAXONOMY.map((c) => ({ ...c, fixes: [...c.fixes] })), { id: 'quota_exceeded', title: 'Quota', description: 'Quota exceeded.', fixes: ['report_only'] }],
  rules: [makeRule({ id: 'quota_exceeded.429', category: 'quota_exceeded', fix: 'report_only', pattern: '(?i)quota exceeded' })],
});

function setup() {
  const dir = makeTempDir();
  const home = join(dir, 'home');
  const keyFile = writeFile(dir, 'trusted.pem', key.publicPem);
  return { dir, home, keyFile };
}

describe('tapheal classify', () => {
  it('writes one diagnosis per input line, in order, echoing ids, with an empty TAPHEAL_HOME', () => {
    const { home } = setup();
    const input = jsonLines([
      { id: 'a', message: 'Error: spawn npx ENOENT' },
      { message: 'MCP error -32001: Request timed out' },
      { id: 7, message: 'connect ECONNREFUSED 127.0.0.1:8000', extra: true },
    ]);
    const run = runTapheal(['classify'], { input, home });
    expect(run.status).toBe(0);
    expect(run.lines.map((l) => [l.id, l.category])).toEqual([
      ['a', 'command_not_found'],
      [null, 'timeout'],
      [7, 'connection_refused'],
    ]);
    expect(Object.keys(run.lines[0]!)).toEqual(['id', 'category', 'confidence', 'ruleId', 'fix']);
  });

  it('gives bad lines an error object on their own output line and goes on', () => {
    const { home } = setup();
    const input = ['{"id":"ok1","message":"spawn uvx ENOENT"}', '{not json', '', '[1,2]', '{"id":"m","message":42}', '{"id":"n"}', '{"id":"ok2","message":"EADDRINUSE: address already in use :::3000"}'].join('\n') + '\n';
    const run = runTapheal(['classify'], { input, home });
    expect(run.status).toBe(0);
    expect(run.lines).toHaveLength(7);
    expect(run.lines.map((l) => (l.error as { code?: string } | undefined)?.code ?? l.category)).toEqual([
      'command_not_found',
      'INVALID_JSON',
      'EMPTY_LINE',
      'INVALID_LINE',
      'INVALID_LINE',
      'INVALID_LINE',
      'port_in_use',
    ]);
    expect(run.lines[4]).toEqual({ id: 'm', error: { code: 'INVALID_LINE', message: '"message" is number, not a string', line: 5 } });
    expect(run.stderr).toMatch(/5 of 7 lines had errors/);
  });

  it('classifies with a signed pack given by --pack and --trust-key', () => {
    const { dir, home, keyFile } = setup();
    const packFile = writeFile(dir, 'pack.json', signedPackJson(customPack, [key]));
    const run = runTapheal(['classify', '--pack', packFile, '--trust-key', keyFile], { input: jsonLines([{ id: 1, message: 'Error 429: Quota exceeded for today' }]), home });
    expect(run.status).toBe(0);
    expect(run.lines).toEqual([{ id: 1, category: 'quota_exceeded', confidence: 0.9, ruleId: 'quota_exceeded.429', fix: 'report_only' }]);
  });

  it.each([
    ['expired', () => signedPackJson(makePack({ expiresAt: '2020-01-01T00:00:00Z' }), [key]), /pack refused \(expired\): pack 2 expired at 2020-01-01/],
    ['bad signature', () => signedPackJson(makePack(), [key]).replace('spawn', 'spawm'), /pack refused \(bad signature\)/],
    ['untrusted key', () => signedPackJson(makePack(), [otherKey]), /pack refused \(untrusted key\)/],
    ['not a pack', () => signedPackJson({ ...makePack(), rules: 'none' } as never, [key]), /pack refused \(invalid pack\): not a valid pack: rules:/],
    ['not JSON', () => 'this is not a pack', /pack refused \(unparseable\): not JSON/],
    ['unsafe pattern', () => signedPackJson(makePack({ rules: [makeRule({ id: 'x.lookahead', pattern: 'a(?=b)' })] }), [key]), /pack refused \(unsafe pattern\): rule x\.lookahead/],
  ])('refuses a pack that is %s: exit 3, one clear line, nothing on stdout', (_what, content, message) => {
    const { dir, home, keyFile } = setup();
    const packFile = writeFile(dir, 'pack.json', content());
    const run = runTapheal(['classify', '--pack', packFile, '--trust-key', keyFile], { input: jsonLines([{ message: 'spawn npx ENOENT' }]), home });
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('refuses a pack over 5 MiB without reading it whole', () => {
    const { dir, home, keyFile } = setup();
    const packFile = writeFile(dir, 'huge.json', ' '.repeat(5 * 1024 * 1024 + 1));
    const run = runTapheal(['classify', '--pack', packFile, '--trust-key', keyFile], { input: '', home });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/pack refused \(too large\): .*5242881 bytes, over the limit of 5242880/);
  });

  it('refuses a pack given without any key to trust', () => {
    const { dir, home } = setup();
    const packFile = writeFile(dir, 'pack.json', signedPackJson(customPack, [key]));
    const run = runTapheal(['classify', '--pack', packFile], { input: '', home });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/untrusted key/);
  });

  it('refuses a --trust-key file that is not an ed25519 public key', () => {
    const { dir, home } = setup();
    const badKey = writeFile(dir, 'bad.pem', 'not a key');
    const run = runTapheal(['classify', '--trust-key', badKey], { input: '', home });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/bad\.pem is not an ed25519 public key/);
  });

  it('says when the pack file cannot be read', () => {
    const { dir, home, keyFile } = setup();
    const run = runTapheal(['classify', '--pack', join(dir, 'missing.json'), '--trust-key', keyFile], { input: '', home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot read pack .*missing\.json: ENOENT/);
  });

  it('uses the newer pack held in TAPHEAL_HOME when a pinned key signed it', () => {
    const { home } = setup();
    mkdirSync(join(home, 'packs'), { recursive: true });
    mkdirSync(join(home, 'trusted-keys'), { recursive: true });
    writeFileSync(join(home, 'packs', 'current.json'), signedPackJson(customPack, [key]));
    writeFileSync(join(home, 'trusted-keys', 'collector.pem'), key.publicPem);
    const run = runTapheal(['classify'], { input: jsonLines([{ message: 'quota exceeded' }]), home });
    expect(run.lines[0]?.category).toBe('quota_exceeded');
  });

  it('falls back to the built-in pack, and says why, when the held pack is corrupt', () => {
    const { home } = setup();
    mkdirSync(join(home, 'packs'), { recursive: true });
    writeFileSync(join(home, 'packs', 'current.json'), '{"signed": {trunc');
    const run = runTapheal(['classify'], { input: jsonLines([{ message: 'spawn npx ENOENT' }]), home });
    expect(run.status).toBe(0);
    expect(run.lines[0]?.category).toBe('command_not_found');
    expect(run.stderr).toMatch(/using the built-in pack: the held pack was passed over: pack refused \(unparseable\)/);
  });
});

describe('tapheal usage', () => {
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['classify', '--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['anonymise', 'extra'], /Unexpected argument 'extra'/],
  ])('exits 2 with a clear line for %j', (args, message) => {
    const run = runTapheal(args, { input: '', home: makeTempDir() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('prints its help and its version', () => {
    const home = makeTempDir();
    expect(runTapheal(['--help'], { home }).stdout).toMatch(/Usage: tapheal <command>/);
    expect(runTapheal(['--version'], { home }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
