/**
 * The review UI in a real headless Chromium, against the collector listening on a loopback port: sign-in
 * refused and accepted (by keyboard alone), the overview, the cluster list, labelling a cluster, building
 * and publishing a pack that /v1/packs/latest then serves, a trainer run, and a cross-site form refused.
 * It saves a screenshot of each page to test-results/screenshots/, or with TAPHEAL_UPDATE_SCREENSHOTS=1
 * (`npm run docs:screenshots`) to docs/screenshots/, which the README shows: a plain test run leaves docs/ alone.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createTrainerRun, finishTrainerRun, type Db } from '@tapheal/db';
import { randomUUID } from 'node:crypto';
import { parseEnvelope, type Report } from '@tapheal/rules';
import { buildTestApp, type TestApp } from '../../helpers/build-app.js';
import { browserSkipReason, launchBrowser } from '../../helpers/browser.js';
import { DAY_MS, HOOK_TIMEOUT_MS, NO_RATE_LIMITS, clusterWith, createClock, postReports, runTrainer, type Api } from '../../helpers/maintainer.js';
import { makeReport } from '../../helpers/reports.js';
import { REPO_ROOT, readMcpErrors } from '../../helpers/shared-data.js';

const SCREENSHOTS = process.env.TAPHEAL_UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : join(REPO_ROOT, 'test-results', 'screenshots');
const BROWSER_TIMEOUT_MS = 60_000;
const JAMMED = 'Frobnicator spindle jammed after 3 turns in /Users/alice/proj/a.js';
const skip = browserSkipReason();
if (skip) console.warn(skip);

/** Reports of real MCP failures spread over two weeks and many installs, and one failure no rule knows. */
function seedReports(now: number): { at: Date; reports: Report[] }[] {
  const messages = readMcpErrors().slice(0, 24);
  const batches: { at: Date; reports: Report[] }[] = [];
  for (let day = 13; day >= 0; day--) {
    const reports = messages.flatMap((labelled, i) =>
      Array.from({ length: (i * 7 + day) % 5 === 0 ? 3 : (i + day) % 3 }, (_, k) =>
        makeReport({
          installId: `install-${(i * 31 + day * 7 + k) % 60}`,
          error: { message: labelled.message },
          platform: { os: ['darwin', 'linux', 'win32'][(i + k) % 3]!, arch: k % 2 ? 'x64' : 'arm64', runtime: 'node', runtimeVersion: ['20.19.0', '22.12.0'][(day + k) % 2]! },
          ...(i % 4 === 0 ? { diagnosis: { packVersion: 1, category: labelled.category, ruleId: null, confidence: 0.9 } } : {}),
          ...(i % 6 === 0 ? { healing: { healed: k % 2 === 0, attempts: [{ category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', fix: 'resolve_command_path', outcome: k % 2 === 0 ? 'healed' : 'failed' }] } } : {}),
        }),
      ),
    );
    const jammed = Array.from({ length: 1 + (day % 3) }, (_, k) => makeReport({ installId: `install-jam-${(day + k) % 5}`, error: { message: JAMMED.replace('3 turns', `${day + k} turns`) } }));
    batches.push({ at: new Date(now - day * DAY_MS), reports: [...reports, ...jammed] });
  }
  return batches;
}

describe.skipIf(skip !== null)('the review UI in Chromium', () => {
  const clock = createClock(new Date().toISOString());
  let db: Db;
  let built: TestApp;
  let api: Api;
  let base: string;
  let attacker: Server;
  let attackerBase: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    db = await createDb();
    built = await buildTestApp(db, { now: clock.now, env: { ...NO_RATE_LIMITS, TAPHEAL_MIN_REPORTS: '50', TAPHEAL_MIN_CLUSTER_INSTALLS: '3' } });
    api = { app: built.app, auth: built.auth };
    const realNow = Date.now();
    for (const batch of seedReports(realNow)) {
      clock.set(batch.at);
      await postReports(api, batch.reports);
    }
    clock.set(new Date(realNow));
    await runTrainer(api);
    base = await built.app.listen({ host: '127.0.0.1', port: 0 });
    // Another site: `localhost` is not the same site as `127.0.0.1`.
    attacker = createServer((request, response) => {
      const [target] = (request.url ?? '').slice(1).split('?');
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><form method="post" action="${base}${decodeURIComponent(target ?? '')}">
<input name="action" value="reject"><input name="_csrf" value="guessed"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerBase = `http://localhost:${(attacker.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() === 404) problems.push(`404 ${response.url()}`);
    });
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await built?.app.close();
    await db?.close();
  }, HOOK_TIMEOUT_MS);

  /** Presses Tab until the element matching `selector` has the focus; fails when it is not reachable. */
  async function tabTo(selector: string, max = 120): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      // Evaluated in the page (strings: this project's types have no DOM).
      if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) {
        const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
        expect(outline, `focus on ${selector} is visible`).not.toBe('none');
        return;
      }
    }
    throw new Error(`${selector} cannot be reached with Tab`);
  }

  /** Waits for the locator to be visible and answers its text (playwright-core has no expect of its own). */
  const visibleText = async (locator: ReturnType<Page['locator']>, timeout = 10_000) => {
    await locator.first().waitFor({ state: 'visible', timeout });
    return (await locator.first().textContent()) ?? '';
  };
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const sessionCookie = async () => (await context.cookies()).find((cookie) => cookie.name === 'tapheal_session');

  it('refuses a wrong token, says so, and sets no session cookie', async () => {
    await page.goto(`${base}/ui`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await shot('login');
    await page.fill('#name', 'Ada Maintainer');
    await page.fill('#token', 'not-the-maintainer-token');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/ui/login') && r.request().method() === 'POST'), page.press('#token', 'Enter')]);
    expect(response.status()).toBe(401);
    expect(await visibleText(page.getByRole('alert'))).toContain('That is not the maintainer token. No session was started.');
    expect(await sessionCookie()).toBeUndefined();
  }, BROWSER_TIMEOUT_MS);

  it('signs in with the keyboard alone and shows the overview with its charts', async () => {
    await page.goto(`${base}/ui/login`);
    await tabTo('#name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ada Maintainer');
    await tabTo('#token');
    await page.keyboard.type(built.adminToken);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/ui`);
    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/ui' });
    expect(cookie!.value).not.toContain(built.adminToken);
    expect((await visibleText(page.getByRole('heading', { level: 1 }))).trim()).toBe('Overview');
    await visibleText(page.getByRole('img', { name: 'Reports per day, last 30 days' }));
    await visibleText(page.getByText('Signed in as Ada Maintainer'));
    await shot('overview');
  }, BROWSER_TIMEOUT_MS);

  it('lists the clusters, and sorts them by a column header', async () => {
    await page.goto(`${base}/ui/clusters`);
    await visibleText(page.getByRole('table'));
    await shot('clusters');
    await page.getByRole('link', { name: /^installs/ }).click();
    expect(await visibleText(page.locator('th[aria-sort="descending"]'))).toContain('installs');
  }, BROWSER_TIMEOUT_MS);

  it('confirms a cluster in a new category with the keyboard, and records who did it', async () => {
    const cluster = await clusterWith(api, 'Frobnicator spindle');
    await page.goto(`${base}/ui/clusters/${cluster.id}`);
    await shot('cluster');
    await tabTo('#new-category');
    await page.keyboard.type('spindle_jammed');
    await tabTo('#new-fix');
    await page.keyboard.type('retry');
    expect(await page.inputValue('#new-fix')).toBe('retry');
    await tabTo('form[aria-labelledby="a-new_category"] button');
    await page.keyboard.press('Enter');
    await visibleText(page.getByRole('status').filter({ hasText: 'Confirmed in the new category.' }));
    expect(await visibleText(page.getByRole('table').last())).toContain('Ada Maintainer');
    const stored = await api.app.inject({ url: `/v1/clusters/${cluster.id}`, headers: api.auth });
    expect(stored.json()).toMatchObject({ status: 'confirmed', category: 'spindle_jammed', fix: 'retry' });
  }, BROWSER_TIMEOUT_MS);

  it('builds a candidate pack, publishes it, and /v1/packs/latest serves the new version', async () => {
    await page.goto(`${base}/ui/packs`);
    await tabTo('form[action="/ui/packs/candidates"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ui\/packs\/candidates\//);
    await visibleText(page.getByText('Improves: spindle_jammed.'));
    await shot('candidate');
    await tabTo('form[action$="/publish"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/ui/packs/2?done=published`);
    expect(await visibleText(page.getByRole('status'))).toContain('Clients fetch v2 at /v1/packs/latest');
    await shot('pack');
    const latest = await fetch(`${base}/v1/packs/latest`);
    expect(latest.headers.get('tapheal-pack-version')).toBe('2');
    const envelope = parseEnvelope(await latest.json());
    const cluster = await clusterWith(api, 'Frobnicator spindle');
    expect(envelope.ok && (envelope.value.signed as { rules: { id: string }[] }).rules.some((rule) => rule.id === `cluster.${cluster.id}`)).toBe(true);
  }, BROWSER_TIMEOUT_MS);

  it('starts a trainer run and shows what it changed', async () => {
    await page.goto(`${base}/ui/runs`);
    await tabTo('form[action="/ui/runs"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ui\/runs\/[0-9a-f-]{36}$/);
    await visibleText(page.getByRole('heading', { name: 'What changed' }), 15_000);
    await shot('run');
    await page.goto(`${base}/ui/runs`);
    await shot('runs');
  }, BROWSER_TIMEOUT_MS);

  it('follows a running run with its script, and shows the outcome once it ends', async () => {
    const id = randomUUID();
    expect(await createTrainerRun(db, { id, trigger: 'cli', startedAt: new Date() })).not.toBeNull();
    await page.goto(`${base}/ui/runs/${id}`);
    expect(await visibleText(page.locator('#run-progress'))).toMatch(/^Running: \d+ reports still wait for a cluster\.$/);
    await finishTrainerRun(db, id, { status: 'done', finishedAt: new Date(), stats: { reports: 1, assigned: 0, clusters: {}, promoted: 0, gated: false } });
    // the script polls every second and reloads the page when the run has ended
    await visibleText(page.getByRole('heading', { name: 'What changed' }), 10_000);
    expect(await page.locator('#run-progress').count()).toBe(0);
  }, BROWSER_TIMEOUT_MS);

  it('refuses a form posted from another site, and nothing changes', async () => {
    const cluster = await clusterWith(api, 'Frobnicator spindle');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/ui/clusters/${cluster.id}/actions`),
      page.goto(`${attackerBase}/${encodeURIComponent(`/ui/clusters/${cluster.id}/actions`)}`),
    ]);
    expect(response.status()).toBe(403);
    expect(response.request().headers().origin).toBe(attackerBase);
    await visibleText(page.getByText('This form was sent from another site. Nothing was changed.'));
    const stored = await api.app.inject({ url: `/v1/clusters/${cluster.id}`, headers: api.auth });
    expect(stored.json()).toMatchObject({ status: 'confirmed', category: 'spindle_jammed' });
  }, BROWSER_TIMEOUT_MS);

  it('met no script error and no CSP violation on any page', () => {
    expect(problems.filter((text) => !/status of 40[13]/.test(text))).toEqual([]);
  });
});
