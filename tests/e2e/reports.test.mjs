// tests/e2e/reports.test.mjs — issue 5's mandatory reports (强制报告) in a real browser against the
// real server with a fresh demo database (docs/API.md "Mandatory reports — 强制报告"):
// - the school (隘口镇中心小学), on a 360 px phone, files a report about a child without a file:
//   the situation 虐待或暴力伤害 routes it to 公安 and 民政 by default, 在校学生 adds 教育; the form
//   fits the screen; the school then sees only the number, situation, time and state;
// - the police (秀山县公安局) find it in their 待办队列 with its acceptance countdown, open it,
//   受理, 开始处置, 办结 with an outcome and 反馈报告人; each step is in the timeline (CST times);
// - the school then sees 已反馈报告人 and the outcome, and still nothing of the report's content;
// - a volunteer sees no such report: not in its 我报告的, and /reports/<id> says it does not exist;
// - a step against a report someone else has moved on (409) shows the server's message and the
//   page shows the report as it is now.
// - the county's civil affairs see every report of the county under 督办 and link a report about a
//   child without a file to the child's file (关联档案);
// - 建档 from a report about a child without a file opens the new-file form filled with what the
//   reporter knew (name, sex, village); saved, the file is linked to the report.
// No CSP violation, page error or failed request on any page.
// Run from the repository root: node --test tests/e2e/reports.test.mjs
// (SHOUHU_BIN picks the server binary, SHOUHU_WEB_ROOT another build of the web app than web/dist.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin, pickOption, DESKTOP, PHONE } from './browser.mjs';
import { login } from '../lib/server.mjs';
import { makeId, yearsBefore } from '../lib/fixtures.mjs';

const TIMEOUT = 15000;
const PASSWORD = { school: 'Shouhu#School2026a', police: 'Shouhu#Police2026a', volunteer: 'Shouhu#Volunteer2026a', county: 'Shouhu#County2026a' };
const CHILD = '石小禾';
const SEEN = '该生手臂和背部有多处淤青，称是继父用皮带打的，近一周情绪低落';
const OUTCOME = '已出警核实，继父殴打属实，已依法训诫并责令改正，儿童暂由外祖母照料';
const TOLD = '感谢报告，警方已依法处理，请学校继续关注该生情况';

let srv;
let browser;
// The report filed by the school.
const filed = { id: null, no: '' };

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

/** A new page of VIEWPORT where USER signs in for the first time (and sets its password). */
async function firstSignIn(user, viewport = DESKTOP) {
  const page = await newPage(browser, viewport);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, user, PASSWORD[user]);
  return page;
}

/** The form item labelled LABEL inside SCOPE. */
const field = (scope, label) =>
  scope.locator('.el-form-item', { has: scope.page().locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) }).first();

/** The open dialog whose title starts with TITLE. */
const dialog = (page, title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) });

/** Wait for the answer to METHOD on a path matching PATH while ACTION runs. */
async function answerOf(page, method, path, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname)),
    action(),
  ]);
  return res;
}

async function dropdownsClosed(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-select__popper')].every((e) => getComputedStyle(e).display === 'none'),
  );
}

/** Pick a region in the RegionTreeSelect inside ITEM: expand the nodes NAMES, click the last. */
async function pickRegion(page, item, names) {
  await item.locator('.el-select').click();
  const node = (name) =>
    page.locator('.el-select__popper:visible .el-tree-node__content', { has: page.getByText(new RegExp(`^${name}`)) }).first();
  for (const name of names.slice(0, -1)) {
    const n = node(name);
    await n.waitFor();
    if (!(await n.locator('.el-tree-node__expand-icon.expanded').count())) await n.locator('.el-tree-node__expand-icon').click();
  }
  await node(names[names.length - 1]).click();
  await page.keyboard.press('Escape').catch(() => {});
  await dropdownsClosed(page);
}

/** Today in China Standard Time, YYYY-MM-DD. */
function todayCst() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The departments checked in the 报送部门 item of FORM. */
async function routing(form) {
  return (await field(form, '报送部门').locator('.el-checkbox.is-checked').allTextContents()).map((t) => t.trim()).sort();
}

function noProblems(page) {
  assert.deepEqual(page.problems, [], 'no CSP violation, page error or failed request');
}

