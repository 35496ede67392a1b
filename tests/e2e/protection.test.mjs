// tests/e2e/protection.test.mjs — issue 5's caseworker screens in a real browser against the real
// server with a fresh demo database (docs/API.md "## Protection — 保护"):
// - the town supervisor of 隘口镇 opens the file of a child graded green and records a family
//   guardianship assessment whose carer item is 无人实际照料: a required item left blank first
//   gets the server's message at that item and the answers stay; saved, the file shows the
//   server's grade 监护缺失 (red), score / max, every dimension explained and the next assessment
//   day, and the 风险等级 tab shows the level raised with the factor;
// - an entrusted-care agreement with an Art. 22 check ticked is refused, naming the check, and
//   nothing typed is lost;
// - a psychological screening 异常 with a referral: the referral shows (已转介) and can be
//   accepted;
// - an intervention recorded and closed shows the three after-case visit days (+1, +3, +6 months);
//   the 专项台账 page lists it.
// No CSP violation, page error or failed request on any page.
// Run from the repository root: node --test tests/e2e/protection.test.mjs
// (SHOUHU_BIN chooses the server binary; SHOUHU_WEB_ROOT another build of the web app.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin, DESKTOP } from './browser.mjs';
import { login } from '../lib/server.mjs';

const TIMEOUT = 15000;
const PASSWORD = { town: 'Shouhu#Town2026a' };

let srv;
let browser;
let page;
let api;
const state = { childId: null, childName: '' };

before(async () => {
  const settings = process.env.SHOUHU_WEB_ROOT ? { web_root: process.env.SHOUHU_WEB_ROOT } : {};
  srv = await startTarget(settings);
  browser = await launchBrowser();
  page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'town', PASSWORD.town);
  api = await login(srv.url, 'town', PASSWORD.town);
  // A child of the town graded green: a 监护缺失 assessment must raise its level.
  const list = await api.get('/api/v1/children?risk=green&status=active&page_size=1');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.length, 'the demo town has a child graded green');
  state.childId = list.json.items[0].id;
  state.childName = list.json.items[0].name;
});

after(async () => {
  await page?.context().close();
  await browser?.close();
  await srv?.stop();
});

/** The open dialog titled TITLE (its start). */
const dialog = (title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) });

/** The form item labelled LABEL inside SCOPE. */
const field = (scope, label) =>
  scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) }).first();

/** Run ACTION and answer the response to METHOD on a path matching PATH. */
async function answerOf(method, path, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname)),
    action(),
  ]);
  return res;
}

function noProblems() {
  assert.deepEqual(page.problems, [], 'no CSP violation, page error or failed request');
}

/** Today in CST plus N calendar months (the last day of a shorter month), YYYY-MM-DD. */
function monthsFromToday(n) {
  const today = new Date(Date.now() + 8 * 3600 * 1000);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(Date.UTC(y, m, Math.min(today.getUTCDate(), last)));
  return d.toISOString().slice(0, 10);
}

