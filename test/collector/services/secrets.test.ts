/** The maintainer token and signing key: from their variables, else read from or generated into DATA_DIR. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE, SIGNING_KEY_FILE, SecretsError, loadSecrets } from '@tapheal/collector';
import { keyIdOf } from '@tapheal/rules';
import { makeTempDir } from '../../helpers/packs.js';

describe('loadSecrets', () => {
  it('generates a token and an ed25519 key on first start, readable only by the owner, and reuses them after', async () => {
    const dataDir = join(makeTempDir(), 'data');
    const first = await loadSecrets({ dataDir });
    expect(first.generated).toEqual({ adminTokenFile: join(dataDir, ADMIN_TOKEN_FILE), signingKeyFile: join(dataDir, SIGNING_KEY_FILE) });
    expect(first.adminToken).toMatch(/^[\w-]{40,}$/);
    expect(first.signingKey.privateKey.asymmetricKeyType).toBe('ed25519');
    for (const file of [ADMIN_TOKEN_FILE, SIGNING_KEY_FILE]) expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    const second = await loadSecrets({ dataDir });
    expect(second.generated).toEqual({});
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.signingKey.keyid).toBe(first.signingKey.keyid);
  });

  it('prefers TAPHEAL_ADMIN_TOKEN and TAPHEAL_SIGNING_KEY_FILE, and writes nothing then', async () => {
    const dir = makeTempDir();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const secrets = await loadSecrets({ dataDir: join(dir, 'data'), adminToken: 'given-token-0123456789', signingKeyFile: keyFile });
    expect(secrets.adminToken).toBe('given-token-0123456789');
    expect(secrets.signingKey.keyid).toBe(keyIdOf(publicKey));
    expect(secrets.generated).toEqual({});
    expect(() => statSync(join(dir, 'data'))).toThrow();
  });

  it('refuses a missing key file, a non-ed25519 key and a short token file with a clear error', async () => {
    const dir = makeTempDir();
    await expect(loadSecrets({ dataDir: dir, signingKeyFile: join(dir, 'absent.pem') })).rejects.toThrow(/TAPHEAL_SIGNING_KEY_FILE: cannot read .*absent\.pem \(ENOENT\)/);
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(loadSecrets({ dataDir: dir, signingKeyFile: rsa })).rejects.toThrow(/not ed25519/);
    const short = makeTempDir();
    writeFileSync(join(short, ADMIN_TOKEN_FILE), 'short\n');
    await expect(loadSecrets({ dataDir: short })).rejects.toBeInstanceOf(SecretsError);
    expect(readFileSync(join(short, ADMIN_TOKEN_FILE), 'utf8')).toBe('short\n');
  });

  it("reads the next key's public half from TAPHEAL_NEXT_SIGNING_KEY_FILE, private or public PEM, and refuses a bad one", async () => {
    const dir = makeTempDir();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const privateFile = join(dir, 'next.pem');
    writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const publicFile = join(dir, 'next.pub.pem');
    writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
    for (const file of [privateFile, publicFile]) {
      const secrets = await loadSecrets({ dataDir: join(dir, 'data'), nextSigningKeyFile: file });
      expect(secrets.nextKey).toEqual({ keyid: keyIdOf(publicKey), pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
      expect(secrets.nextKey!.pem).not.toMatch(/PRIVATE/);
    }
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a key');
    await expect(loadSecrets({ dataDir: join(dir, 'data'), nextSigningKeyFile: garbage })).rejects.toThrow(/TAPHEAL_NEXT_SIGNING_KEY_FILE: /);
  });
});
