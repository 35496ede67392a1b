// tests/e2e/session.test.mjs — an idle session ends: the next API call answers 401, the app
// goes to the login page with the server's message, and signing in again returns to the page
// the user was going to. Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTarget, launchBrowser, newPage, firstLogin, DESKTOP } from './browser.mjs';

const IDLE_SECONDS = 3;
const PASSWORD = 'Shouhu#Idle2026';

let srv;
let browser;

before(async () => {
  srv = await startTarget({ session_idle_seconds: IDLE_SECONDS });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('an idle session sends the user to the login page and back', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(15000);
  await firstLogin(page, srv.url, 'county', PASSWORD);

  await page.waitForTimeout((IDLE_SECONDS + 1.5) * 1000);
  await page.locator('.app-aside .el-menu-item', { hasText: '机构管理' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  assert.equal(new URL(page.url()).searchParams.get('redirect'), '/orgs');
  await page.locator('.el-message', { hasText: '未登录或会话已过期，请重新登录' }).waitFor();

  await page.locator('input[name=username]').fill('county');
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/orgs');
  await page.locator('.el-table__body tr', { hasText: '秀山县民政局' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
