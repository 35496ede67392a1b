// tests/e2e/offline.test.mjs — the child director's offline workspace (issue 4) in Chromium at
// phone size against the real server with a fresh demo database:
// 1. the director signs in and lands on 我的工作台 with her children, most urgent first; the
//    browser goes offline, the page is reloaded (the app shell comes from the service worker,
//    the children from IndexedDB), she records a home visit with a concern, sees it queued
//    (待发送 1), also after another reload; back online the queue drains and the server holds
//    exactly one visit with that content;
// 2. an upload whose answer is lost after the server stored it is sent again with the same
//    client_id and stored once;
// 3. a note written offline on a problem that the town supervisor notes in the meantime comes
//    back as a conflict; 保留我的 stores both notes, 采用服务器的 only the server's;
// 4. a visit queued for a child who has exited in the meantime is refused by the server; it
//    stays in the outbox with the server's Chinese message until she deletes it.
// No CSP violation and no page error throughout.
// Run from the repository root: node --test tests/e2e/offline.test.mjs
// (SHOUHU_E2E_WEB_ROOT=/path/to/dist serves another build of web/ than web/dist.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startTarget, launchBrowser, newPage, OUT, PHONE } from './browser.mjs';
import { loginFresh, freshPassword } from '../lib/server.mjs';
import { REGION, todayCST } from '../lib/demo.mjs';

const TIMEOUT = 20000;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;
const isoCST = (ms) => `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;

let srv;
let browser;
let director; // API client of the same account as the browser
let town;
let kids; // the director's children (ScheduleEntry), server order

before(async () => {
  const web = process.env.SHOUHU_E2E_WEB_ROOT;
  srv = await startTarget(web ? { web_root: web } : {});
  browser = await launchBrowser();
  director = await loginFresh(srv.url, 'director');
  town = await loginFresh(srv.url, 'town');
  const r = await director.get(`/api/v1/schedule?director=${director.me.id}&page_size=100`);
  assert.equal(r.status, 200, r.text);
  kids = r.json.items;
  assert.ok(kids.length >= 8, `the demo gives the director ${kids.length} children`);
  assert.ok(kids.every((k) => k.region_code === REGION.pingsuo));
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** A screenshot in tests/e2e/out with transitions finished (dialogs, tags, radio buttons). */
async function screenshot(page, name) {
  await mkdir(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, name), animations: 'disabled' });
}

// Problems a test expects (requests failing while the browser is offline or cut on purpose) are
// not page problems; CSP violations and uncaught errors always are.
function unexpected(page, allowed = []) {
  return page.problems.filter((p) => !(p.startsWith('request failed:') && allowed.some((re) => re.test(p))));
}
const OFFLINE_FAILURE = /net::ERR_INTERNET_DISCONNECTED/;

/** Polls the async COND until it holds (at most TIMEOUT); WHAT names it in the failure. */
async function until(cond, what) {
  const end = Date.now() + TIMEOUT;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The visits stored since this file started (the demo county has a past of visits before today).
const STARTED = Date.now() - 1000;
async function visitsOf(childId) {
  const r = await director.get(`/api/v1/children/${childId}/visits?page_size=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((v) => Date.parse(v.created_at) >= STARTED);
}

async function signIn(page) {
  await page.goto(srv.url + '/login');
  await page.locator('input[name=username]').fill('director');
  await page.locator('input[name=password]').fill(freshPassword('director'));
  await page.locator('button[type=submit]').click();
  // On a phone a child director lands on her workspace.
  await page.waitForURL((u) => u.pathname === '/work');
}

async function signOut(page) {
  await page.locator('.app-header .user').click();
  await page.locator('.el-dropdown-menu__item', { hasText: '退出登录' }).click();
  await page.locator('.el-message-box', { hasText: '确定退出登录吗？' }).getByRole('button', { name: '退出' }).click();
}

