// tests/e2e/login.test.mjs — the web app in a real browser against the real server with a
// fresh demo database: first login, the forced password change, the home page, the menu built
// from permissions, the user list, the phone layout, logout, and the login page's errors.
// Screenshots go to tests/e2e/out/. Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTarget, launchBrowser, newPage, screenshot, DESKTOP, PHONE } from './browser.mjs';

const INITIAL_PASSWORD = 'Shouhu@2026';
const NEW_PASSWORD = 'Shouhu#E2e2026';
const TIMEOUT = 15000;

let srv;
let browser;

before(async () => {
  srv = await startTarget();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** The text of every element matching SELECTOR, trimmed. */
async function texts(page, selector) {
  return (await page.locator(selector).allTextContents()).map((s) => s.trim());
}

async function login(page, username, password) {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
}

/** The login page's error alert text, waiting until it shows. */
async function loginError(page) {
  const alert = page.locator('.login-error');
  await alert.waitFor({ state: 'visible', timeout: TIMEOUT });
  return (await alert.textContent()).trim();
}

test('first login forces a password change, then the user list shows the demo users', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  const path = () => new URL(page.url()).pathname;

  // Anonymous visitors land on the login page.
  await page.goto(srv.url + '/');
  await page.waitForURL((u) => u.pathname === '/login');
  assert.match(await page.title(), /守护/);
  await screenshot(page, 'login-desktop.png');

  // The demo account's initial password works, and the router forces the change page.
  await login(page, 'sysadmin', INITIAL_PASSWORD);
  await page.waitForURL((u) => u.pathname === '/change-password');
  await page.getByText('首次登录或密码已过期，请先修改密码').waitFor();

  // Other pages stay out of reach until the password is changed.
  await page.goto(srv.url + '/users');
  await page.waitForURL((u) => u.pathname === '/change-password');

  // The browser checks the rule before sending: a weak password stays on the page.
  await page.locator('input[name=old_password]').fill(INITIAL_PASSWORD);
  await page.locator('input[name=new_password]').fill('abcdefgh');
  await page.locator('input[name=confirm]').fill('abcdefgh');
  await page.locator('button[type=submit]').click();
  await page.locator('.el-form-item__error', { hasText: '3 类' }).waitFor();
  assert.equal(path(), '/change-password');

  // A valid new password leads to the home page.
  await page.locator('input[name=new_password]').fill(NEW_PASSWORD);
  await page.locator('input[name=confirm]').fill(NEW_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/');
  const welcome = page.locator('.welcome');
  await welcome.getByText('系统管理员').first().waitFor();
  await welcome.getByText('秀山土家族苗族自治县').first().waitFor();
  const welcomeText = await welcome.textContent();
  assert.match(welcomeText, /sysadmin/);
  assert.match(welcomeText, /新增、编辑、停用用户账号/); // user:manage described
  assert.doesNotMatch(welcomeText, /审计日志/); // audit:read is not the sysadmin's
  const header = await page.locator('.app-header').textContent();
  assert.match(header, /守护 · 留守儿童和困境儿童关爱服务信息系统/);
  assert.match(header, /系统管理员/);
  await screenshot(page, 'home-desktop.png');

  // The side menu lists exactly what the sysadmin's permissions allow.
  assert.deepEqual(await texts(page, '.app-aside .el-menu-item'), ['首页', '区划浏览', '机构管理', '用户管理']);

  // 用户管理 lists the demo users.
  await page.locator('.app-aside .el-menu-item', { hasText: '用户管理' }).click();
  await page.waitForURL((u) => u.pathname === '/users');
  const firstColumn = '.el-table__body tr td:first-child';
  await page.locator(firstColumn, { hasText: /^\s*county\s*$/ }).waitFor();
  const usernames = await texts(page, firstColumn);
  for (const name of ['sysadmin', 'secadmin', 'auditor', 'county']) {
    assert.ok(usernames.includes(name), `user list lacks ${name}: ${usernames.join(', ')}`);
  }
  // The county's 268 village child directors fill many pages: the search finds one.
  await page.getByPlaceholder('姓名或用户名').fill('director');
  await page.getByRole('button', { name: '查询' }).click();
  await page.locator(firstColumn, { hasText: /^\s*director\s*$/ }).waitFor();
  // user:manage shows 新增用户; role:assign is not the sysadmin's, so no 分配角色.
  await page.getByRole('button', { name: '新增用户' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '分配角色' }).count(), 0);
  await screenshot(page, 'users-desktop.png');

  // At phone width the side menu becomes a drawer and the page does not overflow sideways;
  // the table scrolls inside its own box.
  await page.setViewportSize(PHONE);
  await page.locator('.app-aside').waitFor({ state: 'detached' });
  const menuButton = page.getByRole('button', { name: '打开菜单' });
  await menuButton.waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
  const tableScrolls = await page.evaluate(() => {
    const wrap = document.querySelector('.el-table__body-wrapper .el-scrollbar__wrap');
    return wrap ? wrap.scrollWidth > wrap.clientWidth : false;
  });
  assert.ok(tableScrolls, 'the user table should scroll horizontally at 360 px');
  await screenshot(page, 'users-phone.png');

  await menuButton.click();
  const drawer = page.locator('.menu-drawer');
  // A trial click waits until the sliding drawer has stopped moving.
  await drawer.locator('.el-menu-item', { hasText: '用户管理' }).click({ trial: true });
  await screenshot(page, 'menu-phone.png');
  await drawer.locator('.el-menu-item', { hasText: '首页' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await drawer.waitFor({ state: 'hidden' });
  await screenshot(page, 'home-phone.png');

  // Logout from the header's user menu.
  await page.locator('.app-header .user').click();
  await page.locator('.el-dropdown-menu__item', { hasText: '退出登录' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '退出' }).click();
  await page.waitForURL((u) => u.pathname === '/login');

  // A wrong password shows the server's Chinese message and stays on the login page.
  await login(page, 'sysadmin', INITIAL_PASSWORD);
  assert.equal(await loginError(page), '用户名或密码错误');
  assert.equal(path(), '/login');
  await screenshot(page, 'login-error-phone.png');

  // The new password works.
  await login(page, 'sysadmin', NEW_PASSWORD);
  await page.waitForURL((u) => u.pathname === '/');

  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('repeated wrong passwords show the lock message', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(srv.url + '/login');
  let message = '';
  for (let i = 0; i < 10 && !message.includes('锁定'); i++) {
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
      login(page, 'town', `Wrong#Pass${i}`),
    ]);
    assert.ok([401, 423].includes(answer.status()), `login answered ${answer.status()}`);
    message = (await answer.json()).error.message;
    // The page shows this answer's message, not a stale one.
    await page.locator('.login-error', { hasText: message }).waitFor();
  }
  assert.match(message, /登录失败次数过多，账户已锁定，请\s*\d+\s*分钟后再试/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an unknown client route shows the 404 page', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(srv.url + '/no/such/page');
  await page.getByText('您访问的页面不存在').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
