// tests/e2e/visits-desktop.test.mjs — issue 4 on a normal screen, in a real browser against the
// real server with a fresh demo database (docs/API.md "Visits — 走访" and after):
// - the town supervisor of 隘口镇 opens a child's file, records a home visit whose safety item is
//   关注 (溺水) and whose caregiver 缺乏照护能力; the visit is in 走访记录 with its concern, and the
//   guardianship problem the server opened is in the file's 问题跟进 and on the 问题跟进 page, where
//   the supervisor adds a progress note and resolves it (the file then shows it 已解决);
// - a note sent against a stale version (someone else noted the problem meanwhile) shows the
//   server's current version and lets the user resubmit;
// - the county's civil-affairs user overrides the child's risk level with a reason: the level in
//   force, the override and the history entry (人工调整) show;
// - the warnings inbox lists an overdue contact or visit of a demo child, and the home page counts it;
// - at 360 px the visit form fits the screen (no sideways scrolling) and saves.
// No CSP violation, page error or failed request on any page.
// Run from the repository root: node --test tests/e2e/visits-desktop.test.mjs
// (SHOUHU_WEB_ROOT serves another build of the web app than web/dist.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin, DESKTOP, PHONE } from './browser.mjs';
import { login } from '../lib/server.mjs';

const TIMEOUT = 15000;
const PASSWORD = { town: 'Shouhu#Town2026a', county: 'Shouhu#County2026a' };

let srv;
let browser;
// Shared by the steps: the child visited (id, name, file address) and the problem opened.
const state = { childId: null, childName: '', problemId: null };

before(async () => {
  const settings = process.env.SHOUHU_WEB_ROOT ? { web_root: process.env.SHOUHU_WEB_ROOT } : {};
  srv = await startTarget(settings);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** Sign in USER (whose first password change is done) on a new page of VIEWPORT. */
async function signedIn(user, viewport = DESKTOP) {
  const page = await newPage(browser, viewport);
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(srv.url + '/login');
  await page.locator('input[name=username]').fill(user);
  await page.locator('input[name=password]').fill(PASSWORD[user]);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/');
  return page;
}

/** The open dialog titled TITLE (its start). */
const dialog = (page, title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) });

/** The form item labelled LABEL inside SCOPE. */
const field = (scope, label) =>
  scope.locator('.el-form-item', { has: scope.page().locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) }).first();

/** Click BUTTON and wait for the answer to METHOD on a path matching PATH. */
async function answerOf(page, method, path, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname)),
    action(),
  ]);
  return res;
}

function noProblems(page) {
  assert.deepEqual(page.problems, [], 'no CSP violation, page error or failed request');
}

