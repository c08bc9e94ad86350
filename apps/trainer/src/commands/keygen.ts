/**
 * `tapheal-trainer keygen --out FILE [--force]`: a new ed25519 signing key (PKCS#8 PEM, mode 0600) for
 * TAPHEAL_SIGNING_KEY_FILE or `build-pack --key`; prints its key id and public key (the PEM clients pin).
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { keyIdOf } from '@tapheal/rules';
import { CommandError, EXIT_FAILURE, EXIT_OK, parseOptions, usageError, type Command } from './command.js';

export const keygenCommand: Command = {
  usage: `  keygen --out FILE [--force]
                           write a new ed25519 signing key to FILE (mode 0600; --force replaces one);
                           prints {"keyid", "publicKey"}: pin the public key in clients' trusted-keys`,
  async run(args, io) {
    const { values } = parseOptions('keygen', args, { out: { type: 'string' }, force: { type: 'boolean' } });
    if (!values.out) throw usageError('keygen needs --out FILE');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      await writeFile(values.out, pem, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CommandError(EXIT_FAILURE, code === 'EEXIST' ? `${values.out} exists: keeping it (use --force to replace it)` : `cannot write ${values.out}: ${code ?? (error as Error).message}`);
    }
    io.stdout.write(`${JSON.stringify({ keyid: keyIdOf(publicKey), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() })}\n`);
    return EXIT_OK;
  },
};