test('the school files a report about a child without a file, on a 360 px phone', async () => {
  const page = await firstSignIn('school', PHONE);
  await page.goto(srv.url + '/reports');
  await page.getByRole('tab', { name: '我报告的' }).waitFor();
  // A school handles nothing: no queue, no supervision.
  assert.equal(await page.getByRole('tab', { name: '待办队列' }).count(), 0);
  assert.equal(await page.getByRole('tab', { name: '督办' }).count(), 0);
  await page.getByRole('button', { name: '填报强制报告' }).click();
  await page.waitForURL((u) => u.pathname === '/reports/new');
  const form = page.locator('.report-form');

  await field(form, '情形').locator('.el-select').click();
  await pickOption(page, '虐待或暴力伤害');
  await dropdownsClosed(page);
  // The default routing for harm by others: police and civil affairs.
  await field(form, '报送部门').getByText('按所选情形默认报送：公安、民政').waitFor();
  assert.deepEqual(await routing(form), ['公安', '民政']);
  await field(form, '紧急程度').locator('.el-radio-button', { hasText: '较急' }).click();
  await field(form, '看到的情况').locator('textarea').fill(SEEN);
  await field(form, '发生时间').locator('.el-checkbox', { hasText: '只记得日期' }).click();
  const when = field(form, '发生时间').locator('input').first();
  await when.fill(todayCst());
  await when.press('Enter');
  await when.press('Escape').catch(() => {});
  await field(form, '发生地点').locator('input').fill('学校教室');
  await pickRegion(page, field(form, '所在村（社区）'), ['隘口镇', '平所村']);

  // A child without a file: what the school knows.
  await field(form, '儿童档案').locator('.el-radio.is-checked', { hasText: '未建档' }).waitFor();
  await field(form, '儿童姓名').locator('input').fill(CHILD);
  await field(form, '性别').locator('.el-radio', { hasText: '女' }).click();
  await field(form, '年龄').locator('input').fill('9');
  await field(form, '就读学校').locator('input').fill('隘口镇中心小学');
  // A pupil: education joins the routing.
  await field(form, '在校学生').locator('.el-switch').click();
  await field(form, '报送部门').getByText('按所选情形默认报送：公安、民政、教育').waitFor();
  assert.deepEqual(await routing(form), ['公安', '教育', '民政']);

  // A telephone number the server refuses: its message at the field, nothing typed lost.
  await field(form, '联系电话').locator('input').fill('电话12');
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.doc <= widths.view, `the form scrolls sideways at 360 px: ${JSON.stringify(widths)}`);
  await screenshot(page, 'reports-phone-form.png');

  const refused = await answerOf(page, 'POST', /^\/api\/v1\/reports$/, () => page.getByRole('button', { name: '提交报告' }).click());
  assert.equal(refused.status(), 400);
  const why = (await refused.json()).error;
  assert.equal(why.field, 'reporter.phone');
  await field(form, '联系电话').locator('.el-form-item__error', { hasText: why.message }).waitFor();
  assert.equal(await field(form, '看到的情况').locator('textarea').inputValue(), SEEN);
  assert.equal(await field(form, '儿童姓名').locator('input').inputValue(), CHILD);
  assert.deepEqual(await routing(form), ['公安', '教育', '民政']);
  await field(form, '联系电话').locator('input').fill('023-76612345');

  const sent = await answerOf(page, 'POST', /^\/api\/v1\/reports$/, () => page.getByRole('button', { name: '提交报告' }).click());
  assert.equal(sent.status(), 201, await sent.text());
  const report = await sent.json();
  assert.equal(report.view, 'reporter');
  assert.match(report.no, /^BG\d{8}-\d+$/);
  filed.id = report.id;
  filed.no = report.no;
  const request = JSON.parse(sent.request().postData());
  assert.deepEqual([...request.depts].sort(), ['civil_affairs', 'education', 'police']);
  assert.equal(request.child_id, null);
  assert.equal(request.child.name, CHILD);
  assert.match(request.client_id, /^[0-9a-f-]{36}$/);
  assert.equal(request.client_id, JSON.parse(refused.request().postData()).client_id, 'one client_id per form');

  // The reporter's view of its report: number, situation, state — not what it wrote.
  await page.waitForURL((u) => u.pathname === `/reports/${filed.id}`);
  const detail = page.locator('.report-detail');
  await detail.getByText(filed.no).waitFor();
  await detail.getByText('虐待或暴力伤害').waitFor();
  await detail.getByText('已报告').waitFor();
  await detail.getByText('承办部门办结后将在这里告知处理结果').waitFor();
  assert.equal(await page.getByText(SEEN).count(), 0, 'the reporter does not get the report back');
  noProblems(page);
  await page.context().close();
});

