// tests/e2e/browser.mjs — shared set-up for browser tests: Debian's Chromium through
// playwright-core, a server to test against, and a page that records CSP violations and
// uncaught errors so a test can assert there were none.
//
// By default the server is the real build/shouhu with a fresh demo database
// (tests/lib/server.mjs). SHOUHU_E2E_MOCK=1 uses web/mock/server.mjs instead, which is only
// for developing the web app while the C server cannot run; CI must not set it.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'tests/e2e/out');
export const CHROMIUM = process.env.SHOUHU_CHROMIUM || '/usr/bin/chromium';

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 360, height: 740 };

/** Start the server under test (SETTINGS: extra config keys); resolves { url, stop() }. */
export async function startTarget(settings = {}) {
  const dist = path.join(ROOT, 'web/dist/index.html');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run "npm ci && npm run build" in web/ first`);
  if (process.env.SHOUHU_E2E_MOCK === '1') {
    const { startMock } = await import('../../web/mock/server.mjs');
    return startMock({ settings });
  }
  const { startServer } = await import('../lib/server.mjs');
  return startServer({ demo: true, settings });
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-wqy-zenhei`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new page in its own context. page.problems collects CSP violations, uncaught exceptions
 * and failed same-origin requests other than the API's expected error answers.
 */
export async function newPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content Security Policy/i.test(text)) page.problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const failure = req.failure();
    // Navigations away from a page abort its pending requests; those are not problems.
    if (failure && !/ERR_ABORTED/.test(failure.errorText)) page.problems.push(`request failed: ${req.url()} ${failure.errorText}`);
  });
  return page;
}

export async function screenshot(page, name) {
  await mkdir(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export const INITIAL_PASSWORD = 'Shouhu@2026';

/**
 * Sign in a demo account for the first time through the UI and change its password to
 * NEWPASSWORD; resolves when the home page shows.
 */
export async function firstLogin(page, url, username, newPassword) {
  await page.goto(url + '/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(INITIAL_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/change-password');
  await page.locator('input[name=old_password]').fill(INITIAL_PASSWORD);
  await page.locator('input[name=new_password]').fill(newPassword);
  await page.locator('input[name=confirm]').fill(newPassword);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** Pick OPTION in the open (visible) Element Plus select dropdown. */
export async function pickOption(page, option) {
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}
