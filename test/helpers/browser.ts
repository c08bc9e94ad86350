/**
 * A real headless Chromium for the browser suites: Debian's `chromium` driven by playwright-core (the
 * browser Playwright downloads does not run on these machines). Without /usr/bin/chromium a suite skips
 * with a message, except in CI (CI=true), where a missing browser is a failure: .ci/run installs it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TAPHEAL_CHROMIUM ?? '/usr/bin/chromium';
const IS_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Why the browser suites cannot run here, or null when they can (or must, in CI). */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH) || IS_CI) return null;
  return `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set TAPHEAL_CHROMIUM); in CI they fail instead`;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}: the browser tests need it (apt-get install -y chromium)`);
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