test('a town supervisor records a home visit; the caregiver found lacking opens a problem, noted and resolved', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'town', PASSWORD.town);

  // A child of 隘口镇 from the list.
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.waitForURL((u) => u.pathname === '/children');
  const first = page.locator('.el-table__body .name-link').first();
  state.childName = (await first.textContent()).trim();
  await first.click();
  await page.waitForURL((u) => /^\/children\/\d+$/.test(u.pathname));
  state.childId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.locator('.file-head').getByText(state.childName).first().waitFor();
  // The schedule summary: the next contact and home visit with their due days.
  await page.locator('.schedule-summary').getByText('下次入户走访').waitFor();

  // 走访记录 → 记录走访.
  await page.getByRole('tab', { name: '走访记录' }).click();
  await page.getByRole('button', { name: '记录走访' }).click();
  const form = dialog(page, '记录走访');
  await form.waitFor();
  assert.equal(await form.locator('.el-radio.is-checked', { hasText: '入户走访' }).count(), 1, 'a home visit by default');
  await field(form, '见到的人').locator('input').fill('儿童本人和祖母');
  const safety = form.locator('.check-item[data-item=safety]');
  await safety.getByRole('radio', { name: '关注' }).click();
  await safety.locator('.el-checkbox', { hasText: '溺水' }).click();
  await safety.locator('input').first().fill('屋后有水塘，无护栏');
  await form.locator('.check-item[data-item=living]').getByRole('radio', { name: '正常' }).click();
  await field(form, '照护能力').locator('.el-radio', { hasText: '缺乏照护能力' }).click();
  await form.getByText('保存后将自动生成一条').waitFor();
  await screenshot(page, 'visits-desktop-form.png');

  const saved = await answerOf(page, 'POST', /\/visits$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(saved.status(), 201);
  const visit = await saved.json();
  assert.ok(visit.opened_problem_id, 'the server opened a follow-up problem');
  state.problemId = visit.opened_problem_id;
  assert.equal(visit.checklist.safety.status, 'concern');
  assert.deepEqual(visit.checklist.safety.hazards, ['water']);
  await page.locator('.el-message--success', { hasText: '已自动生成照护跟进问题' }).waitFor();
  await form.waitFor({ state: 'hidden' });

  // The visit in the list, with its concern and the caregiver's capacity; its detail.
  // Newest first: this visit, recorded a moment ago, heads the list.
  const row = page.locator('.visit-row').first();
  await row.getByText('儿童本人和祖母').waitFor();
  await row.getByText('关注：家庭安全隐患（溺水）').waitFor();
  await row.getByText('照护能力：缺乏照护能力').waitFor();
  await row.click();
  const detail = dialog(page, '走访详情');
  await detail.getByText('屋后有水塘，无护栏；隐患：溺水').waitFor();
  await detail.getByText('儿童本人和祖母').waitFor();
  await detail.getByRole('button', { name: '关闭', exact: true }).click();
  await detail.waitFor({ state: 'hidden' });

  // The problem in the file's 问题跟进.
  await page.getByRole('tab', { name: '问题跟进' }).click();
  const problemRow = page.locator(`.problem-row[data-problem="${state.problemId}"]`);
  await problemRow.getByText('监护缺失或不当').waitFor();
  await problemRow.getByText('处理中').waitFor();
  await screenshot(page, 'visits-desktop-file-problem.png');

  // The 问题跟进 page lists it among the open problems; a note, then the resolution.
  await page.locator('.app-aside .el-menu-item', { hasText: '问题跟进' }).click();
  await page.waitForURL((u) => u.pathname === '/problems');
  const listed = page.locator('.el-table__body tr', { has: page.getByRole('link', { name: state.childName }) }).first();
  await listed.getByText('监护缺失或不当').waitFor();
  await listed.getByRole('button', { name: '进展' }).click();
  const note = dialog(page, '记录进展');
  await note.locator('textarea').fill('已电话告知孩子父亲，父亲同意下月回家另行安排照护');
  const noted = await answerOf(page, 'POST', /\/problems\/\d+\/notes$/, () => note.getByRole('button', { name: '保存' }).click());
  assert.equal(noted.status(), 200);
  await note.waitFor({ state: 'hidden' });

  await listed.getByRole('button', { name: '详情' }).click();
  const shown = dialog(page, '问题详情');
  await shown.getByText('已电话告知孩子父亲').waitFor();
  await shown.getByRole('button', { name: '办结' }).click();
  const resolve = dialog(page, '办结问题');
  await resolve.locator('textarea').fill('父亲已返乡照护，委托照护关系解除');
  const resolved = await answerOf(page, 'POST', /\/problems\/\d+\/resolve$/, () => resolve.getByRole('button', { name: '办结' }).click());
  assert.equal(resolved.status(), 200);
  assert.equal((await resolved.json()).state, 'resolved');
  await resolve.waitFor({ state: 'hidden' });
  await shown.getByText('父亲已返乡照护，委托照护关系解除').waitFor();
  await shown.getByRole('button', { name: '关闭', exact: true }).click();

  // Back in the file the problem is 已解决.
  await page.goto(`${srv.url}/children/${state.childId}`);
  await page.getByRole('tab', { name: '问题跟进' }).click();
  await page.locator(`.problem-row[data-problem="${state.problemId}"]`).getByText('已解决').waitFor();
  noProblems(page);
  await page.context().close();
});

