// tests/http/interventions.test.mjs — interventions (干预措施) and the guardianship-case register
// (专项台账, docs/API.md "Interventions and the guardianship-case register"): a town supervisor
// records a 督促监护令, closes the case and sees the after-case visits (案后回访) at +1, +3 and +6
// calendar months; recording one moves the next; reopening drops the pending ones; the register
// filters by follow-up due / overdue, kind, name and region and exports to Excel; bad input names
// its field and stores nothing; roles and scope; audit.
//
// Fixtures use the surnames 滕 and 邝, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh, login, freshPassword } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, addMonths, childBody } from '../lib/fixtures.mjs';
import { openapi, schemaErrors } from '../lib/schema.mjs';
import { xlsxText } from '../lib/xlsx.mjs';

const enc = encodeURIComponent;
const order = (over = {}) => ({
  kind: 'supervision_order',
  issuer: '秀山县人民法院',
  issued_on: addDays(TODAY, -20),
  doc_no: '（2026）渝0241民特8号',
  summary: '父母外出务工后长期不与儿童联系，法院发出督促监护令（测试数据）',
  client_id: randomUUID(),
  ...over,
});

describe('interventions and the guardianship-case register', () => {
  let srv;
  let doc;
  let county;
  let town;
  let director;
  let school;
  let volunteer;
  const kids = {};
  const made = {};
  before(async () => {
    doc = await openapi();
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    town = await loginFresh(srv.url, 'town');
    director = await loginFresh(srv.url, 'director');
    school = await loginFresh(srv.url, 'school');
    volunteer = await loginFresh(srv.url, 'volunteer');
    const bodies = {
      A: childBody('滕小龙', { region: REGION.pingsuo }),
      B: childBody('滕小凤', { region: REGION.pingsuo }),
      X: childBody('邝小虎', { region: REGION.xinyuan }),
    };
    for (const [k, body] of Object.entries(bodies)) {
      const r = await county.post('/api/v1/children', body);
      assert.equal(r.status, 201, `${k}: ${r.text}`);
      kids[k] = r.json;
    }
  });
  after(async () => {
    await srv?.stop();
  });

  // The demo county has interventions of its own (src/app/demo_protect.c): count and list ours.
  const stored = async () => Number((await srv.sql(`SELECT COUNT(*) FROM interventions WHERE child_id IN (${Object.values(kids).map((k) => k.id)})`)).trim());
  const ours = (items) => items.filter((x) => Object.values(kids).some((k) => k.id === x.child_id));

  it('bad input is refused naming the field, and nothing is stored', async () => {
    const url = `/api/v1/children/${kids.A.id}/interventions`;
    const cases = [
      [{ kind: 'warning_letter' }, 'kind', /请选择干预措施/],
      [{ issuer: '' }, 'issuer', /请填写作出单位/],
      [{ issued_on: addDays(TODAY, 1) }, 'issued_on', /不能晚于今天/],
      [{ issued_on: '2026-02-30' }, 'issued_on', /有效日期/],
      [{ summary: '' }, 'summary', /请填写案情摘要/],
      [{ issuer_org_id: 999999 }, 'issuer_org_id', /不存在或不在本县/],
      [{ client_id: 'not-a-uuid' }, 'client_id', /UUID/],
    ];
    for (const [over, field, message] of cases) {
      const r = await town.post(url, order(over));
      assert.equal(r.status, 400, `${field}: ${r.text}`);
      assert.equal(r.json.error.field, field);
      assert.match(r.json.error.message, message);
    }
    const extra = await town.post(url, { ...order(), closed: true });
    assert.equal(extra.status, 400);
    assert.equal(await stored(), 0);
  });

  it('a 督促监护令 closed schedules the after-case visits at +1, +3 and +6 months', async () => {
    const body = order();
    let r = await town.post(`/api/v1/children/${kids.A.id}/interventions`, body);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(schemaErrors(doc, 'Intervention', r.json), []);
    const i = r.json;
    made.A = i;
    assert.equal(i.kind_name, '督促监护令');
    assert.equal(i.child_name, '滕小龙');
    assert.match(i.region.name, /^平所村/);
    assert.equal(i.state, 'open');
    assert.deepEqual(i.followups, []);
    assert.equal(i.next_followup_on, null);
    // A retry of the same request answers the stored record.
    r = await town.post(`/api/v1/children/${kids.A.id}/interventions`, body);
    assert.equal(r.status, 200);
    assert.equal(r.json.id, i.id);
    assert.equal(await stored(), 1);

    // No after-case visit while the case is open.
    r = await town.post(`/api/v1/interventions/${i.id}/followups`, { done_on: TODAY, note: '回访' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'closed_on');

    r = await town.put(`/api/v1/interventions/${i.id}`, { closed_on: addDays(i.issued_on, -1) });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'closed_on');
    r = await town.put(`/api/v1/interventions/${i.id}`, { closed_on: TODAY });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'closed');
    const due = [1, 3, 6].map((n) => addMonths(TODAY, n));
    assert.deepEqual(r.json.followups.map((f) => [f.due_on, f.done_on]), due.map((d) => [d, null]));
    assert.equal(r.json.next_followup_on, due[0]);
    assert.equal(r.json.doc_no, i.doc_no, 'fields not sent are kept');

    // The first visit recorded: the next is the +3 months one.
    r = await town.post(`/api/v1/interventions/${i.id}/followups`, { done_on: TODAY, note: '' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'note');
    r = await town.post(`/api/v1/interventions/${i.id}/followups`, { done_on: TODAY, note: '儿童由祖母照料，父亲每周视频联系' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(schemaErrors(doc, 'Intervention', r.json), []);
    const first = r.json.followups.find((f) => f.due_on === due[0]);
    assert.equal(first.done_on, TODAY);
    assert.equal(first.note, '儿童由祖母照料，父亲每周视频联系');
    assert.ok(first.by_name, 'who visited');
    assert.equal(r.json.next_followup_on, due[1]);

    // The file's list shows the same.
    r = await director.get(`/api/v1/children/${kids.A.id}/interventions`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(schemaErrors(doc, 'InterventionItems', r.json), []);
    assert.equal(r.json.items.length, 1);
    assert.equal(r.json.items[0].followups.length, 3);
  });

  it('reopening drops the visits not made; closing again schedules from the new day', async () => {
    const id = made.A.id;
    let r = await town.put(`/api/v1/interventions/${id}`, { closed_on: null });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'open');
    assert.deepEqual(r.json.followups.map((f) => f.done_on), [TODAY], 'the visit made stays');
    assert.equal(r.json.next_followup_on, null);
    const closed = addDays(TODAY, -3);
    r = await town.put(`/api/v1/interventions/${id}`, { closed_on: closed });
    assert.equal(r.status, 200);
    const pending = r.json.followups.filter((f) => !f.done_on).map((f) => f.due_on);
    assert.deepEqual(pending, [1, 3, 6].map((n) => addMonths(closed, n)));
    assert.equal(r.json.next_followup_on, addMonths(closed, 1));
  });

  it('the register filters by follow-up due or overdue, kind, name and region, in scope', async () => {
    // B: closed seven months ago — every after-case visit is overdue.
    let r = await town.post(`/api/v1/children/${kids.B.id}/interventions`, order({ kind: 'police_reprimand', issuer: '秀山县公安局隘口派出所', issued_on: addMonths(TODAY, -8), doc_no: null }));
    assert.equal(r.status, 201, r.text);
    made.B = r.json;
    r = await town.put(`/api/v1/interventions/${made.B.id}`, { closed_on: addMonths(TODAY, -7) });
    assert.equal(r.status, 200);
    assert.ok(r.json.next_followup_on < TODAY);
    // The missed visit warns the child's caseworkers (预警 案后回访逾期) until it is made.
    const warned = async () => (await director.get(`/api/v1/children/${kids.B.id}/warnings`)).json.items.filter((w) => w.kind === 'case_followup_overdue');
    const w = await warned();
    assert.equal(w.length, 1);
    assert.equal(w[0].due_on, addMonths(TODAY, -6));
    assert.match(w[0].message, /案后回访应于.*完成，尚未回访/);
    // X (another village): closed 1 month less 3 days ago — its first visit is due in 3 days.
    r = await county.post(`/api/v1/children/${kids.X.id}/interventions`, order({ kind: 'education_order', issued_on: addDays(TODAY, -40) }));
    assert.equal(r.status, 201, r.text);
    made.X = r.json;
    const closedX = addDays(addMonths(TODAY, -1), 3);
    r = await county.put(`/api/v1/interventions/${made.X.id}`, { closed_on: closedX });
    assert.equal(r.status, 200);
    assert.equal(r.json.next_followup_on, addMonths(closedX, 1));

    const ids = async (client, query) => {
      const res = await client.get(`/api/v1/interventions?${query}`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(schemaErrors(doc, 'InterventionList', res.json), []);
      assert.equal(res.json.total, res.json.items.length);
      return ours(res.json.items).map((x) => x.id);
    };
    assert.deepEqual(await ids(town, 'followup=overdue'), [made.B.id]);
    const due = await ids(town, 'followup=due');
    assert.ok(due.includes(made.B.id) && due.includes(made.X.id) && !due.includes(made.A.id), `due: ${due}`);
    const all = await ids(town, 'followup=all');
    assert.deepEqual(new Set(all), new Set([made.A.id, made.B.id, made.X.id]));
    // Newest first by the day issued.
    assert.deepEqual(await ids(town, ''), [made.A.id, made.X.id, made.B.id]);
    assert.deepEqual(await ids(town, 'kind=police_reprimand'), [made.B.id]);
    assert.deepEqual(await ids(town, `q=${enc('小凤')}`), [made.B.id]);
    assert.deepEqual(await ids(town, `q=${enc('民特8号')}`), [made.A.id, made.X.id], 'q matches the document number too');
    assert.deepEqual(await ids(town, `region=${REGION.xinyuan}`), [made.X.id]);
    assert.deepEqual(await ids(town, `from=${addDays(TODAY, -30)}&to=${TODAY}`), [made.A.id]);
    // The director of 平所村 sees its village only.
    assert.deepEqual(await ids(director, ''), [made.A.id, made.B.id]);

    const bad = await town.get('/api/v1/interventions?followup=soon');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'followup');
    const outside = await director.get(`/api/v1/interventions?region=${REGION.xinyuan}`);
    assert.equal(outside.status, 400);
    assert.equal(outside.json.error.field, 'region');
  });

  it('the register exports to an Excel workbook with the same filters', async () => {
    const r = await county.get('/api/v1/interventions/export.xlsx?followup=due');
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
    const text = xlsxText(r.buf);
    for (const h of ['儿童姓名', '干预措施', '作出单位', '文书编号', '办结日期', '案后回访']) assert.ok(text.includes(h), `column ${h}`);
    assert.ok(text.includes('滕小凤') && text.includes('公安训诫'), 'B is in it');
    assert.ok(text.includes('邝小虎') && text.includes('家庭教育指导令'), 'X is in it');
    assert.ok(!text.includes('滕小龙'), 'A is not due');
    // A role without the register gets nothing.
    assert.equal((await school.get('/api/v1/interventions/export.xlsx')).status, 403);
  });

  it('roles and scope: only civil affairs write; other villages and units see nothing', async () => {
    const r = await director.post(`/api/v1/children/${kids.A.id}/interventions`, order());
    assert.equal(r.status, 403, 'a child director reads but does not record interventions');
    assert.equal((await director.put(`/api/v1/interventions/${made.A.id}`, { doc_no: 'x' })).status, 403);
    // Another village's record is not found, like one that does not exist.
    assert.equal((await director.get(`/api/v1/interventions/${made.X.id}`)).status, 404);
    assert.equal((await director.get(`/api/v1/children/${kids.X.id}/interventions`)).status, 404);
    assert.equal((await director.get('/api/v1/interventions/99999999')).status, 404);
    for (const c of [school, volunteer]) {
      assert.equal((await c.get(`/api/v1/children/${kids.A.id}/interventions`)).status, 403);
      assert.equal((await c.get('/api/v1/interventions')).status, 403);
      assert.equal((await c.get(`/api/v1/interventions/${made.A.id}`)).status, 403);
    }
    const one = await director.get(`/api/v1/interventions/${made.A.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.json.id, made.A.id);
  });

  it('the missed-visit warning closes once the visits are made', async () => {
    const kinds = async () => (await director.get(`/api/v1/children/${kids.B.id}/warnings`)).json.items.map((w) => w.kind);
    assert.ok((await kinds()).includes('case_followup_overdue'));
    for (let k = 0; k < 2; k++) {
      const r = await town.post(`/api/v1/interventions/${made.B.id}/followups`, { done_on: TODAY, note: `第${k + 1}次案后回访` });
      assert.equal(r.status, 201, r.text);
    }
    assert.ok((await kinds()).includes('case_followup_overdue'), 'one visit still missed');
    const r = await town.post(`/api/v1/interventions/${made.B.id}/followups`, { done_on: TODAY, note: '第3次案后回访' });
    assert.equal(r.json.next_followup_on, null);
    assert.ok(!(await kinds()).includes('case_followup_overdue'));
    // A fourth is an extra visit beyond the schedule.
    const extra = await town.post(`/api/v1/interventions/${made.B.id}/followups`, { done_on: TODAY, note: '追加回访' });
    assert.equal(extra.status, 201);
    assert.equal(extra.json.followups.length, 4);
    assert.equal(extra.json.followups[3].due_on, null);
  });

  it('retries of one record sent at the same time from several devices store it once', async () => {
    const devices = [town];
    for (let i = 0; i < 3; i++) devices.push(await login(srv.url, 'town', freshPassword('town')));
    const body = order({ kind: 'protection_order', issuer: '秀山县人民法院' });
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => devices[i % devices.length].post(`/api/v1/children/${kids.A.id}/interventions`, body)));
    for (const r of answers) assert.ok([200, 201].includes(r.status), `${r.status} ${r.text}`);
    assert.equal(answers.filter((r) => r.status === 201).length, 1);
    assert.equal(new Set(answers.map((r) => r.json.id)).size, 1);
    const n = await srv.sql(`SELECT COUNT(*) FROM interventions WHERE client_id = '${body.client_id}'`);
    assert.equal(Number(n.trim()), 1);
  });

  it('every read and write is audited, without the summary', async () => {
    const rows = await srv.sql("SELECT action || ' ' || COALESCE(detail, '') FROM audit_log WHERE action LIKE 'intervention.%' AND outcome = 'success' ORDER BY seq");
    const actions = rows.trim().split('\n').map((l) => l.split(' ')[0]);
    for (const a of ['intervention.create', 'intervention.update', 'intervention.followup', 'intervention.list', 'intervention.register', 'intervention.export', 'intervention.read']) {
      assert.ok(actions.includes(a), `audited ${a}`);
    }
    assert.ok(!rows.includes('法院发出督促监护令'), 'no summary in the audit detail');
  });
});
