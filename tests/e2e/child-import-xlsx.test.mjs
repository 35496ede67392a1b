// tests/e2e/child-import-xlsx.test.mjs — 批量导入 of an .xlsx file written by a real spreadsheet
// program. The county user downloads the import template; the test writes a CSV file (UTF-8
// with BOM) with the template's header row and two children — a rural 12-year-old whose father
// and mother both work outside the county since two years ago, and one whose ID number has a
// wrong check digit — and converts it with LibreOffice (soffice --headless --convert-to xlsx),
// telling it that the ID number columns are text so 18-digit numbers keep every digit (checked
// by reading the produced file; the parents' dates become real date cells). The county uploads
// the .xlsx on the import page, chooses 只导入有效行, and sees 1 file created and the rejected
// row under its real spreadsheet row number 3 with the check-digit reason; the new child's file
// shows 农村留守儿童.
//
// LibreOffice is installed by scripts/setup.sh (libreoffice-calc-nogui): without soffice (or
// the program named by SHOUHU_SOFFICE) this test fails rather than skips. It runs with a fresh
// profile in the test's temp directory. Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin } from './browser.mjs';
import { unzip } from '../lib/xlsx.mjs';

const TIMEOUT = 15000;
const SOFFICE = process.env.SHOUHU_SOFFICE || 'soffice';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const VILLAGE = '500241103204'; // 平所村

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

/** ID with another check digit (a digit, so the cell is all digits). */
function wrongCheckDigit(id) {
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
}

const NAME = '表格导入童';
const BAD_NAME = '校验错童';
const SINCE = yearsAgo(2);
/** A valid ID number for BIRTH whose check character is a digit (not X). */
function digitsOnlyId(birth) {
  for (let s = 301; s < 400; s++) {
    const id = idNumber('500241', birth, String(s));
    if (!id.endsWith('X')) return id;
  }
  throw new Error('no all-digit ID number');
}
const ID = digitsOnlyId(yearsAgo(12));
const BAD_ID = wrongCheckDigit(digitsOnlyId(yearsAgo(9)));

const away = (who, name, place) => ({
  [`${who}姓名`]: name,
  [`${who}状况`]: '外出务工',
  [`${who}务工地点`]: place,
  [`${who}是否县外`]: '是',
  [`${who}起始日期`]: SINCE,
});
const ROWS = [
  {
    姓名: NAME,
    身份证号码: ID,
    '所在村（社区）代码': VILLAGE,
    户口性质: '农业户口',
    是否登记户口: '是',
    就学阶段: '小学',
    ...away('父亲', '表格父', '广东省东莞市'),
    ...away('母亲', '表格母', '浙江省宁波市'),
  },
  { 姓名: BAD_NAME, 身份证号码: BAD_ID, '所在村（社区）代码': VILLAGE, 户口性质: '农业户口' },
];

let srv;
let browser;
let dir;

before(async () => {
  // Fail (do not skip) when LibreOffice is missing: scripts/setup.sh installs it.
  try {
    execFileSync(SOFFICE, ['--version'], { stdio: 'pipe', timeout: 60000 });
  } catch (e) {
    throw new Error(`${SOFFICE} is missing or broken (${e.message}): apt-get install libreoffice-calc-nogui (scripts/setup.sh)`);
  }
  srv = await startTarget();
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'shouhu-e2e-xlsx-'));
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Click BUTTON (a locator) and save the file it downloads; resolves { name, buf, file }. */
async function downloadBy(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), buf: await readFile(file), file };
}

const unescapeXml = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

/**
 * The cells of the first worksheet of the .xlsx in BUF: Map "B2" → { type, text } where type
 * is 's' (text: shared or inline string), 'n' (number, also dates), or another t= value.
 */
function firstSheetCells(buf) {
  const files = unzip(buf);
  const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescapeXml(m[1])).join('');
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    texts(m[1]),
  );
  // The first sheet of the workbook, through its relationship.
  const workbook = files.get('xl/workbook.xml').toString('utf8');
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)[1];
  const rels = files.get('xl/_rels/workbook.xml.rels').toString('utf8');
  const target = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)
    ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
  const sheet = files.get(`xl/${target[1].replace(/^\/?xl\//, '')}`).toString('utf8');
  const cells = new Map();
  for (const m of sheet.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = /\br="([A-Z]+\d+)"/.exec(m[1])[1];
    const t = /\bt="([^"]+)"/.exec(m[1])?.[1] ?? 'n';
    const body = m[2] ?? '';
    const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
    if (t === 's') cells.set(ref, { type: 's', text: shared[Number(v)] });
    else if (t === 'inlineStr') cells.set(ref, { type: 's', text: texts(body) });
    else if (v !== undefined) cells.set(ref, { type: t, text: unescapeXml(v) });
  }
  return cells;
}

