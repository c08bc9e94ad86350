/** Reading and writing config files on disk: the .bak, atomic replacement, and what a failure leaves behind. */
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeConfigFs, type ConfigFs } from '../../../packages/client/src/config/config-fs.js';
import type { ConfigFile } from '../../../packages/client/src/config/mcp-server-config.js';
import { readConfigFile } from '../../../packages/client/src/config/read-config-file.js';
import { writeConfig } from '../../../packages/client/src/config/write-config.js';
import { makeTempDir } from '../../helpers/packs.js';
import { readFixture } from './fixtures.js';

const ORIGINAL = readFixture('claudeDesktop');

/** A Claude Desktop config in a fresh directory, read back; `mode` sets its permissions first. */
async function setUp(mode = 0o644): Promise<{ dir: string; file: string; config: ConfigFile }> {
  const dir = makeTempDir('tapheal-config-');
  const file = join(dir, 'claude_desktop_config.json');
  writeFileSync(file, ORIGINAL);
  chmodSync(file, mode);
  const read = await readConfigFile(file);
  if (!read.ok) throw new Error(read.detail);
  return { dir, file, config: read.value };
}

/** The update heal would make: github's command becomes an absolute path. */
const healGithub = (config: ConfigFile) => {
  const github = config.servers.find((entry) => entry.server.name === 'github')!;
  return [{ path: github.path, server: { ...github.server, command: '/opt/homebrew/bin/npx' } }];
};
const HEALED = ORIGINAL.replace('"command": "npx",\n      "args": [\n', '"command": "/opt/homebrew/bin/npx",\n      "args": [\n');

describe('writeConfig', () => {
  it('saves the exact original as <file>.bak and writes the healed text', async () => {
    const { dir, file, config } = await setUp();
    const written = await writeConfig(config, healGithub(config));
    expect(written).toEqual({ ok: true, value: { written: true, file, backup: `${file}.bak`, changed: ['github'] } });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(ORIGINAL);
    expect(readFileSync(file, 'utf8')).toBe(HEALED);
    expect(readdirSync(dir).sort()).toEqual(['claude_desktop_config.json', 'claude_desktop_config.json.bak']);
  });

  it('writes nothing, not even a .bak, when no server changed', async () => {
    const { dir, config } = await setUp();
    expect(await writeConfig(config, config.servers)).toEqual({ ok: true, value: { written: false, file: config.file, changed: [] } });
    expect(readdirSync(dir)).toEqual(['claude_desktop_config.json']);
  });

  it.each([0o600, 0o664])('keeps the permissions (%o) on the new file and on the .bak, whatever the umask', async (mode) => {
    const { file, config } = await setUp(mode);
    const umask = process.umask(0o077);
    try {
      expect(await writeConfig(config, healGithub(config))).toMatchObject({ ok: true });
    } finally {
      process.umask(umask);
    }
    expect(statSync(file).mode & 0o777).toBe(mode);
    expect(statSync(`${file}.bak`).mode & 0o777).toBe(mode);
  });

  it('writes through a symlink to the real file and leaves the link a link', async () => {
    const { dir, config: original } = await setUp();
    const link = join(dir, 'linked', 'claude_desktop_config.json');
    mkdirSync(join(dir, 'linked'));
    symlinkSync(original.file, link);
    const read = await readConfigFile(link);
    if (!read.ok) throw new Error(read.detail);
    expect(await writeConfig(read.value, healGithub(read.value))).toMatchObject({ ok: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(original.file, 'utf8')).toBe(HEALED);
    expect(readFileSync(`${link}.bak`, 'utf8')).toBe(ORIGINAL);
  });

  it('refuses to overwrite a file that changed since it was read', async () => {
    const { file, config } = await setUp();
    writeFileSync(file, ORIGINAL.replace('Alt+Space', 'Ctrl+Space'));
    expect(await writeConfig(config, healGithub(config))).toMatchObject({ ok: false, reason: 'changed_on_disk' });
    expect(readFileSync(file, 'utf8')).toContain('Ctrl+Space');
  });

  it('leaves the original untouched when the .bak cannot be saved', async () => {
    const { dir, file, config } = await setUp();
    mkdirSync(`${file}.bak`); // a directory where the .bak should go: the rename onto it fails
    expect(await writeConfig(config, healGithub(config))).toMatchObject({ ok: false, reason: 'backup_failed' });
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir).sort()).toEqual(['claude_desktop_config.json', 'claude_desktop_config.json.bak']);
  });

  const failingSteps: Array<[string, (fs: ConfigFs, target: string) => Partial<ConfigFs>]> = [
    ['the rename over the original fails', (_fs, target) => ({ rename: async (from, to) => (to === target ? Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })) : nodeConfigFs.rename(from, to)) })],
    ['the disk fills while writing the new text', (_fs, target) => ({
      writeNewFile: async (path, data, mode) => {
        if (!path.includes('.bak.') && path.startsWith(join(target, '..', '.claude_desktop_config.json.'))) {
          await nodeConfigFs.writeNewFile(path, String(data).slice(0, 10), mode);
          throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
        }
        return nodeConfigFs.writeNewFile(path, data, mode);
      },
    })],
  ];
  it.each(failingSteps)('leaves the original intact and no temporary file behind when %s', async (_name, failing) => {
    const { dir, file, config } = await setUp();
    const fs: ConfigFs = { ...nodeConfigFs, ...failing(nodeConfigFs, file) };
    const written = await writeConfig(config, healGithub(config), { fs });
    expect(written).toMatchObject({ ok: false, reason: 'write_failed', detail: expect.stringMatching(/unchanged \((EXDEV|ENOSPC)\)/) });
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir).sort()).toEqual(['claude_desktop_config.json', 'claude_desktop_config.json.bak']);
  });

  it('reports a file that vanished before writing as unreadable', async () => {
    const { config } = await setUp();
    const gone = { ...config, file: join(makeTempDir(), 'claude_desktop_config.json') };
    expect(await writeConfig(gone, healGithub(gone))).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});

describe('readConfigFile', () => {
  it('names a missing file', async () => {
    const file = join(makeTempDir(), '.mcp.json');
    expect(await readConfigFile(file)).toEqual({ ok: false, reason: 'not_found', detail: `${file}: no such file` });
  });

  it('reports a path whose parent is a file as unreadable', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'plain'), 'x');
    expect(await readConfigFile(join(dir, 'plain', 'mcp.json'))).toMatchObject({ ok: false, reason: 'unreadable', detail: expect.stringContaining('ENOTDIR') });
  });

  it('passes the project directory on to find Claude Code local servers', async () => {
    const dir = makeTempDir();
    const file = join(dir, '.claude.json');
    writeFileSync(file, readFixture('claudeCodeUser'));
    const read = await readConfigFile(file, { projectDir: '/home/ana/src/other' });
    expect(read.ok && read.value.servers.map((entry) => entry.server.name)).toEqual(['memory', 'other']);
  });
});