test('the police accept the report from their queue, handle it, conclude it and tell the school', async () => {
  assert.ok(filed.id, 'the report was filed');
  const page = await firstSignIn('police');
  // The home page counts the report in the queue.
  const open = page.locator('.report-stats .number[data-stat=queue_open] .value');
  await open.waitFor();
  assert.ok(Number(await open.textContent()) >= 1, 'the home page counts the open report');
  await page.locator('.app-aside .el-menu-item', { hasText: '强制报告' }).click();
  await page.waitForURL((u) => u.pathname === '/reports');
  // The queue is where a handler starts.
  await page.locator('.el-tabs__item.is-active', { hasText: '待办队列' }).waitFor();
  const row = page.locator('.report-list[data-box=queue] .el-table__body tr', { hasText: filed.no });
  await row.getByText(CHILD).waitFor();
  await row.getByText('已报告').waitFor();
  await row.getByText(/受理期限剩 \d+ 小时/).waitFor();
  await screenshot(page, 'reports-queue.png');
  await row.getByRole('link', { name: filed.no }).click();
  await page.waitForURL((u) => u.pathname === `/reports/${filed.id}`);

  // The handler's view: the whole report.
  const detail = page.locator('.report-detail');
  await detail.getByText(SEEN).waitFor();
  await detail.getByText('未建档').waitFor();
  await detail.getByText('公安、民政、教育').waitFor();

  // 受理 (confirmed), then 开始处置.
  await page.getByRole('button', { name: '受理', exact: true }).click();
  const accepted = await answerOf(page, 'POST', /\/reports\/\d+\/events$/, () =>
    page.locator('.el-message-box').getByRole('button', { name: '受理' }).click(),
  );
  assert.equal(accepted.status(), 200, await accepted.text());
  assert.equal((await accepted.json()).state, 'accepted');
  await detail.getByText('已受理').first().waitFor();
  await page.getByRole('button', { name: '开始处置' }).click();
  const handling = await answerOf(page, 'POST', /\/reports\/\d+\/events$/, () =>
    page.locator('.el-message-box').getByRole('button', { name: '开始处置' }).click(),
  );
  assert.equal(handling.status(), 200, await handling.text());
  await detail.getByText('处置中').first().waitFor();

  // 办结 with the outcome.
  await page.getByRole('button', { name: '办结', exact: true }).click();
  const conclude = dialog(page, '办结');
  await conclude.locator('textarea').fill(OUTCOME);
  const concluded = await answerOf(page, 'POST', /\/reports\/\d+\/events$/, () => conclude.getByRole('button', { name: '办结' }).click());
  assert.equal(concluded.status(), 200, await concluded.text());
  assert.equal((await concluded.json()).outcome, OUTCOME);
  await conclude.waitFor({ state: 'hidden' });
  await detail.getByText('已办结').first().waitFor();

  // 反馈报告人 with what the school is told.
  await page.getByRole('button', { name: '反馈报告人' }).click();
  const tell = dialog(page, '反馈报告人');
  await tell.getByText(OUTCOME).waitFor();
  await tell.locator('textarea').fill(TOLD);
  const told = await answerOf(page, 'POST', /\/reports\/\d+\/events$/, () => tell.getByRole('button', { name: '反馈报告人' }).click());
  assert.equal(told.status(), 200, await told.text());
  assert.equal((await told.json()).state, 'outcome_told');
  await tell.waitFor({ state: 'hidden' });
  await detail.getByText('已反馈报告人').first().waitFor();
  // Nothing is left to do.
  assert.equal(await page.locator('.report-page .acts').getByRole('button', { name: '受理', exact: true }).count(), 0);
  assert.equal(await page.locator('.report-page .acts').getByRole('button', { name: '办结', exact: true }).count(), 0);

  // The timeline: every step, in order, at China Standard Time.
  const timeline = page.locator('.report-timeline');
  await timeline.locator('[data-event=tell_outcome]').getByText(TOLD).waitFor();
  const events = await timeline.locator('.el-timeline-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-event')));
  const steps = events.filter((e) => ['accept', 'start_handling', 'conclude', 'tell_outcome'].includes(e));
  assert.deepEqual(steps, ['accept', 'start_handling', 'conclude', 'tell_outcome']);
  const api = await login(srv.url, 'police', PASSWORD.police);
  const stored = await api.get(`/api/v1/reports/${filed.id}`);
  const acceptedAt = stored.json.events.find((e) => e.event === 'accept').at;
  const cst = new Date((typeof acceptedAt === 'number' ? acceptedAt : Date.parse(acceptedAt)) + 8 * 3600 * 1000).toISOString();
  await timeline.locator('[data-event=accept]').getByText(`${cst.slice(0, 10)} ${cst.slice(11, 16)}`).waitFor();
  await screenshot(page, 'reports-detail.png');
  noProblems(page);
  await page.context().close();
});