/** Column letters of the 0-based column index I (0 → A, 26 → AA). */
function column(i) {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The header row of the template's first sheet, in order. */
function templateHeaders(buf) {
  const cells = firstSheetCells(buf);
  const headers = [];
  for (let i = 0; cells.has(`${column(i)}1`); i++) headers.push(cells.get(`${column(i)}1`).text.trim());
  return headers;
}

const quote = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;

/**
 * Write ROWS under HEADERS as CSV (UTF-8 with BOM) and convert it with LibreOffice; the
 * columns whose header names an ID number are imported as text. Resolves the .xlsx path.
 */
async function convertWithLibreOffice(headers, rows) {
  const csv = '\ufeff' + [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  const csvFile = path.join(dir, '儿童名单.csv');
  await writeFile(csvFile, csv);
  // CSV filter options: separator ",", text delimiter '"', UTF-8 (76), from line 1, then the
  // column formats (column/format, 2 = text) — without them the 18-digit numbers become
  // floating-point numbers and lose their last digits.
  const formats = headers.flatMap((h, i) => (h.includes('身份证号码') ? [`${i + 1}/2`] : [])).join('/');
  const profile = pathToFileURL(path.join(dir, 'lo-profile')).href;
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--norestore',
      `--infilter=CSV:44,34,76,1,${formats}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      path.join(dir, 'xlsx'),
      csvFile,
    ],
    { stdio: 'pipe', timeout: 120000 },
  );
  const out = path.join(dir, 'xlsx', '儿童名单.xlsx');
  if (!existsSync(out)) throw new Error('LibreOffice did not write the .xlsx file');
  return out;
}

test('the county imports an .xlsx file made by LibreOffice and sees the real row numbers', async () => {
  const page = await newPage(browser);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'county', 'Shouhu#County9');
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.getByRole('button', { name: '批量导入' }).click();
  await page.waitForURL((u) => u.pathname === '/children/import');

  // The template's header row; the rows fill in the columns this test needs.
  const template = await downloadBy(page, page.getByRole('button', { name: '下载导入模板' }));
  const headers = templateHeaders(template.buf);
  for (const row of ROWS) for (const h of Object.keys(row)) assert.ok(headers.includes(h), `the template lacks the header ${h}`);

  const xlsxFile = await convertWithLibreOffice(headers, ROWS);
  // LibreOffice kept the ID numbers as text, every digit; the header row is the template's.
  const cells = firstSheetCells(await readFile(xlsxFile));
  assert.deepEqual(templateHeaders(await readFile(xlsxFile)), headers);
  const idCol = column(headers.indexOf('身份证号码'));
  assert.deepEqual(cells.get(`${idCol}2`), { type: 's', text: ID });
  assert.deepEqual(cells.get(`${idCol}3`), { type: 's', text: BAD_ID });
  // The parents' dates became date cells (numbers), which the browser reads back as dates.
  assert.equal(cells.get(`${column(headers.indexOf('父亲起始日期'))}2`).type, 'n');

  await page.locator('input[type=file]').setInputFiles(xlsxFile);
  const preview = page.locator('.preview');
  await preview.getByText(NAME).waitFor();
  assert.match(await preview.locator('.summary').textContent(), /共\s*2\s*行数据/);
  const previewText = await preview.locator('.plain-table').textContent();
  assert.ok(previewText.includes(ID), 'the preview shows the full ID number');
  assert.ok(previewText.includes(SINCE), 'the preview shows the date cell as YYYY-MM-DD');

  await page.getByText('只导入有效行').click();
  await page.getByRole('button', { name: /开始导入/ }).click();
  const result = page.locator('.import-result');
  await result.getByText('未导入的行').first().waitFor();
  const stat = (title) => result.locator('.el-statistic', { hasText: title }).locator('.el-statistic__number');
  assert.equal((await stat('新增档案').textContent()).trim(), '1');
  assert.equal((await stat('未导入的行').textContent()).trim(), '1');

  // The rejected row under its row number in the spreadsheet, with a Chinese reason.
  const rejected = await result.locator('.rejected tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  );
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0][0], '3');
  assert.match(rejected[0].slice(1).join(' '), /校验/);
  await screenshot(page, 'child-import-xlsx.png');

  // The new child is in the list; its file shows the derived category.
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.locator('.filter-form .el-form-item', { hasText: '姓名' }).locator('input').fill(NAME);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: NAME }).click();
  await page.waitForURL((u) => /^\/children\/\d+$/.test(u.pathname));
  await page.locator('.file-head').getByText(NAME).waitFor();
  await page.locator('.el-tabs__item', { hasText: '认定类别' }).click();
  await page.locator('.categories .derived').getByText('农村留守儿童').waitFor();

  assert.deepEqual(page.problems, []);
  await page.context().close();
});
