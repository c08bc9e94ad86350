/**
 * `tapheal-trainer run | eval | keygen | build-pack` on a real embedded database directory: a run
 * clusters the reports, a confirmed cluster makes a pack that eval passes, build-pack writes a pack that
 * verifies with the key keygen printed and publishes the next version; a run is refused while another
 * is going, and bad usage is named.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createTrainerRun, finishTrainerRun, insertReports, labelCluster, latestPack, listClusters } from '@tapheal/db';
import { parseEnvelope, publicKeyFromPem, verifyPack } from '@tapheal/rules';
import { reportsOf } from '../helpers/maintainer.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

const TRAINER_BIN = join(REPO_ROOT, 'apps', 'trainer', 'bin', 'tapheal-trainer.js');
const MESSAGE = 'Quantum relay refused the handshake: flux ledger out of phase';

function trainer(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [TRAINER_BIN, ...args], { env: { PATH: process.env.PATH ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

let dir: string;
let dataDir: string;
const withDb = async <T>(work: (db: Awaited<ReturnType<typeof createDb>>) => Promise<T>): Promise<T> => {
  const db = await createDb({ dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tapheal-trainer-cli-'));
  dataDir = join(dir, 'data');
  await withDb((db) => insertReports(db, reportsOf(MESSAGE, 6, 3), new Date()));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('tapheal-trainer on an embedded database', { timeout: 60_000 }, () => {
  it('run clusters the reports and prints its stats', async () => {
    const run = await trainer(['run', '--data-dir', dataDir, '--min-reports', '1', '--min-cluster-installs', '3']);

    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ assigned: 6, reports: 6, promoted: 1, gated: false, clusters: { candidate: 1 } });
    expect(run.stderr).toContain('clustered 6 new reports');
  });

  it('eval passes the pack a confirmed cluster makes; keygen and build-pack sign and publish it', async () => {
    await withDb(async (db) => {
      const [cluster] = (await listClusters(db, { limit: 10, sort: 'reports' })).items;
      expect(await labelCluster(db, cluster!.id, { status: 'confirmed', category: 'network_error', fix: 'retry', note: null }, new Date())).not.toBeNull();
    });

    const evaluation = await trainer(['eval', '--data-dir', dataDir, '--json']);
    expect(evaluation.status, evaluation.stderr).toBe(0);
    expect(JSON.parse(evaluation.stdout)).toMatchObject({ passed: true, unchanged: false, reasons: [] });

    const keyFile = join(dir, 'signing.pem');
    const keygen = await trainer(['keygen', '--out', keyFile]);
    expect(keygen.status, keygen.stderr).toBe(0);
    const { keyid, publicKey } = JSON.parse(keygen.stdout) as { keyid: string; publicKey: string };
    expect((await trainer(['keygen', '--out', keyFile])).stderr).toContain('exists: keeping it');

    const out = join(dir, 'pack.json');
    const built = await trainer(['build-pack', '--data-dir', dataDir, '--key', keyFile, '--out', out]);
    expect(built.status, built.stderr).toBe(0);
    const trusted = publicKeyFromPem(publicKey);
    if (!trusted.ok) throw new Error(trusted.detail);
    expect(trusted.value.keyid).toBe(keyid);
    const verified = verifyPack(await readFile(out), { trustedKeys: [trusted.value], now: new Date() });
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(verified.value.pack.rules.some((rule) => rule.category === 'network_error' && rule.id.startsWith('cluster.'))).toBe(true);

    const published = await trainer(['build-pack', '--data-dir', dataDir, '--key', keyFile, '--publish']);
    expect(published.status, published.stderr).toBe(0);
    const { published: version } = JSON.parse(published.stdout) as { published: number };
    expect(await withDb((db) => latestPack(db))).toMatchObject({ version, keyid });
    // The same clusters again: nothing new to publish.
    const again = await trainer(['build-pack', '--data-dir', dataDir, '--key', keyFile, '--publish']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('nothing_to_publish');
  });

  it('refuses a run while another is going, naming it', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    await withDb((db) => createTrainerRun(db, { id, trigger: 'test', startedAt: new Date() }));

    const run = await trainer(['run', '--data-dir', dataDir]);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`another trainer run is going (${id})`);
    await withDb((db) => finishTrainerRun(db, id, { status: 'done', finishedAt: new Date(), stats: {} }));
  });

  it.each([
    [['run'], 'set DATABASE_URL'],
    [['build-pack', '--data-dir', 'x'], 'exactly one of --out FILE and --publish'],
    [['build-pack', '--data-dir', 'x', '--publish'], 'needs --key FILE'],
    [['run', '--data-dir', 'x', '--min-reports', 'many'], '--min-reports must be a whole number'],
    [['keygen'], 'keygen needs --out FILE'],
  ])('names bad usage: %j', async (args, message) => {
    const run = await trainer(args);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
