/**
 * The whole learning loop on the embedded default (PGlite): reports of real MCP failure messages go in
 * through the API, a trainer run clusters them, maintainers label the clusters through the API, a pack is
 * published; a real client downloads it (`tapheal pack update`, signature checked against the collector's
 * key) and classifies the labelled failures correctly, and does no worse than the built-in pack on
 * messages it never saw.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@tapheal/db';
import { BASE_TAXONOMY, MAX_MESSAGE_BYTES } from '@tapheal/rules';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { runTaphealAsync } from '../helpers/cli.js';
import { waitForRun } from '../helpers/maintainer.js';
import { makeReport } from '../helpers/reports.js';
import { readMcpErrors, type LabelledMessage } from '../helpers/shared-data.js';

const INSTALLS = 3;
const cutUtf8 = (text: string) => Buffer.from(text).subarray(0, MAX_MESSAGE_BYTES).toString('utf8').replace(/\uFFFD$/, '');

// Deterministic halves: what maintainers label, and what the pack never sees.
const all = readMcpErrors();
const labelled = all.filter((_, index) => index % 2 === 0);
const unseen = all.filter((_, index) => index % 2 === 1);

let db: Db;
let built: TestApp;
let home: string;

beforeAll(async () => {
  db = await createDb();
  built = await buildTestApp(db, { env: { TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0', TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '0', TAPHEAL_MIN_REPORTS: '50', TAPHEAL_MIN_CLUSTER_INSTALLS: String(INSTALLS) } });
  home = await mkdtemp(join(tmpdir(), 'tapheal-loop-'));
}, 60_000);
afterAll(async () => {
  await built?.app.close();
  await db?.close();
  await rm(home, { recursive: true, force: true });
});

async function classify(messages: readonly LabelledMessage[], args: string[] = []): Promise<number> {
  const input = messages.map((entry) => JSON.stringify({ id: entry.id, message: entry.message })).join('\n');
  const run = await runTaphealAsync(['classify', ...args], { home, input });
  expect(run.status, run.stderr).toBe(0);
  const byId = new Map(messages.map((entry) => [entry.id, entry.category]));
  return run.lines.filter((line) => byId.get(line.id as string) === line.category).length / messages.length;
}

describe('the learning loop on the embedded default', { timeout: 180_000 }, () => {
  it('turns labelled reports into a published pack that a client downloads and classifies with', async () => {
    const { app, auth } = built;
    // 1. Reports through the API, each failure from several installs.
    const reports = labelled.flatMap((entry, index) =>
      Array.from({ length: INSTALLS }, (_, install) => makeReport({ installId: `install-${index}-${install}`, error: { message: cutUtf8(entry.message) } })),
    );
    for (let i = 0; i < reports.length; i += 100) {
      const response = await app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: reports.slice(i, i + 100) } });
      expect(response.statusCode).toBe(202);
    }

    // 2. A trainer run.
    const started = await app.inject({ method: 'POST', url: '/v1/trainer/runs', headers: auth });
    expect((await waitForRun({ app, auth }, started.json().id)).status).toBe('done');

    // 3. Maintainers label each candidate with the category of the failure its reports show.
    const categoryOfReport = new Map(reports.map((report, index) => [report.id, labelled[Math.floor(index / INSTALLS)]!.category]));
    const listed = await app.inject({ method: 'GET', url: '/v1/clusters?limit=200&status=candidate', headers: auth });
    const clusters = listed.json().clusters as Array<{ id: string }>;
    expect(clusters.length).toBeGreaterThan(labelled.length / 2);
    for (const cluster of clusters) {
      const page = await app.inject({ method: 'GET', url: `/v1/clusters/${cluster.id}/reports?limit=100`, headers: auth });
      const categories = (page.json().reports as Array<{ id: string }>).map((report) => categoryOfReport.get(report.id)!);
      const category = mostCommon(categories);
      const fix = BASE_TAXONOMY.find((entry) => entry.id === category)!.fixes[0];
      const patched = await app.inject({ method: 'PATCH', url: `/v1/clusters/${cluster.id}`, headers: auth, payload: { status: 'confirmed', category, fix } });
      expect(patched.statusCode, patched.body).toBe(200);
    }

    // 4. A pack is published.
    const published = await app.inject({ method: 'POST', url: '/v1/packs', headers: auth });
    expect(published.statusCode, published.body).toBe(201);

    // 5. A client downloads it over HTTP, trusting the collector's key, and classifies.
    const before = { labelled: await classify(labelled), unseen: await classify(unseen) };
    await mkdir(join(home, 'trusted-keys'), { recursive: true });
    await writeFile(join(home, 'trusted-keys', 'collector.pem'), built.publicPem);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const endpoint = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const update = await runTaphealAsync(['pack', 'update', '--endpoint', endpoint, '--json'], { home });
    expect(update.status, update.stderr).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject({ outcome: 'updated' });
    const after = { labelled: await classify(labelled), unseen: await classify(unseen) };

    console.log(`learning loop: ${clusters.length} clusters labelled; labelled ${(before.labelled * 100).toFixed(1)}% -> ${(after.labelled * 100).toFixed(1)}%, unseen ${(before.unseen * 100).toFixed(1)}% -> ${(after.unseen * 100).toFixed(1)}%`);
    expect(after.labelled).toBeGreaterThanOrEqual(0.95);
    expect(after.unseen).toBeGreaterThanOrEqual(before.unseen);
  });
});

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}
