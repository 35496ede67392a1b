// tests/e2e/child.test.mjs — the child's file (一人一档) in a real browser against the real
// server with a fresh demo database: the village's child director registers a rural child whose
// father and mother both work in 广东省 (outside the county, for two years); the file page shows
// the masked ID number and 农村留守儿童 among the derived categories; registering the same ID
// number again shows the duplicate message with a link to the existing file.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin, pickOption, DESKTOP, PHONE } from './browser.mjs';

const TIMEOUT = 15000;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A date N years before today (China Standard Time), YYYY-MM-DD; 29 Feb becomes 28 Feb. */
function yearsAgo(n) {
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const md = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return `${Number(today.slice(0, 4)) - n}-${md}`;
}

/** A valid 18-digit ID number (GB 11643, ISO 7064 MOD 11-2) for address, birth date, sequence. */
function idNumber(address, birth, sequence) {
  const first17 = address + birth.replace(/-/g, '') + sequence;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}

const BIRTH = yearsAgo(10);
const SINCE = yearsAgo(2);
const ID = idNumber('500241', BIRTH, '123'); // odd sequence: a boy
const MASKED = `${ID.slice(0, 6)}${'*'.repeat(10)}${ID.slice(-2)}`;

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

/** The form item labelled LABEL inside SCOPE. */
function field(scope, label) {
  return scope.locator('.el-form-item', { has: scope.page().locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) }).first();
}

/** Pick OPTION in the select inside ITEM, and wait until its drop-down has gone. */
async function choose(page, item, option) {
  await item.locator('.el-select').click();
  await pickOption(page, option);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-select__popper')].every((e) => getComputedStyle(e).display === 'none'),
  );
}

/** Type a date into an Element Plus date picker and close its panel. */
async function fillDate(item, date) {
  const input = item.locator('input');
  await input.fill(date);
  await input.press('Enter');
  await input.press('Escape').catch(() => {});
  assert.equal(await input.inputValue(), date);
}

/** Fill the member card INDEX as working away in 广东省, outside the county, since SINCE. */
async function fillAwayParent(page, index, name) {
  const card = page.locator(`.member[data-member="${index}"]`);
  await field(card, '姓名').locator('input').fill(name);
  await choose(page, field(card, '状况'), '外出务工');
  await field(card, '外出地点').locator('input').fill('广东省');
  const outside = field(card, '是否县外').locator('.el-checkbox');
  if (!(await outside.locator('input').isChecked())) await outside.click();
  await fillDate(field(card, '外出时间'), SINCE);
}

/** Fill the registration form for the test child and save it. */
async function register(page, name) {
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.waitForURL((u) => u.pathname === '/children');
  await page.getByRole('button', { name: '新增儿童' }).click();
  await page.waitForURL((u) => u.pathname === '/children/new');
  const form = page.locator('.child-form');
  await field(form, '姓名').first().locator('input').fill(name);
  await field(form, '身份证号码').first().locator('input').fill(ID);
  // The ID number fills in the birth date and the sex.
  await page.getByText(`出生日期 ${BIRTH} · 男`).waitFor();
  assert.equal(await field(form, '出生日期').first().locator('input').inputValue(), BIRTH);
  assert.ok(await field(form, '性别').locator('.el-radio', { hasText: '男' }).locator('input').isChecked());
  await field(form, '户籍类型').locator('.el-radio:has(input[value="rural"])').click();
  // The director's village is the default.
  await field(form, '所属村（社区）').locator('.el-select__selected-item', { hasText: '平所村' }).waitFor();
  await fillAwayParent(page, 0, '王大山');
  await fillAwayParent(page, 1, '李秀英');
  await page.locator('.form-actions').getByRole('button', { name: '保存' }).click();
}

test('a child director registers a left-behind child and meets the duplicate check', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'director', 'Shouhu#Director9');

  await register(page, '王小明');
  await page.waitForURL((u) => /^\/children\/\d+$/.test(u.pathname));
  const fileUrl = new URL(page.url()).pathname;

  // The header shows the masked number only.
  const head = page.locator('.file-head');
  await head.getByText('王小明').waitFor();
  await head.getByText(MASKED).waitFor();
  assert.doesNotMatch(await head.textContent(), new RegExp(ID));
  await page.locator('.el-tabs__item', { hasText: '基本信息' }).click();
  await page.locator('.child-info').getByText(MASKED).waitFor();

  // 认定类别: derived from the facts — both parents away outside the county for two years.
  await page.locator('.el-tabs__item', { hasText: '认定类别' }).click();
  const categories = page.locator('.categories');
  await categories.locator('.derived').getByText('农村留守儿童').waitFor();
  await screenshot(page, 'child-file-desktop.png');

  await page.locator('.el-tabs__item', { hasText: '家庭成员' }).click();
  await page.locator('.plain-table').getByText('王大山').waitFor();
  await page.setViewportSize(PHONE);
  await page.locator('.plain-table').getByText('李秀英').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the file page is ${overflow}px wider than the phone screen`);
  await screenshot(page, 'child-file-phone.png');
  await page.setViewportSize(DESKTOP);

  // The same ID number again: 409 duplicate, with a link to the existing file.
  await register(page, '王小明');
  const alert = page.locator('.save-alerts .el-alert');
  await alert.getByText('该身份证号码已登记').waitFor();
  const link = alert.getByRole('link', { name: '打开已有档案' });
  await link.waitFor();
  assert.equal(new URL(page.url()).pathname, '/children/new');
  await screenshot(page, 'child-duplicate.png');
  await link.click();
  await page.waitForURL((u) => u.pathname === fileUrl);
  await page.locator('.file-head').getByText(MASKED).waitFor();

  assert.deepEqual(page.problems, []);
  await page.context().close();
});
