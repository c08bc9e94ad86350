import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/packs.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

const SERVER = join(REPO_ROOT, 'apps', 'collector', 'src', 'server.ts');
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Starts the process in a temporary DATA_DIR, so nothing it generates lands in the repository. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [TSX, SERVER], { env: { PATH: process.env.PATH ?? '', DATA_DIR: makeTempDir(), ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('the collector process', () => {
  it.each([
    [{ PORT: 'eighty' }, /cannot start: invalid configuration: PORT: /],
    [{ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, /cannot start: connect ECONNREFUSED 127\.0\.0\.1:1/],
  ])('refuses to start with one clear line for %j', (env, message) => {
    const run = start(env);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