test('the school sees the outcome it was told, and still nothing of the content', async () => {
  assert.ok(filed.id, 'the report was filed');
  const page = await signedIn('school');
  await page.locator('.app-aside .el-menu-item', { hasText: '强制报告' }).click();
  await page.waitForURL((u) => u.pathname === '/reports');
  const row = page.locator('.report-list[data-box=mine] .el-table__body tr', { hasText: filed.no });
  await row.getByText('已反馈报告人').waitFor();
  await row.getByText(OUTCOME).waitFor();
  await row.getByText('虐待或暴力伤害').waitFor();
  assert.equal(await row.getByText(CHILD).count(), 0, 'the list shows number, situation, time, state and outcome only');
  await row.getByRole('link', { name: filed.no }).click();
  await page.waitForURL((u) => u.pathname === `/reports/${filed.id}`);
  const detail = page.locator('.report-detail');
  await detail.getByText(OUTCOME).waitFor();
  await detail.getByText(TOLD).waitFor();
  assert.equal(await page.getByText(SEEN).count(), 0);
  assert.equal(await page.locator('.report-timeline').count(), 0, 'the reporter does not get the handling steps');
  assert.equal(await page.getByRole('button', { name: '受理', exact: true }).count(), 0);
  noProblems(page);
  await page.context().close();
});

test('a volunteer sees no such report', async () => {
  assert.ok(filed.id, 'the report was filed');
  const page = await firstSignIn('volunteer');
  await page.locator('.app-aside .el-menu-item', { hasText: '强制报告' }).click();
  await page.waitForURL((u) => u.pathname === '/reports');
  const list = page.locator('.report-list[data-box=mine]');
  await list.getByText('您还没有报告过').waitFor();
  assert.equal(await page.getByText(filed.no).count(), 0);
  await page.goto(`${srv.url}/reports/${filed.id}`);
  await page.locator('.el-result').getByText('报告不存在', { exact: true }).waitFor();
  await page.getByText('该报告不存在，或您无权查看。').waitFor();
  assert.equal(await page.getByText(filed.no).count(), 0);
  assert.equal(await page.getByText(CHILD).count(), 0);
  noProblems(page);
  await page.context().close();
});

test('a step on a report someone else moved on shows the message and the report as it is now', async () => {
  const school = await login(srv.url, 'school', PASSWORD.school);
  const made = await school.post('/api/v1/reports', {
    situation: 'missing',
    urgency: 'immediate',
    seen: '该生今天未到校，家中无人，电话联系不上',
    happened_at: todayCst(),
    place: '平所村家中',
    region_code: '500241103204',
    child_id: null,
    child: { name: '杨小树', sex: 'M', age: 10, description: '', school: '隘口镇中心小学' },
    pupil: true,
    channel: 'online',
    client_id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  });
  assert.equal(made.status, 201, made.text);
  const page = await signedIn('police');
  await page.goto(`${srv.url}/reports/${made.json.id}`);
  await page.locator('.report-detail').getByText('该生今天未到校').waitFor();
  // Another police officer accepts it meanwhile.
  const other = await login(srv.url, 'police', PASSWORD.police);
  const first = await other.get(`/api/v1/reports/${made.json.id}`);
  const acc = await other.post(`/api/v1/reports/${made.json.id}/events`, { event: 'accept', if_updated_at: first.json.updated_at });
  assert.equal(acc.status, 200, acc.text);

  await page.getByRole('button', { name: '受理', exact: true }).click();
  const stale = await answerOf(page, 'POST', /\/reports\/\d+\/events$/, () =>
    page.locator('.el-message-box').getByRole('button', { name: '受理' }).click(),
  );
  assert.equal(stale.status(), 409);
  const message = (await stale.json()).error.message;
  await page.locator('.el-message', { hasText: message }).waitFor();
  // The page reads the report again: accepted, and 开始处置 is offered instead.
  await page.locator('.report-detail').getByText('已受理').first().waitFor();
  const acts = page.locator('.report-page .acts');
  await acts.getByRole('button', { name: '开始处置' }).waitFor();
  assert.equal(await acts.getByRole('button', { name: '受理', exact: true }).count(), 0);
  noProblems(page);
  await page.context().close();
});