async function openFile(tab) {
  await page.goto(`${srv.url}/children/${state.childId}`);
  await page.locator('.file-head').getByText(state.childName).first().waitFor();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

/** Pick the option whose text starts with TEXT in the assessment item CODE. */
async function answer(form, code, text) {
  await form.locator(`.ga-item[data-item=${code}] .el-radio`, { hasText: text }).first().click();
}

test('an assessment that finds 监护缺失: the server grade, explained, and the risk raised', async () => {
  await openFile('风险等级');
  await page.locator('.risk-panel .summary .risk-badge[data-level=green]').waitFor();

  await page.getByRole('tab', { name: '监护评估' }).click();
  await page.getByRole('button', { name: '开展评估' }).click();
  const form = dialog('家庭监护能力评估');
  await form.locator('.ga-item[data-item=carer]').waitFor();
  // Every required item answered with its first option, except: nobody actually cares for the
  // child, and 饮食衣着 (food) left blank for now.
  const required = await form.locator('.ga-item:has(.req)').evaluateAll((els) => els.map((e) => e.dataset.item));
  assert.ok(required.includes('carer') && required.includes('food'), `required items: ${required}`);
  for (const code of required) {
    if (code === 'food') continue;
    if (code === 'carer') await answer(form, code, '无人实际照料');
    else await form.locator(`.ga-item[data-item=${code}] .el-radio`).first().click();
  }
  await field(form, '备注').locator('textarea').fill('祖母住院，父母均在外地务工，儿童独自在家');

  const refused = await answerOf('POST', /\/assessments$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(refused.status(), 400);
  const err = (await refused.json()).error;
  assert.equal(err.field, 'answers.food');
  await form.locator('.ga-item[data-item=food] .item-error', { hasText: '请回答' }).waitFor();
  // Nothing typed is lost.
  assert.equal(await form.locator('.ga-item[data-item=carer] .el-radio.is-checked', { hasText: '无人实际照料' }).count(), 1);
  assert.equal(await field(form, '备注').locator('textarea').inputValue(), '祖母住院，父母均在外地务工，儿童独自在家');

  await form.locator('.ga-item[data-item=food] .el-radio').first().click();
  await screenshot(page, 'protection-assessment-form.png');
  const saved = await answerOf('POST', /\/assessments$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(saved.status(), 201);
  const a = await saved.json();
  assert.equal(a.result, 'absent');
  assert.ok(a.next_on, 'a next assessment day');
  await form.waitFor({ state: 'hidden' });

  const shown = page.locator(`.assessment-result[data-assessment="${a.id}"]`);
  await shown.locator('.guard-tag.guard-absent', { hasText: '监护缺失' }).waitFor();
  const colour = await shown.locator('.guard-tag').evaluate((e) => getComputedStyle(e).backgroundColor);
  const [r, g, b] = colour.match(/\d+/g).map(Number);
  assert.ok(r > 180 && g < 120 && b < 120, `监护缺失 is red: ${colour}`);
  await shown.getByText(`${a.score} / ${a.max_score} 分`).waitFor();
  await shown.getByText(a.next_on).waitFor();
  for (const d of a.dimensions) await shown.locator(`tr[data-dimension=${d.code}]`, { hasText: d.explain.slice(0, 12) }).waitFor();
  assert.equal(await shown.locator('tr[data-dimension]').count(), a.dimensions.length);
  await screenshot(page, 'protection-assessment-result.png');

  // The risk tab: the level in force has risen, with the assessment among the factors.
  await page.getByRole('tab', { name: '风险等级' }).click();
  const risk = page.locator('.risk-panel');
  await risk.getByText('家庭监护评估：监护缺失', { exact: true }).waitFor();
  const level = await risk.locator('.summary .risk-badge').first().getAttribute('data-level');
  assert.ok(['orange', 'red'].includes(level), `the risk level rose from green: ${level}`);
  noProblems();
});

test('an entrusted caregiver with an Art. 22 circumstance is refused, naming it; nothing typed is lost', async () => {
  await openFile('委托协议');
  await page.getByRole('button', { name: '新增委托协议' }).click();
  const form = dialog('新增委托照护协议');
  await field(form, '被委托人').locator('input').fill('杨某某');
  await field(form, '与儿童关系').locator('.el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '祖父' }).first().click();
  const check = form.locator('.el-checkbox[data-check=drug_or_gambling]');
  await check.click();
  const refused = await answerOf('POST', /\/care-agreements$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(refused.status(), 400);
  assert.equal((await refused.json()).error.field, 'checks.drug_or_gambling');
  const message = form.locator('[data-field=checks] .el-form-item__error');
  await message.getByText('有吸毒、酗酒、赌博等恶习').waitFor();
  await message.getByText('第二十二条').waitFor();
  await form.locator('.el-checkbox.refused[data-check=drug_or_gambling]').waitFor();
  assert.equal(await field(form, '被委托人').locator('input').inputValue(), '杨某某');
  await screenshot(page, 'protection-art22.png');
  await form.getByRole('button', { name: '取消' }).click();
  const list = await api.get(`/api/v1/children/${state.childId}/care-agreements`);
  assert.equal(list.status, 200);
  assert.equal((list.json.items || list.json).length, 0, 'nothing stored');
  noProblems();
});

test('a psychological screening 异常 opens a referral, shown in the file', async () => {
  await openFile('心理关爱');
  await page.getByRole('button', { name: '记录筛查' }).click();
  const form = dialog('记录心理筛查');
  await field(form, '筛查量表').locator('input').fill('长处和困难问卷（SDQ）');
  await field(form, '得分').locator('input').fill('24');
  await field(form, '筛查结果').locator('.el-radio', { hasText: '异常' }).click();
  await field(form, '转介服务').locator('.el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '医院心理/精神科' }).first().click();
  await field(form, '服务机构名称').locator('input').fill('秀山县人民医院心理科');
  const saved = await answerOf('POST', /\/psych\/screenings$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(saved.status(), 201);
  const s = await saved.json();
  assert.equal(s.result, 'abnormal');
  assert.ok(s.referral_id, 'the server opened a referral');
  await form.waitFor({ state: 'hidden' });

  await page.locator(`.screening[data-screening="${s.id}"] .result`, { hasText: '异常' }).waitFor();
  const referral = page.locator(`[data-referral="${s.referral_id}"]`);
  await referral.getByText('秀山县人民医院心理科').waitFor();
  await referral.locator('.state', { hasText: '已转介' }).waitFor();
  await screenshot(page, 'protection-psych.png');
  // The service takes the child in.
  await referral.getByRole('button', { name: '已接收' }).click();
  const accept = dialog('转介：已接收');
  const moved = await answerOf('POST', /\/events$/, () => accept.getByRole('button', { name: '保存' }).click());
  assert.equal(moved.status(), 200);
  await referral.locator('.state', { hasText: '已接收' }).waitFor();
  noProblems();
});

test('an intervention closed shows the three after-case visits; the register lists it', async () => {
  await openFile('干预与安置');
  await page.getByRole('button', { name: '登记干预措施' }).click();
  const form = dialog('登记干预措施');
  await field(form, '干预措施').locator('.el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '督促监护令' }).first().click();
  await field(form, '作出单位').locator('input').fill('秀山县人民法院');
  await field(form, '文书编号').locator('input').fill('（2026）渝0241民特12号');
  await field(form, '案情摘要').locator('textarea').fill('父母外出后长期未与儿童联系，法院发出督促监护令');
  const made = await answerOf('POST', /\/interventions$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(made.status(), 201);
  const i = await made.json();
  await form.waitFor({ state: 'hidden' });
  const row = page.locator(`.record[data-intervention="${i.id}"]`);
  await row.getByText('办理中').waitFor();

  await row.getByRole('button', { name: '案件办结' }).click();
  const close = dialog('案件办结');
  const closed = await answerOf('PUT', /\/interventions\/\d+$/, () => close.getByRole('button', { name: '保存' }).click());
  assert.equal(closed.status(), 200);
  await close.waitFor({ state: 'hidden' });
  await row.getByText('已办结').waitFor();
  assert.ok(await row.evaluate((e) => e.classList.contains('ended')), 'a closed intervention is shown apart');
  for (const n of [1, 3, 6]) await row.locator(`.followup[data-due="${monthsFromToday(n)}"]`).getByText('待回访').waitFor();
  assert.equal(await row.locator('.followup').count(), 3);
  await screenshot(page, 'protection-intervention.png');

  // 专项台账 lists it.
  await page.locator('.app-aside .el-menu-item', { hasText: '专项台账' }).click();
  await page.waitForURL((u) => u.pathname === '/cases');
  const listed = page.locator('.el-table__body tr', { has: page.getByRole('link', { name: state.childName }) }).first();
  await listed.getByText('督促监护令', { exact: true }).waitFor();
  await listed.getByText('秀山县人民法院').waitFor();
  await listed.getByText(monthsFromToday(1)).waitFor();
  await screenshot(page, 'protection-register.png');
  noProblems();
});
