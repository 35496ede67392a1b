// tests/e2e/child-import.test.mjs — 批量导入 in a real browser against the real server with a
// fresh demo database. The county user downloads the template (read in the browser by exceljs:
// only a header, so nothing to import), then chooses a CSV file saved in GBK, as Chinese Excel
// writes it, with a valid row, a row with a bad ID number, a blank row and a row with a bad
// household type; imports the valid rows; sees the counts, the rejected rows under their
// spreadsheet row numbers and the report; and finds the new child with its derived category.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin } from './browser.mjs';
import { xlsxStrings } from '../lib/xlsx.mjs';

const TIMEOUT = 15000;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const VILLAGE = '500241103204'; // 平所村

function yearsAgo(n) {
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const md = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return `${Number(today.slice(0, 4)) - n}-${md}`;
}

function idNumber(address, birth, sequence) {
  const first17 = address + birth.replace(/-/g, '') + sequence;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}

const NAME = '导入测试童';
const PARENT_HEADERS = ['姓名', '状况', '务工地点', '是否县外', '起始日期'];
const HEADERS = [
  '姓名', '身份证号码', '所在村（社区）代码', '户口性质',
  ...PARENT_HEADERS.map((h) => `父亲${h}`),
  ...PARENT_HEADERS.map((h) => `母亲${h}`),
];
const away = (name, place) => [name, '外出务工', place, '是', yearsAgo(2)];
const ROWS = [
  [NAME, idNumber('500241', yearsAgo(12), '357'), VILLAGE, '农业户口', ...away('测试父', '广东省'), ...away('测试母', '浙江省')],
  ['号码错童', '123', VILLAGE, '农业户口'],
  [],
  ['户口错童', idNumber('500241', yearsAgo(8), '246'), VILLAGE, '火星'],
];

let srv;
let browser;
let dir;

before(async () => {
  srv = await startTarget();
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'shouhu-e2e-import-'));
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Click BUTTON (a locator) and save the file it downloads; resolves { name, buf }. */
async function downloadBy(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), buf: await readFile(file), file };
}

test('the county imports children from a GBK CSV file and sees the rejected rows', async () => {
  const page = await newPage(browser);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'county', 'Shouhu#County9');
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.getByRole('button', { name: '批量导入' }).click();
  await page.waitForURL((u) => u.pathname === '/children/import');

  // The template has the headers this test writes; read in the browser it has no data rows.
  const template = await downloadBy(page, page.getByRole('button', { name: '下载导入模板' }));
  assert.match(template.name, /\.xlsx$/);
  const cells = xlsxStrings(template.buf);
  for (const h of HEADERS) assert.ok(cells.includes(h), `the template lacks the header ${h}`);
  await page.locator('input[type=file]').setInputFiles(template.file);
  await page.getByText('文件中只有表头，没有数据行').waitFor();

  // A CSV file in GBK: the browser finds it is not UTF-8 and decodes it as GBK.
  const csv = [HEADERS, ...ROWS].map((r) => r.join(',')).join('\r\n') + '\r\n';
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: csv });
  const csvFile = path.join(dir, '儿童名单.csv');
  await writeFile(csvFile, gbk);
  await page.locator('input[type=file]').setInputFiles(csvFile);
  const preview = page.locator('.preview');
  await preview.getByText(NAME).waitFor();
  const summary = await preview.locator('.summary').textContent();
  assert.match(summary, /共\s*3\s*行数据/);
  assert.match(summary, /已跳过 1 个空行/);

  await page.getByText('只导入有效行').click();
  await page.getByRole('button', { name: /开始导入/ }).click();
  const result = page.locator('.import-result');
  await result.getByText('未导入的行').first().waitFor();
  const stat = (title) => result.locator('.el-statistic', { hasText: title }).locator('.el-statistic__number');
  assert.equal((await stat('新增档案').textContent()).trim(), '1');
  assert.equal((await stat('未导入的行').textContent()).trim(), '2');

  // Rejected rows carry their row number in the spreadsheet (the blank row 4 is skipped).
  const rejected = await result.locator('.rejected tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  );
  assert.deepEqual(rejected.map((r) => [r[0], r[1]]), [['3', '身份证号码'], ['5', '户口性质']]);
  await screenshot(page, 'child-import.png');
  const report = await downloadBy(page, result.getByRole('button', { name: '下载导入报告' }));
  assert.match(report.name, /\.xlsx$/);

  // The imported child is in the list and its file shows the derived category.
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.locator('.filter-form .el-form-item', { hasText: '姓名' }).locator('input').fill(NAME);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: NAME }).click();
  await page.waitForURL((u) => /^\/children\/\d+$/.test(u.pathname));
  await page.locator('.el-tabs__item', { hasText: '认定类别' }).click();
  await page.locator('.categories .derived').getByText('农村留守儿童').waitFor();

  assert.deepEqual(page.problems, []);
  await page.context().close();
});