test('a note against a stale version shows the current one and can be sent again', async () => {
  const page = await signedIn('town');
  const api = await login(srv.url, 'town', PASSWORD.town);
  // A new problem of the child, raised in the file.
  await page.goto(`${srv.url}/children/${state.childId}`);
  await page.getByRole('tab', { name: '问题跟进' }).click();
  await page.getByRole('button', { name: '发现问题' }).click();
  const raise = dialog(page, '发现问题');
  await field(raise, '问题类别').locator('.el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '控辍保学' }).click();
  await field(raise, '问题描述').locator('textarea').fill('近两周未到校，需联系学校核实');
  const made = await answerOf(page, 'POST', /\/problems$/, () => raise.getByRole('button', { name: '保存' }).click());
  assert.equal(made.status(), 201);
  const problem = await made.json();
  const row = page.locator(`.problem-row[data-problem="${problem.id}"]`);
  await row.getByText('控辍保学').waitFor();

  // The dialog opens on the version shown; someone else adds a note before it is sent.
  await row.getByRole('button', { name: '记录进展' }).click();
  const note = dialog(page, '记录进展');
  await note.locator('textarea').fill('已与班主任沟通');
  const other = await api.post(`/api/v1/problems/${problem.id}/notes`, { note: '学校反映该生已返校' });
  assert.equal(other.status, 200);
  const stale = await answerOf(page, 'POST', /\/problems\/\d+\/notes$/, () => note.getByRole('button', { name: '保存' }).click());
  assert.equal(stale.status(), 409);
  await note.getByText('该问题已被他人更新，请确认后再提交').waitFor();
  await note.getByText('学校反映该生已返校').waitFor();
  await screenshot(page, 'visits-desktop-conflict.png');
  const again = await answerOf(page, 'POST', /\/problems\/\d+\/notes$/, () => note.getByRole('button', { name: '仍然提交' }).click());
  assert.equal(again.status(), 200);
  await note.waitFor({ state: 'hidden' });
  const now = await api.get(`/api/v1/problems/${problem.id}`);
  assert.deepEqual(
    now.json.notes.map((n) => n.note),
    ['学校反映该生已返校', '已与班主任沟通'],
    'both notes stored, in order',
  );
  noProblems(page);
  await page.context().close();
});

test('the county overrides the risk level with a reason; level, override and history show', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'county', PASSWORD.county);
  await page.goto(`${srv.url}/children/${state.childId}`);
  await page.getByRole('tab', { name: '风险等级' }).click();
  const panel = page.locator('.risk-panel');
  await panel.getByText('评分因素').waitFor();
  await panel.getByRole('button', { name: '人工调整等级' }).click();
  const form = dialog(page, '人工调整风险等级');
  await form.locator('.el-radio', { hasText: '红色（高风险）' }).click();
  await field(form, '调整理由').locator('textarea').fill('家中存在溺水隐患且照护人能力不足，县级研判提级');
  const saved = await answerOf(page, 'PUT', /\/risk\/override$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(saved.status(), 200);
  const risk = await saved.json();
  assert.equal(risk.level, 'red');
  assert.equal(risk.override.state, 'active');
  await form.waitFor({ state: 'hidden' });

  await panel.locator('.summary .risk-badge[data-level=red]').waitFor();
  await panel.locator('.override').getByText('家中存在溺水隐患且照护人能力不足，县级研判提级').waitFor();
  await panel.locator('.override').getByText('生效中').waitFor();
  const history = panel.locator('.risk-history tbody tr', { hasText: '人工调整' }).first();
  await history.locator('.risk-badge[data-level=red]').waitFor();
  // The header shows the level in force too.
  await page.locator('.file-head .head-tags .risk-badge[data-level=red]').waitFor();
  await screenshot(page, 'visits-desktop-risk.png');
  noProblems(page);
  await page.context().close();
});

test('the warnings inbox lists an overdue contact or visit; the home page counts it', async () => {
  const page = await signedIn('town');
  const stat = page.locator('.warning-stats .number[data-stat=total] .value');
  await stat.waitFor();
  const total = Number(await stat.textContent());
  assert.ok(total > 0, 'the home page counts open warnings');
  await page.locator('.app-aside .el-menu-item', { hasText: '预警' }).click();
  await page.waitForURL((u) => u.pathname === '/warnings');
  const overdue = page.locator('.el-table__body tr', { hasText: /联系逾期|走访逾期/ }).first();
  await overdue.waitFor();
  // The row links to the child's file.
  const child = overdue.locator('a.name-link');
  const name = (await child.textContent()).trim();
  await child.click();
  await page.waitForURL((u) => /^\/children\/\d+$/.test(u.pathname));
  await page.locator('.file-head').getByText(name).first().waitFor();
  noProblems(page);
  await page.context().close();
});

test('at 360 px the visit form fits the screen and saves', async () => {
  const page = await signedIn('town', PHONE);
  await page.goto(`${srv.url}/children/${state.childId}`);
  await page.getByRole('tab', { name: '走访记录' }).click();
  await page.getByRole('button', { name: '记录走访' }).click();
  const form = dialog(page, '记录走访');
  await form.waitFor();
  await form.locator('.el-radio', { hasText: '电话/视频联系' }).click();
  await form.locator('.check-item[data-item=psychological]').getByRole('radio', { name: '关注' }).click();
  await screenshot(page, 'visits-phone-form.png');
  const widths = await page.evaluate(() => {
    const d = document.querySelector('.el-dialog');
    const body = d.querySelector('.el-dialog__body');
    return { doc: document.documentElement.scrollWidth, view: window.innerWidth, dialog: d.getBoundingClientRect().width, body: body.scrollWidth, bodyClient: body.clientWidth };
  });
  assert.ok(widths.doc <= widths.view, `page scrolls sideways: ${JSON.stringify(widths)}`);
  assert.ok(widths.dialog <= widths.view, `dialog wider than the screen: ${JSON.stringify(widths)}`);
  assert.ok(widths.body <= widths.bodyClient, `dialog content scrolls sideways: ${JSON.stringify(widths)}`);
  const saved = await answerOf(page, 'POST', /\/visits$/, () => form.getByRole('button', { name: '保存' }).click());
  assert.equal(saved.status(), 201);
  await form.waitFor({ state: 'hidden' });
  await page.locator('.visit-row').filter({ hasText: '电话/视频联系' }).first().waitFor();
  noProblems(page);
  await page.context().close();
});