test('the county sees every report of its scope under 督办 and links a provisional child to a file', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  await firstLogin(page, srv.url, 'county', PASSWORD.county);
  await page.goto(`${srv.url}/reports?box=supervise`);
  const row = page.locator('.report-list[data-box=supervise] .el-table__body tr', { hasText: '杨小树' });
  await row.getByText('失踪').waitFor();
  await row.getByText('（未建档）').waitFor();
  await row.getByRole('link').first().click();
  await page.waitForURL((u) => /^\/reports\/\d+$/.test(u.pathname));
  const id = Number(new URL(page.url()).pathname.split('/').pop());

  // A child of the county's files, found by name in 关联档案.
  const api = await login(srv.url, 'county', PASSWORD.county);
  const some = await api.get('/api/v1/children?region=500241103204&page_size=1');
  assert.equal(some.status, 200, some.text);
  const child = some.json.items[0];
  await page.locator('.report-page .acts').getByRole('button', { name: '关联档案' }).click();
  const link = dialog(page, '关联儿童档案');
  await link.getByText('杨小树 · 男 · 约10岁').waitFor();
  await link.locator('.el-select input').fill(child.name);
  await page.locator('.el-select-dropdown__item:visible', { hasText: child.name }).first().click();
  const linked = await answerOf(page, 'POST', /\/reports\/\d+\/link$/, () => link.getByRole('button', { name: '关联' }).click());
  assert.equal(linked.status(), 200, await linked.text());
  assert.equal((await linked.json()).child.id, child.id);
  await link.waitFor({ state: 'hidden' });
  // The report now names the file; 关联档案 is gone.
  await page.locator(`.report-detail a[href="/children/${child.id}"]`).waitFor();
  await page.locator('.report-detail').getByText('（已建档）').waitFor();
  assert.equal(await page.locator('.report-page .acts').getByRole('button', { name: '关联档案' }).count(), 0);
  const stored = await api.get(`/api/v1/reports/${id}`);
  assert.equal(stored.json.child.id, child.id);
  noProblems(page);
  await page.context().close();
});

test('建档 from a report: the new-file form starts from the report, and the saved file is linked to it', async () => {
  // A demo report of the school about 田某某 (a girl of about 9 in 平所村, no file yet).
  const page = await signedIn('county');
  await page.goto(`${srv.url}/reports?box=supervise`);
  const row = page.locator('.report-list[data-box=supervise] .el-table__body tr', { hasText: '田某某' });
  await row.getByText('（未建档）').waitFor();
  await row.getByRole('link').first().click();
  await page.waitForURL((u) => /^\/reports\/\d+$/.test(u.pathname));
  const id = Number(new URL(page.url()).pathname.split('/').pop());

  await page.locator('.report-page .acts').getByRole('button', { name: '建档' }).click();
  await page.waitForURL((u) => u.pathname === '/children/new' && u.searchParams.get('report') === String(id));
  await page.locator('.from-report').getByText('根据强制报告').waitFor();
  const form = page.locator('.child-edit');
  assert.equal(await field(form, '姓名').first().locator('input').inputValue(), '田某某');
  await form.getByText('平所村').first().waitFor();
  await field(form, '身份证号码').first().locator('input').fill(makeId(yearsBefore(9), false));
  await field(form, '户籍类型').locator('.el-radio:has(input[value="rural"])').click();
  const saved = await answerOf(page, 'POST', /\/reports\/\d+\/link$/, () =>
    page.locator('.form-actions').getByRole('button', { name: '保存' }).click());
  assert.equal(saved.status(), 200, await saved.text());
  const childId = (await saved.json()).child.id;
  assert.ok(childId, 'the report names the new file');
  // Back on the report, which now links the file.
  await page.waitForURL((u) => u.pathname === `/reports/${id}`);
  await page.locator(`.report-detail a[href="/children/${childId}"]`).waitFor();
  await page.locator('.report-detail').getByText('（已建档）').waitFor();
  const api = await login(srv.url, 'county', PASSWORD.county);
  const child = await api.get(`/api/v1/children/${childId}`);
  assert.equal(child.status, 200, child.text);
  assert.equal(child.json.name, '田某某');
  assert.equal(child.json.region_code, '500241103204');
  noProblems(page);
  await page.context().close();
});
