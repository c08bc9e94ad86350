/** Builds packs, keys and signed envelopes for tests. Keys are generated per run, never stored. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_TAXONOMY, keyIdOf, signPack, type Pack, type PublicKey, type Rule, type SigningKey } from '@tapheal/rules';

export interface TestKey {
  signing: SigningKey;
  public: PublicKey;
  publicPem: string;
}

export function generateTestKey(): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keyid = keyIdOf(publicKey);
  return {
    signing: { keyid, privateKey },
    public: { keyid, key: publicKey },
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function makeRule(overrides: Partial<Rule> & Pick<Rule, 'id' | 'pattern'>): Rule {
  return { category: 'command_not_found', confidence: 0.9, fix: 'resolve_command_path', support: { reports: 0, installs: 0 }, ...overrides };
}

export function makePack(overrides: Partial<Pack> = {}): Pack {
  return {
    format: 1,
    version: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2099-01-01T00:00:00.000Z',
    categories: BASE_TAXONOMY.map((category) => ({ ...category, fixes: [...category.fixes] })),
    rules: [makeRule({ id: 'command_not_found.spawn_enoent', pattern: 'spawn \\S+ ENOENT' })],
    ...overrides,
  };
}

export const signedPackJson = (pack: Pack, keys: readonly TestKey[]): string =>
  JSON.stringify(signPack(pack, keys.map((key) => key.signing)));

const tempDirs: string[] = [];
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test process exits. */
export function makeTempDir(prefix = 'tapheal-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function writeFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
