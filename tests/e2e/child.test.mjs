// tests/e2e/child.test.mjs — the child's file (一人一档) in a real browser against the real
// server with a fresh demo database: the village's child director registers a rural child whose
// father and mother both work in 广东省 (outside the county, for two years); the file page shows
// the masked ID number and 农村留守儿童 among the derived categories; registering the same ID
// number again shows the duplicate message with a link to the existing file.
// Then the county registers a child whose household is not registered: no ID number, birth date
// and sex entered by hand (read-only until 是否登记户口 is switched to 未登记), the village picked
// in the region tree and its child director (龙主任) from the directors responsible for it; the
// file shows them; the list filters by that director, and with the region filter on the village
// offers 导出该村档案PDF, a .zip with one PDF per child of the village.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzip } from '../lib/xlsx.mjs';
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
let dir;

before(async () => {
  srv = await startTarget();
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'shouhu-e2e-child-'));
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
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

/** Wait until every select / tree-select drop-down has closed. */
async function dropdownsClosed(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-select__popper')].every((e) => getComputedStyle(e).display === 'none'),
  );
}

/** Pick a region in the RegionTreeSelect inside ITEM: expand the nodes NAMES, click the last. */
async function pickRegion(page, item, names) {
  await item.locator('.el-select').click();
  // Names start with the given text (平所村 is 平所村村民委员会 in the division data).
  const node = (name) =>
    page
      .locator('.el-select__popper:visible .el-tree-node__content', {
        has: page.getByText(new RegExp(`^${name}`)),
      })
      .first();
  for (const name of names.slice(0, -1)) {
    const n = node(name);
    await n.waitFor();
    if (!(await n.locator('.el-tree-node__expand-icon.expanded').count())) await n.locator('.el-tree-node__expand-icon').click();
  }
  await node(names[names.length - 1]).click();
  await page.keyboard.press('Escape').catch(() => {});
  await dropdownsClosed(page);
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

const NO_HUKOU = '石小花';
const NO_HUKOU_BIRTH = yearsAgo(6);
const DIRECTOR = '龙主任'; // the demo director of 平所村
const VILLAGE_PATH = ['秀山土家族苗族自治县', '隘口镇', '平所村'];

test('the county registers a child without household registration and exports the village files', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'county', 'Shouhu#County9');
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.waitForURL((u) => u.pathname === '/children');
  // No village chosen: no village files to export.
  await page.getByRole('button', { name: '导出花名册' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '导出该村档案PDF' }).count(), 0);

  await page.getByRole('button', { name: '新增儿童' }).click();
  await page.waitForURL((u) => u.pathname === '/children/new');
  const form = page.locator('.child-form');
  await field(form, '姓名').first().locator('input').fill(NO_HUKOU);
  // A registered household: birth date and sex come from the ID number, which is required.
  const birth = field(form, '出生日期').first();
  assert.ok(await birth.locator('input').isDisabled());
  await birth.getByText('填写身份证号码后自动填入').waitFor();
  assert.ok(await field(form, '身份证号码').first().evaluate((e) => e.classList.contains('is-required')));

  // 未登记: the ID number is optional, birth date and sex are entered by hand.
  await field(form, '是否登记户口').locator('.el-switch').click();
  await field(form, '身份证号码').first().locator('input[placeholder="未登记户口，可不填"]').waitFor();
  assert.ok(!(await field(form, '身份证号码').first().evaluate((e) => e.classList.contains('is-required'))));
  assert.ok(await birth.locator('input').isEnabled());

  // The director select waits for the village, then offers the directors responsible for it.
  const director = field(form, '儿童主任');
  assert.ok(await director.locator('input').isDisabled());
  await pickRegion(page, field(form, '所属村（社区）'), VILLAGE_PATH);
  await field(form, '所属村（社区）').locator('.el-select__selected-item', { hasText: '平所村' }).waitFor();
  await choose(page, director, DIRECTOR);

  // Saving without a birth date is refused at the field.
  await page.locator('.form-actions').getByRole('button', { name: '保存' }).click();
  await birth.getByText('请选择出生日期').waitFor();
  await fillDate(birth, NO_HUKOU_BIRTH);
  await field(form, '性别').locator('.el-radio', { hasText: '女' }).click();
  await page.locator('.form-actions').getByRole('button', { name: '保存' }).click();
  await page.waitForURL((u) => /^\/children\/\d+$/.test(u.pathname));

  await page.locator('.file-head').getByText(NO_HUKOU).waitFor();
  await page.locator('.el-tabs__item', { hasText: '基本信息' }).click();
  const info = page.locator('.child-info');
  const cell = (label) => info.locator('.el-descriptions__cell.el-descriptions__label', { hasText: label }).locator('xpath=following-sibling::td[1]');
  assert.equal((await cell('户口登记').textContent()).trim(), '未登记');
  assert.equal((await cell('身份证号码').textContent()).trim(), '—');
  assert.equal((await cell('性别').textContent()).trim(), '女');
  assert.match(await cell('出生日期').textContent(), new RegExp(`^${NO_HUKOU_BIRTH}`));
  assert.equal((await cell('儿童主任').textContent()).trim(), DIRECTOR);
  // No number in the file: nothing to unmask.
  assert.equal(await page.getByRole('button', { name: '查看完整证件号' }).count(), 0);

  // The list: the director filter offers the directors in scope.
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.waitForURL((u) => u.pathname === '/children');
  await page.getByRole('button', { name: '更多条件' }).click();
  await choose(page, field(page.locator('.filter-form'), '儿童主任'), DIRECTOR);
  await pickRegion(page, field(page.locator('.filter-form'), '区划'), VILLAGE_PATH);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: NO_HUKOU }).waitFor();
  const directors = await page.locator('.el-table__body tr td:nth-child(8)').allTextContents();
  assert.ok(directors.length > 1 && directors.every((d) => d.trim() === DIRECTOR), `directors: ${directors}`);
  const names = await page.locator('.el-table__body .name-link').allTextContents();
  await screenshot(page, 'children-village.png');

  // 导出该村档案PDF: one PDF per active child of the village.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.getByRole('button', { name: '导出该村档案PDF' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /平所村.*\.zip$/);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const entries = [...unzip(await readFile(file)).entries()];
  assert.ok(entries.length >= names.length, `${entries.length} files for ${names.length} children`);
  for (const [name, data] of entries) {
    assert.match(name, /\.pdf$/);
    assert.equal(data.subarray(0, 5).toString('latin1'), '%PDF-');
  }
  assert.ok(entries.some(([name]) => name.startsWith(NO_HUKOU)), 'the new child has its PDF');

  assert.deepEqual(page.problems, []);
  await page.context().close();
});