/** Rows in each table of the workspace's IndexedDB database. */
function storedCounts(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('shouhu-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['meta', 'children', 'problems', 'outbox'];
          const tx = db.transaction(names);
          const out = {};
          for (const n of names) {
            const r = tx.objectStore(n).count();
            r.onsuccess = () => (out[n] = r.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

async function pending(page) {
  return (await page.locator('.sync-pending').textContent()).replace(/\s+/g, ' ').trim();
}

async function waitPending(page, n) {
  await page.locator('.sync-pending', { hasText: new RegExp(`待发送\\s*${n}$`) }).waitFor();
}

async function openChild(page, id) {
  await page.goto(srv.url + '/work');
  await page.locator(`.child-card[data-child="${id}"]`).click();
  await page.waitForURL((u) => u.pathname === `/work/children/${id}`);
}

// Fills the visit form: KIND button, MET, a concern on 心理状况 and 家庭安全隐患 (溺水), NOTES.
async function fillVisit(page, { kind = '入户走访', met, notes }) {
  const form = page.locator('.visit-form');
  await form.locator('.kinds').getByText(kind, { exact: true }).click();
  await form.locator('input[name=met]').fill(met);
  await form.locator('[data-item=living]').getByText('正常', { exact: true }).click();
  await form.locator('[data-item=psychological]').getByText('关注', { exact: true }).click();
  await form.locator('input[name="checklist.psychological.note"]').fill('想念父母，情绪低落');
  await form.locator('[data-item=safety]').getByText('关注', { exact: true }).click();
  await form.locator('[data-item=safety]').getByText('溺水', { exact: true }).click();
  await form.locator('textarea[name=notes]').fill(notes);
}

test('a visit recorded offline reaches the server once; the shell and data come from the device', async () => {
  // Make the order visible: one child's contact is overdue (the demo's past gives the village
  // overdue children; the schedule answers most urgent first), another was visited today.
  const visited = kids.find((k) => k.state !== 'overdue') ?? kids[0];
  const r = await director.post(`/api/v1/children/${visited.child_id}/visits`, {
    kind: 'home_visit',
    occurred_at: isoCST(Date.now() - HOUR),
    client_id: randomUUID(),
  });
  assert.equal(r.status, 201, r.text);
  const now = await director.get(`/api/v1/schedule?director=${director.me.id}&page_size=100`);
  assert.equal(now.status, 200, now.text);
  const order = now.json.items.map((k) => String(k.child_id));
  const overdue = now.json.items.filter((k) => k.state === 'overdue');
  assert.ok(overdue.length > 0, 'the demo village has an overdue child');

  const page = await newPage(browser, PHONE);
  page.setDefaultTimeout(TIMEOUT);
  await signIn(page);
  const cards = page.locator('.child-card');
  await page.waitForFunction((n) => document.querySelectorAll('.child-card').length === n, kids.length);
  const shown = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-child')));
  assert.equal(shown[0], order[0], 'the most urgent child comes first');
  assert.match(await cards.first().textContent(), /逾期\d+天/);
  for (const k of overdue)
    assert.ok(shown.indexOf(String(k.child_id)) < shown.indexOf(String(visited.child_id)), `overdue ${k.child_id} before the child visited today`);
  await page.locator('.sync-state', { hasText: '在线' }).waitFor();
  assert.equal(await pending(page), '待发送 0');
  assert.doesNotMatch(await page.locator('.sync-last').textContent(), /从未同步/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the workspace is ${overflow}px wider than the phone screen`);
  await screenshot(page, 'offline-work-list.png');

  // The service worker holds the app shell before the network goes.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const shell = await page.evaluate(async () => {
    const names = await caches.keys();
    const all = [];
    for (const n of names) for (const req of await (await caches.open(n)).keys()) all.push(new URL(req.url).pathname);
    return all;
  });
  assert.ok(shell.includes('/index.html'), 'index.html is precached');
  assert.ok(shell.some((p) => /^\/assets\/index-.*\.js$/.test(p)), 'the entry script is precached');
  assert.ok(!shell.some((p) => p.startsWith('/api/')), 'no API answer is in Cache Storage');

  // Offline: a reload still opens the workspace — the page from the service worker, the
  // signed-in user and the children from IndexedDB.
  const child = kids[1];
  await page.context().setOffline(true);
  const reload = await page.reload();
  assert.ok(reload && reload.fromServiceWorker(), 'the page came from the service worker');
  await page.locator('.sync-state', { hasText: '离线' }).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('.child-card').length === n, kids.length);
  await page.locator(`.child-card[data-child="${child.child_id}"]`).click();
  await page.waitForURL((u) => u.pathname === `/work/children/${child.child_id}`);
  await page.locator('.child-name', { hasText: child.name }).waitFor();
  await page.locator('.facts', { hasText: '隘口镇' }).waitFor(); // the address, kept on the device
  await screenshot(page, 'offline-child.png');

  // A home visit with a concern, recorded without a network.
  const notes = `离线入户走访 ${randomUUID().slice(0, 8)}`;
  await page.getByRole('button', { name: '记录走访' }).click();
  await fillVisit(page, { met: '祖母杨桂芝', notes });
  await screenshot(page, 'offline-visit-form.png');
  await page.getByRole('button', { name: '保存记录' }).click();
  await page.locator('.el-message--success', { hasText: '已保存在本机，联网后自动发送' }).waitFor();
  await waitPending(page, 1);
  await page.locator('.local-record[data-status=pending]').waitFor();
  await screenshot(page, 'offline-visit-queued.png');

  // The queue survives a reload without a network; the list shows the child as recorded.
  const again = await page.goto(srv.url + '/work');
  assert.ok(again && again.fromServiceWorker());
  await page.locator('.sync-state', { hasText: '离线' }).waitFor();
  await waitPending(page, 1);
  const card = page.locator(`.child-card[data-child="${child.child_id}"]`);
  await card.locator('.queued', { hasText: '待发送 1' }).waitFor();
  assert.equal((await visitsOf(child.child_id)).length, 0, 'nothing reached the server while offline');

  // Back online: the queue drains by itself.
  await page.context().setOffline(false);
  await waitPending(page, 0);
  await page.locator('.sync-state', { hasText: '在线' }).waitFor();
  const stored = await visitsOf(child.child_id);
  assert.equal(stored.length, 1, 'exactly one visit is stored');
  const v = stored[0];
  assert.equal(v.kind, 'home_visit');
  assert.equal(v.notes, notes);
  assert.equal(v.met, '祖母杨桂芝');
  assert.match(v.client_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(v.checklist.psychological.status, 'concern');
  assert.equal(v.checklist.psychological.note, '想念父母，情绪低落');
  assert.equal(v.checklist.living.status, 'ok');
  assert.equal(v.checklist.safety.status, 'concern');
  assert.deepEqual(v.checklist.safety.hazards, ['water']);
  assert.equal(v.user_name, director.me.display_name);
  assert.equal(v.late, false);
  // The workspace was downloaded again: the server's schedule has the visit (nothing due for a
  // month), and the child has moved down the list.
  await card.locator('.queued').waitFor({ state: 'detached' });
  await card.locator('.el-tag', { hasText: /\d+天后到期/ }).first().waitFor();
  assert.equal(await card.locator('.el-tag', { hasText: /逾期|今天到期/ }).count(), 0);
  assert.equal(await page.locator('.child-card').first().getAttribute('data-child'), order.find((id) => id !== String(child.child_id)));

  assert.deepEqual(unexpected(page, [OFFLINE_FAILURE]), []);
  await page.context().close();
});

test('an upload whose answer is lost is sent again and stored once', async () => {
  const page = await newPage(browser, PHONE);
  page.setDefaultTimeout(TIMEOUT);
  await signIn(page);
  const child = kids[2];
  const posts = [];
  // The first POST reaches the server (which stores the visit); its answer is then lost.
  await page.route(`**/api/v1/children/${child.child_id}/visits`, async (route) => {
    const req = route.request();
    if (req.method() !== 'POST') return route.continue();
    posts.push(req.postDataJSON());
    if (posts.length === 1) {
      const res = await route.fetch();
      assert.equal(res.status(), 201);
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await openChild(page, child.child_id);
  const notes = `电话联系 ${randomUUID().slice(0, 8)}`;
  await page.getByRole('button', { name: '记录联系' }).click();
  await fillVisit(page, { kind: '电话/视频联系', met: '母亲（视频）', notes });
  await page.getByRole('button', { name: '保存记录' }).click();
  // The first attempt fails as far as the page knows; the sender retries after a short wait.
  await until(() => posts.length === 2, 'the sender has tried again');
  await waitPending(page, 0);
  assert.equal(posts.length, 2, 'the visit was sent twice');
  assert.equal(posts[0].client_id, posts[1].client_id, 'with the same client id');
  const stored = await visitsOf(child.child_id);
  assert.equal(stored.length, 1, 'and stored once');
  assert.equal(stored[0].client_id, posts[0].client_id);
  assert.equal(stored[0].notes, notes);
  assert.equal(stored[0].kind, 'phone_video');
  assert.deepEqual(unexpected(page, [/ERR_CONNECTION_RESET/]), []);
  await page.context().close();
});

async function openProblem(childId, description) {
  const r = await director.post(`/api/v1/children/${childId}/problems`, {
    category: 'return_to_school',
    description,
    assignee_user_id: director.me.id,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function notesOf(problemId) {
  const r = await director.get(`/api/v1/problems/${problemId}`);
  assert.equal(r.status, 200, r.text);
  return r.json.notes.map((n) => [n.username, n.note]);
}

// The director notes PROBLEM offline while the town supervisor notes it on the server; back
// online the conflict dialog opens in 待发送 and she presses CHOICE.
async function conflictRound(page, problem, mine, theirs, choice) {
  await page.goto(srv.url + '/work/problems');
  const card = page.locator(`.problem[data-problem="${problem.id}"]`);
  await card.waitFor();
  await page.context().setOffline(true);
  await page.locator('.sync-state', { hasText: '离线' }).waitFor();
  await card.getByRole('button', { name: '添加进展' }).click();
  const dialog = page.locator('.problem-dialog');
  await dialog.locator('textarea[name=problem_text]').fill(mine);
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await card.locator('.queued-note[data-status=pending]', { hasText: mine }).waitFor();
  await waitPending(page, 1);
  await screenshot(page, 'offline-problem-note.png');

  const r = await town.post(`/api/v1/problems/${problem.id}/notes`, { note: theirs });
  assert.equal(r.status, 200, r.text);

  await page.context().setOffline(false);
  await page.locator('.sync-conflicts').waitFor();
  await page.locator('.sync-conflicts').getByRole('button', { name: '去处理' }).click();
  await page.waitForURL((u) => u.pathname === '/work/outbox');
  const box = page.locator('.conflict-dialog');
  await box.locator('.mine-text', { hasText: mine }).waitFor();
  await box.locator('.server-note', { hasText: theirs }).waitFor();
  await box.getByText('该问题已被他人更新，请确认后再提交').waitFor();
  await screenshot(page, `offline-conflict-${choice === '保留我的（重新提交，不带前提）' ? 'keep' : 'take'}.png`);
  await box.getByRole('button', { name: choice }).click();
  await box.waitFor({ state: 'hidden' });
  await page.locator('.sync-conflicts').waitFor({ state: 'detached' });
}

test('a note made offline on a problem changed on the server meanwhile: the director chooses', async () => {
  const kept = await openProblem(kids[3].child_id, '小孩三天未到校，需了解原因');
  const dropped = await openProblem(kids[4].child_id, '家中无人照看，需联系父母');
  const page = await newPage(browser, PHONE);
  page.setDefaultTimeout(TIMEOUT);
  await signIn(page);

  await conflictRound(page, kept, '已与班主任联系，下周一返校', '镇教办已电话督促', '保留我的（重新提交，不带前提）');
  // Hers is sent again, without the precondition, and accepted.
  await until(async () => (await notesOf(kept.id)).length === 2, 'her note is stored');
  await waitPending(page, 0);
  assert.deepEqual(await notesOf(kept.id), [
    ['town', '镇教办已电话督促'],
    ['director', '已与班主任联系，下周一返校'],
  ]);

  await conflictRound(page, dropped, '已联系父亲，周末回家', '已安排邻居代为照看', '采用服务器的（丢弃我的）');
  // Hers is gone from the device, and nothing was sent.
  await page.locator('.outbox-row', { hasText: '已联系父亲，周末回家' }).waitFor({ state: 'detached' });
  await waitPending(page, 0);
  assert.deepEqual(await notesOf(dropped.id), [['town', '已安排邻居代为照看']]);
  // The workspace shows the server's version of the problem.
  await page.goto(srv.url + '/work/problems');
  const card = page.locator(`.problem[data-problem="${dropped.id}"]`);
  await card.getByText('已安排邻居代为照看').waitFor();
  assert.equal(await card.getByText('已联系父亲，周末回家').count(), 0);

  assert.deepEqual(unexpected(page, [OFFLINE_FAILURE]), []);
  await page.context().close();
});

test('a visit the server refuses stays in the outbox with its message until deleted', async () => {
  const child = kids[5];
  const page = await newPage(browser, PHONE);
  page.setDefaultTimeout(TIMEOUT);
  await signIn(page);
  await openChild(page, child.child_id);
  await page.context().setOffline(true);
  await page.locator('.sync-state', { hasText: '离线' }).waitFor();
  await page.getByRole('button', { name: '记录走访' }).click();
  await fillVisit(page, { met: '祖父', notes: '走访时家中无人' });
  await page.getByRole('button', { name: '保存记录' }).click();
  await waitPending(page, 1);

  // Meanwhile the child leaves the care list (moved away).
  const r = await town.post(`/api/v1/children/${child.child_id}/exit`, { reason: 'moved_away', date: todayCST(), note: '随父母迁往外省' });
  assert.equal(r.status, 200, r.text);

  await page.context().setOffline(false);
  await page.locator('.sync-failed').waitFor();
  await waitPending(page, 0);
  await page.goto(srv.url + '/work/outbox');
  const row = page.locator('.outbox-row[data-status=failed]');
  await row.waitFor();
  const message = (await row.locator('.server-message').textContent()).trim();
  assert.match(message, /[\u4e00-\u9fff]/, `the server's message is shown in Chinese: ${message}`);
  await screenshot(page, 'offline-refused.png');
  assert.equal((await visitsOf(child.child_id)).length, 0);

  // Signing out would delete it with the device's data: she is asked first, and may stay.
  await signOut(page);
  const warning = page.locator('.el-message-box', { hasText: '本机还有 1 条走访或问题记录尚未发送到服务器' });
  await warning.getByRole('button', { name: '取消' }).click();
  await warning.waitFor({ state: 'detached' });
  await page.goto(srv.url + '/work/outbox');
  await row.waitFor();

  await row.getByRole('button', { name: '删除' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
  await row.waitFor({ state: 'detached' });
  await page.locator('.sync-failed').waitFor({ state: 'detached' });
  assert.equal((await visitsOf(child.child_id)).length, 0);

  // Signing out now asks nothing more and clears the workspace kept in IndexedDB.
  assert.ok((await storedCounts(page)).children > 0);
  await signOut(page);
  await page.waitForURL((u) => u.pathname === '/login');
  assert.deepEqual(await storedCounts(page), { meta: 0, children: 0, problems: 0, outbox: 0 });
  assert.deepEqual(unexpected(page, [OFFLINE_FAILURE]), []);
  await page.context().close();
});
