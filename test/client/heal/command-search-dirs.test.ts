/** commandSearchDirs: where a command may be installed that a GUI-launched client does not look. */
import { describe, expect, it } from 'vitest';
import { commandSearchDirs, type SearchContext } from '@tapheal/client';

const linux = (extra: Partial<SearchContext> = {}): SearchContext => ({ home: '/home/ana', platform: 'linux', env: {}, loginPath: [], nodeRuntimes: [], ...extra });

describe('commandSearchDirs on Linux and macOS', () => {
  it("puts the login shell's PATH first, in its order", () => {
    const dirs = commandSearchDirs(linux({ loginPath: ['/home/ana/bin', '/opt/custom/bin'] }));

    expect(dirs.slice(0, 2)).toEqual(['/home/ana/bin', '/opt/custom/bin']);
  });

  it('lists each directory once, where it first appears', () => {
    const dirs = commandSearchDirs(linux({ loginPath: ['/usr/bin', '/opt/homebrew/bin', '/usr/bin'] }));

    expect(dirs.filter((dir) => dir === '/usr/bin')).toHaveLength(1);
    expect(dirs.filter((dir) => dir === '/opt/homebrew/bin')).toHaveLength(1);
    expect(dirs.slice(0, 2)).toEqual(['/usr/bin', '/opt/homebrew/bin']);
  });

  it('keeps only absolute directories', () => {
    const dirs = commandSearchDirs(linux({ loginPath: ['bin', './node_modules/.bin', '', '~/bin', '/ok/bin'], env: { XDG_BIN_HOME: 'relative/bin' } }));

    expect(dirs.every((dir) => dir.startsWith('/'))).toBe(true);
    expect(dirs[0]).toBe('/ok/bin');
  });

  it('looks in the version managers, Homebrew and the per-user bin directories', () => {
    const dirs = commandSearchDirs(linux({ nodeRuntimes: [{ version: '22.11.0', binDir: '/home/ana/.nvm/versions/node/v22.11.0/bin' }] }));

    expect(dirs).toEqual(
      expect.arrayContaining([
        '/home/ana/.volta/bin',
        '/home/ana/.asdf/shims',
        '/home/ana/.nvm/versions/node/v22.11.0/bin',
        '/opt/homebrew/bin',
        '/usr/local/bin',
        '/home/ana/.local/bin',
        '/home/ana/.cargo/bin',
        '/usr/bin',
      ]),
    );
  });

  it('follows VOLTA_HOME, ASDF_DATA_DIR and UV_TOOL_BIN_DIR when they are set', () => {
    const dirs = commandSearchDirs(linux({ env: { VOLTA_HOME: '/opt/volta', ASDF_DATA_DIR: '/opt/asdf', UV_TOOL_BIN_DIR: '/opt/uv/bin' } }));

    expect(dirs).toEqual(expect.arrayContaining(['/opt/volta/bin', '/opt/asdf/shims', '/opt/uv/bin']));
    expect(dirs).not.toContain('/home/ana/.volta/bin');
    expect(dirs).not.toContain('/home/ana/.asdf/shims');
  });
});

describe('commandSearchDirs on Windows', () => {
  const windows = (extra: Partial<SearchContext> = {}): SearchContext => ({
    home: 'C:\\Users\\ana',
    platform: 'win32',
    env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local', ProgramFiles: 'C:\\Program Files' },
    loginPath: [],
    nodeRuntimes: [],
    ...extra,
  });

  it("looks where Windows installers put npm, Node.js, Volta, Docker and the per-user tools", () => {
    const dirs = commandSearchDirs(windows({ nodeRuntimes: [{ version: '22.11.0', binDir: 'C:\\nvm\\v22.11.0' }] }));

    expect(dirs).toEqual([
      'C:\\Users\\ana\\AppData\\Roaming\\npm',
      'C:\\Program Files\\nodejs',
      'C:\\Users\\ana\\AppData\\Local\\Volta\\bin',
      'C:\\nvm\\v22.11.0',
      'C:\\Users\\ana\\.local\\bin',
      'C:\\Users\\ana\\.cargo\\bin',
      'C:\\Users\\ana\\.bun\\bin',
      'C:\\Users\\ana\\.deno\\bin',
      'C:\\Program Files\\Docker\\Docker\\resources\\bin',
    ]);
  });

  it('puts the login PATH first there too, and skips what an unset variable would name', () => {
    const dirs = commandSearchDirs(windows({ env: {}, loginPath: ['C:\\tools', 'relative\\bin'] }));

    expect(dirs[0]).toBe('C:\\tools');
    expect(dirs).not.toContain('relative\\bin');
    expect(dirs.some((dir) => dir.includes('nodejs') || dir.includes('Roaming'))).toBe(false);
  });
});
