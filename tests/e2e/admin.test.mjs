// tests/e2e/admin.test.mjs — the three administrators' pages in a real browser against the
// real server: the system administrator creates a user (and sees a server field error), the
// security administrator assigns it a role and changes a security setting, the audit
// administrator finds the trail and checks its integrity. The tests share one server and run
// in order. Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin, pickOption, DESKTOP } from './browser.mjs';

const TIMEOUT = 15000;
const NEW_USER = 'e2e.worker';

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

async function open(username) {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, username, `Shouhu#${username}9`);
  return page;
}

/** The form item labelled LABEL inside the open dialog. */
function field(page, label) {
  return page.locator('.el-dialog:visible .el-form-item', { has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) });
}

function userRow(page, username) {
  return page.locator('.el-table__body tr', { has: page.locator('td:first-child', { hasText: new RegExp(`^\\s*${username.replace('.', '\\.')}\\s*$`) }) });
}

test('the system administrator creates a user; a taken username shows at the field', async () => {
  const page = await open('sysadmin');
  await page.locator('.app-aside .el-menu-item', { hasText: '用户管理' }).click();
  await userRow(page, 'county').waitFor();

  await page.getByRole('button', { name: '新增用户' }).click();
  await field(page, '用户名').locator('input').fill('county');
  await field(page, '姓名').locator('input').fill('测试用户');
  await field(page, '初始密码').locator('input').fill('Init#Pass2026');
  await field(page, '所属区划').locator('.el-select').click();
  await page.locator('.el-tree-node__content:visible', { hasText: '秀山土家族苗族自治县' }).first().click();
  await page.locator('.el-dialog:visible').getByRole('button', { name: '保存' }).click();
  // 409 conflict with field "username": the server's message sits under that field.
  await field(page, '用户名').locator('.el-form-item__error', { hasText: '用户名已被使用' }).waitFor();
  await screenshot(page, 'user-create-conflict.png');

  await field(page, '用户名').locator('input').fill(NEW_USER);
  await page.locator('.el-dialog:visible').getByRole('button', { name: '保存' }).click();
  await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' });
  const row = userRow(page, NEW_USER);
  await row.waitFor();
  assert.match(await row.textContent(), /测试用户.*未分配角色.*秀山土家族苗族自治县/);

  // 机构管理: a new organisation in a town picked from the lazy region tree.
  await page.locator('.app-aside .el-menu-item', { hasText: '机构管理' }).click();
  await page.locator('.el-table__body tr', { hasText: '秀山县民政局' }).waitFor();
  await page.getByRole('button', { name: '新增机构' }).click();
  await field(page, '机构名称').locator('input').fill('隘口镇测试学校');
  await field(page, '机构类型').locator('.el-select').click();
  await pickOption(page, '学校');
  await field(page, '所属区划').locator('.el-select').click();
  const tree = page.locator('.el-tree-select__popper:visible');
  await tree.locator('.el-tree-node__content', { hasText: '秀山土家族苗族自治县' }).locator('.el-tree-node__expand-icon').click();
  await tree.locator('.el-tree-node__content', { hasText: '隘口镇' }).click();
  await page.locator('.el-dialog:visible').getByRole('button', { name: '保存' }).click();
  await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' });
  const org = page.locator('.el-table__body tr', { hasText: '隘口镇测试学校' });
  await org.waitFor();
  assert.match(await org.textContent(), /学校.*隘口镇/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the security administrator assigns a role, unlocks an account and changes a setting', async () => {
  // Lock the director's account with wrong passwords (straight to the API).
  for (let i = 0; i < 10; i++) {
    const r = await fetch(`${srv.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'director', password: `Wrong#${i}x` }),
    });
    if (r.status === 423) break;
  }
  const page = await open('secadmin');
  assert.deepEqual(
    (await page.locator('.app-aside .el-menu-item').allTextContents()).map((s) => s.trim()),
    ['首页', '区划浏览', '机构管理', '用户管理', '安全设置'],
  );
  await page.locator('.app-aside .el-menu-item', { hasText: '用户管理' }).click();
  const row = userRow(page, NEW_USER);
  await row.waitFor();
  assert.equal(await page.getByRole('button', { name: '新增用户' }).count(), 0); // no user:manage

  await row.getByRole('button', { name: '分配角色' }).click();
  await field(page, '角色').locator('.el-select').click();
  // Only business roles are offered.
  await page.locator('.el-select-dropdown__item:visible').first().waitFor();
  const offered = (await page.locator('.el-select-dropdown__item:visible').allTextContents()).map((s) => s.trim());
  assert.ok(offered.includes('县级民政') && !offered.includes('系统管理员'), `roles offered: ${offered.join(', ')}`);
  await pickOption(page, '县级民政');
  await page.locator('.el-dialog:visible').getByRole('button', { name: '保存' }).click();
  await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' });
  await row.getByText('县级民政').waitFor();

  // The locked account shows 已锁定 and a 解锁 button; unlocking clears both.
  // the county's village child directors fill many pages: search for the demo's
  await page.getByPlaceholder('姓名或用户名').fill('director');
  await page.getByRole('button', { name: '查询' }).click();
  const director = userRow(page, 'director');
  await director.getByText('已锁定').waitFor();
  await director.getByRole('button', { name: '解锁' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '解锁' }).click();
  await page.locator('.el-message', { hasText: '账号已解锁' }).waitFor();
  await director.getByText('已锁定').waitFor({ state: 'detached' });
  assert.equal(await director.getByRole('button', { name: '解锁' }).count(), 0);

  await page.locator('.app-aside .el-menu-item', { hasText: '安全设置' }).click();
  const lockMinutes = page.locator('.el-form-item', { hasText: '锁定时长' }).locator('input');
  await lockMinutes.waitFor();
  await lockMinutes.fill('15');
  await lockMinutes.blur();
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.el-message', { hasText: '安全设置已保存' }).waitFor();
  await page.reload();
  await lockMinutes.waitFor();
  assert.equal(await lockMinutes.inputValue(), '15');
  await screenshot(page, 'security-settings.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the audit administrator reads the logs and verifies the audit trail', async () => {
  const page = await open('auditor');
  await page.locator('.app-aside .el-menu-item', { hasText: '审计日志' }).click();
  await page.waitForURL((u) => u.pathname === '/audit-log');
  // The user created and the role assigned above are in the trail.
  await page.locator('.el-table__body tr', { hasText: 'sysadmin' }).first().waitFor();
  const trail = await page.locator('.el-table__body').textContent();
  assert.match(trail, /secadmin/);
  assert.match(trail, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/); // times shown as YYYY-MM-DD HH:mm:ss

  await page.getByRole('button', { name: '校验完整性' }).click();
  const result = page.locator('.el-dialog:visible .el-result');
  await result.waitFor();
  assert.match(await result.textContent(), /审计日志完整，未发现篡改.*共校验 \d+ 条记录/);
  await screenshot(page, 'audit-verify.png');
  await page.locator('.el-dialog:visible .el-dialog__footer').getByRole('button', { name: '关闭' }).click();

  await page.locator('.app-aside .el-menu-item', { hasText: '登录日志' }).click();
  await page.waitForURL((u) => u.pathname === '/login-log');
  // Filter on one user's successful logins.
  await page.locator('.filter-form .el-form-item', { hasText: '用户名' }).locator('input').fill('secadmin');
  await page.getByRole('button', { name: '查询' }).click();
  await page.locator('.el-table__body tr', { hasText: 'secadmin' }).first().waitFor();
  const users = (await page.locator('.el-table__body tr td:nth-child(2)').allTextContents()).map((s) => s.trim());
  assert.ok(users.length > 0 && users.every((u) => u === 'secadmin'), `login log rows: ${users.join(', ')}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
