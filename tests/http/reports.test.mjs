// tests/http/reports.test.mjs — mandatory reports (强制报告, docs/API.md "Mandatory reports"):
// filing (a school about its pupil, a school about a child without a file, a civil-affairs phone
// report), the default and a custom routing, field errors, a retried filing (client_id); every
// legal path to outcome_told through HTTP (directly, and after a transfer), illegal steps refused
// with illegal_state, the reporter refused (403); handling notes; linking a provisional report to
// a file; a stale if_updated_at; the child's open_reports; the audit rows.
//
// Fixtures use the surnames 邬 and 甘, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh, login, freshPassword } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { childBody } from '../lib/fixtures.mjs';

const REPORTER_KEYS = ['id', 'no', 'state', 'state_name', 'situation', 'situation_name', 'filed_at', 'child', 'outcome', 'told_at', 'told_note', 'view'].sort();

describe('mandatory reports', () => {
  let srv;
  const c = {};
  const kids = {};
  let schoolOrg;
  before(async () => {
    srv = await startServer();
    for (const u of ['county', 'town', 'director', 'school', 'police', 'education', 'volunteer', 'auditor']) c[u] = await loginFresh(srv.url, u);
    schoolOrg = c.school.me.org.id;
    const reg = async (key, name, extra = {}) => {
      const r = await c.county.post('/api/v1/children', childBody(name, { region: REGION.pingsuo, extra }));
      assert.equal(r.status, 201, r.text);
      kids[key] = r.json;
    };
    await reg('P', '邬小明', { school_org_id: schoolOrg, school_name: null });
    await reg('L', '甘小云');
  });
  after(async () => {
    await srv?.stop();
  });

  const file = async (who, body, status = 201) => {
    const r = await who.post('/api/v1/reports', body);
    assert.equal(r.status, status, r.text);
    return r.json;
  };
  const step = async (who, id, body, status = 200) => {
    const r = await who.post(`/api/v1/reports/${id}/events`, body);
    assert.equal(r.status, status, r.text);
    return r.json;
  };
  const get = async (who, id, status = 200) => {
    const r = await who.get(`/api/v1/reports/${id}`);
    assert.equal(r.status, status, r.text);
    return r.json;
  };
  const openReports = async (id) => Number((await srv.sql(`SELECT open_reports FROM children WHERE id = ${id}`)).trim());
  const pupilReport = () => ({ situation: 'abuse_violence', urgency: 'urgent', seen: '手臂有多处淤青，称被家人用皮带打', happened_at: '2026-01-05 18:30', place: '家中', child_id: kids.P.id });

  it('meta: situations with the default routing, my department, the county settings', async () => {
    const m = (await c.police.get('/api/v1/reports/meta')).json;
    const abuse = m.situations.find((s) => s.code === 'abuse_violence');
    assert.equal(abuse.name, '虐待或暴力伤害');
    assert.deepEqual(abuse.depts.sort(), ['civil_affairs', 'police']);
    assert.deepEqual(abuse.pupil_depts.sort(), ['civil_affairs', 'education', 'police']);
    assert.deepEqual(m.situations.find((s) => s.code === 'self_harm').depts, ['civil_affairs']);
    assert.equal(m.my_dept, 'police');
    assert.equal(m.settings.accept_hours, 24);
    assert.equal(m.settings.is_default, true);
    assert.equal((await c.education.get('/api/v1/reports/meta')).json.my_dept, 'education');
    assert.equal((await c.county.get('/api/v1/reports/meta')).json.my_dept, 'civil_affairs');
    assert.equal((await c.school.get('/api/v1/reports/meta')).json.my_dept, null);
  });

  it('a school files about its pupil: default routing adds education; the school sees only the reporter view', async () => {
    const r = await file(c.school, pupilReport());
    assert.deepEqual(Object.keys(r).sort(), REPORTER_KEYS);
    assert.equal(r.view, 'reporter');
    assert.match(r.no, /^BG\d{8}-\d{4}$/);
    assert.equal(r.state, 'reported');
    assert.equal(r.state_name, '已报告');
    assert.deepEqual(r.child, { name: '邬小明' });
    assert.equal(r.outcome, null);
    const again = await get(c.school, r.id);
    assert.deepEqual(Object.keys(again).sort(), REPORTER_KEYS, 'no events, no seen for the reporter');
    const full = await get(c.county, r.id);
    assert.equal(full.view, 'handler');
    assert.deepEqual(full.depts, ['police', 'civil_affairs', 'education']);
    assert.deepEqual(full.dept_names, ['公安', '民政', '教育']);
    assert.equal(full.pupil, true);
    assert.equal(full.child.id, kids.P.id);
    assert.equal(full.seen, pupilReport().seen);
    assert.equal(full.reporter.name, '吴老师');
    assert.equal(full.reporter.unit, '隘口镇中心小学');
    assert.equal(full.reporter.org_id, schoolOrg);
    assert.equal(full.deadline.stage, 'accept');
    assert.equal(full.deadline.overdue, false);
    assert.equal(Date.parse(full.deadline.due_at) - Date.parse(full.filed_at), 24 * 3600 * 1000);
    assert.equal(Date.parse(full.deadline.escalate_at) - Date.parse(full.deadline.due_at), 2 * 3600 * 1000);
    assert.deepEqual(full.events.map((e) => e.event), ['file']);
    assert.equal(full.events[0].event_name, '提交报告');
    assert.ok(full.may.includes('accept') && full.may.includes('transfer'));
    assert.equal(await openReports(kids.P.id), 1);
  });

  it('a school files about a child without a file: a provisional record, police and civil affairs by default', async () => {
    const r = await file(c.school, { situation: 'left_without_care', urgency: 'immediate', seen: '一名约8岁男孩连续三天独自在校门口过夜', region_code: REGION.pingsuo, child: { name: '小宝', sex: 'M', age: 8, description: '穿蓝色外套' }, pupil: false });
    const full = await get(c.police, r.id);
    assert.equal(full.child.id, null);
    assert.equal(full.child.age, 8);
    assert.deepEqual(full.depts, ['police', 'civil_affairs']);
    assert.equal(full.region.code, REGION.pingsuo);
    assert.match(full.region.name, /^平所村/);
  });

  it('custom routing replaces the default', async () => {
    const r = await file(c.director, { situation: 'sexual_assault', urgency: 'immediate', seen: '邻居反映可疑情况', child_id: kids.L.id, depts: ['civil_affairs'] });
    const full = await get(c.county, r.id);
    assert.deepEqual(full.depts, ['civil_affairs']);
    assert.equal((await c.police.get(`/api/v1/reports/${r.id}`)).status, 404, 'not routed to the police');
  });

  it('a civil-affairs phone report names the caller; others may not take phone reports', async () => {
    const r = await file(c.county, { situation: 'missing', urgency: 'immediate', seen: '村民来电：孩子昨晚未回家', region_code: REGION.xinyuan, child: { name: '张某' }, channel: 'phone', reporter: { name: '王大妈', phone: '13812345678' } });
    assert.equal(r.view, 'handler');
    assert.equal(r.channel, 'phone');
    assert.equal(r.reporter.name, '王大妈');
    assert.equal(r.reporter.phone_masked, '138****5678');
    assert.equal(r.reporter.unit, null);
    let e = await c.school.post('/api/v1/reports', { situation: 'missing', urgency: 'immediate', seen: 'x', region_code: REGION.pingsuo, child: { name: '张某' }, channel: 'phone', reporter: { name: '李' } });
    assert.equal(e.status, 400, e.text);
    assert.equal(e.json.error.field, 'channel');
    e = await c.town.post('/api/v1/reports', { situation: 'missing', urgency: 'immediate', seen: 'x', region_code: REGION.pingsuo, child: { name: '张某' }, channel: 'phone' });
    assert.equal(e.status, 400, e.text);
    assert.equal(e.json.error.field, 'reporter.name');
  });

  it('field errors name the field', async () => {
    const base = { situation: 'other', urgency: 'normal', seen: '情况说明', region_code: REGION.pingsuo, child: { name: '某某' } };
    const cases = [
      [{ ...base, situation: 'theft' }, 'situation'],
      [{ ...base, situation: undefined }, 'situation'],
      [{ ...base, urgency: 'soon' }, 'urgency'],
      [{ ...base, seen: '' }, 'seen'],
      [{ ...base, seen: '字'.repeat(2001) }, 'seen'],
      [{ ...base, child: undefined }, 'child.name'],
      [{ ...base, child: { name: '某某', age: 20 } }, 'child.age'],
      [{ ...base, child: { name: '某某', hair: 'black' } }, 'child.hair'],
      [{ ...base, region_code: '500242001001' }, 'region_code'],
      [{ ...base, region_code: undefined }, 'region_code'],
      [{ ...base, depts: [] }, 'depts'],
      [{ ...base, depts: ['fire'] }, 'depts'],
      [{ ...base, happened_at: '昨天' }, 'happened_at'],
      [{ ...base, client_id: 'abc' }, 'client_id'],
      [{ ...base, child_id: 999999999 }, 'child_id'],
      [{ ...base, colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const r = await c.school.post('/api/v1/reports', body);
      assert.equal(r.status, 400, `${field}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid');
      assert.equal(r.json.error.field, field, r.text);
      assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
    }
    const v = await c.auditor.post('/api/v1/reports', base);
    assert.equal(v.status, 403);
  });

  it('a retry with the same client_id returns the stored report', async () => {
    const body = { ...pupilReport(), situation: 'unexplained_injury', client_id: randomUUID() };
    const before = (await c.school.get('/api/v1/reports?box=mine')).json.total;
    const a = await file(c.school, body, 201);
    const b = await file(c.school, body, 200);
    assert.equal(b.id, a.id);
    assert.equal(b.no, a.no);
    assert.equal((await c.school.get('/api/v1/reports?box=mine')).json.total, before + 1);
  });

  it('retries sent at the same time store one report and all answer it', async () => {
    const body = { situation: 'left_without_care', urgency: 'urgent', seen: '放学后无人接送（并发重试）', region_code: REGION.pingsuo, child: { name: '小禾', sex: 'F', age: 7, description: '扎两个辫子' }, pupil: false, client_id: randomUUID() };
    // The school's user signed in on several devices, each retrying the same filing.
    const devices = [c.school];
    for (let i = 0; i < 3; i++) devices.push(await login(srv.url, 'school', freshPassword('school')));
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => devices[i % devices.length].post('/api/v1/reports', body)));
    for (const r of answers) assert.ok([200, 201].includes(r.status), `${r.status} ${r.text}`);
    assert.equal(answers.filter((r) => r.status === 201).length, 1, 'one of them stored it');
    assert.equal(new Set(answers.map((r) => r.json.id)).size, 1, 'all answer the same report');
    const stored = await srv.sql(`SELECT COUNT(*) FROM reports WHERE client_id = '${body.client_id}'`);
    assert.equal(Number(stored.trim()), 1);
  });

  it('accept → start_handling → conclude → tell_outcome by the police; illegal steps refused', async () => {
    const r = await file(c.school, pupilReport());
    const id = r.id;
    // the reporter never moves it
    let x = await c.school.post(`/api/v1/reports/${id}/events`, { event: 'accept' });
    assert.equal(x.status, 403, x.text);
    // another department's user that it is not routed to: not found
    x = await c.volunteer.post(`/api/v1/reports/${id}/events`, { event: 'accept' });
    assert.equal(x.status, 404, x.text);
    // illegal in "reported"
    x = await c.police.post(`/api/v1/reports/${id}/events`, { event: 'conclude', outcome: '已处理' });
    assert.equal(x.status, 409, x.text);
    assert.equal(x.json.error.code, 'illegal_state');
    assert.equal(x.json.error.message, '当前状态为「已报告」，不能执行「办结」');
    x = await c.police.post(`/api/v1/reports/${id}/events`, { event: 'fly' });
    assert.equal(x.status, 400);
    assert.equal(x.json.error.field, 'event');

    let s = await step(c.police, id, { event: 'accept', note: '已接报' });
    assert.equal(s.state, 'accepted');
    assert.equal(s.accepted_dept, 'police');
    assert.equal(s.accepted_by_name, '彭警官');
    assert.ok(s.accepted_at);
    assert.equal(s.deadline.stage, 'conclude');
    assert.equal(Date.parse(s.deadline.due_at) - Date.parse(s.accepted_at), 30 * 24 * 3600 * 1000);
    assert.deepEqual(s.may, ['start_handling']);
    x = await c.education.post(`/api/v1/reports/${id}/events`, { event: 'accept' });
    assert.equal(x.status, 409, x.text);
    assert.equal(x.json.error.code, 'illegal_state');
    assert.equal(x.json.error.message, '当前状态为「已受理」，不能执行「受理」');
    assert.equal(x.json.current.state, 'accepted');
    x = await c.police.post(`/api/v1/reports/${id}/events`, { event: 'transfer', to: ['education'] });
    assert.equal(x.status, 409, 'no transfer once accepted');
    assert.equal(x.json.error.code, 'illegal_state');

    s = await step(c.police, id, { event: 'start_handling' });
    assert.equal(s.state, 'handling');
    x = await c.police.post(`/api/v1/reports/${id}/events`, { event: 'conclude' });
    assert.equal(x.status, 400);
    assert.equal(x.json.error.field, 'outcome');
    // a stale precondition: nothing stored, the report as it is now
    x = await c.police.post(`/api/v1/reports/${id}/events`, { event: 'conclude', outcome: '已依法处理', if_updated_at: s.updated_at - 1 });
    assert.equal(x.status, 409);
    assert.equal(x.json.error.code, 'conflict');
    assert.equal(x.json.current.state, 'handling');
    s = await step(c.police, id, { event: 'conclude', outcome: '已出警核实，依法训诫', if_updated_at: s.updated_at });
    assert.equal(s.state, 'concluded');
    assert.equal(s.outcome, '已出警核实，依法训诫');
    assert.equal(s.deadline.stage, 'tell');
    assert.equal(await openReports(kids.P.id), 2, 'the earlier pupil reports stay open; this one is concluded');
    // the reporter sees no outcome until it is told
    let mine = await get(c.school, id);
    assert.equal(mine.state, 'concluded');
    assert.equal(mine.outcome, null);
    s = await step(c.police, id, { event: 'tell_outcome', note: '警方已依法处理，请继续关注' });
    assert.equal(s.state, 'outcome_told');
    assert.equal(s.deadline.stage, null);
    assert.deepEqual(s.may, []);
    mine = await get(c.school, id);
    assert.deepEqual(Object.keys(mine).sort(), REPORTER_KEYS);
    assert.equal(mine.outcome, '已出警核实，依法训诫');
    assert.equal(mine.told_note, '警方已依法处理，请继续关注');
    assert.ok(mine.told_at);
    const full = await get(c.police, id);
    assert.deepEqual(full.events.map((e) => [e.event, e.from, e.to]), [
      ['file', null, 'reported'],
      ['accept', 'reported', 'accepted'],
      ['start_handling', 'accepted', 'handling'],
      ['conclude', 'handling', 'concluded'],
      ['tell_outcome', 'concluded', 'outcome_told'],
    ]);
    assert.equal(full.events[1].dept, 'police');
    assert.equal(full.events[1].user_name, '彭警官');
    assert.equal(full.events[1].note, '已接报');
    for (let i = 1; i < full.events.length; i++) assert.ok(Date.parse(full.events[i].at) >= Date.parse(full.events[i - 1].at));
    x = await c.police.post(`/api/v1/reports/${id}/events`, { event: 'tell_outcome' });
    assert.equal(x.status, 409);
    assert.equal(x.json.error.message, '当前状态为「已反馈报告人」，不能执行「反馈报告人」');
    // every step audited, never with the text
    const log = (await c.auditor.get(`/api/v1/audit-log?object_type=report&page_size=100`)).json.items.filter((a) => a.object_id === String(id));
    const actions = log.map((a) => a.action);
    for (const a of ['report.file', 'report.accept', 'report.start_handling', 'report.conclude', 'report.tell_outcome', 'report.read']) assert.ok(actions.includes(a), `${a} in ${actions}`);
    assert.ok(log.some((a) => a.action === 'report.accept' && a.outcome === 'failure'), 'the refused accept is recorded');
    for (const a of log) assert.ok(!String(a.detail ?? '').includes('淤青') && !String(a.detail ?? '').includes('训诫'), a.detail);
    const names = (await c.auditor.get('/api/v1/audit-actions')).json;
    assert.equal(names.find((a) => a.code === 'report.escalate').name, '强制报告超时升级');
  });

  it('transfer before acceptance; the supervisor follows but does not act; the new department handles it to the end', async () => {
    const r = await file(c.director, { situation: 'self_harm', urgency: 'urgent', seen: '孩子说不想活了', child_id: kids.L.id, pupil: false });
    let s = await get(c.town, r.id);
    assert.deepEqual(s.depts, ['civil_affairs']);
    assert.equal(s.view, 'handler');
    let x = await c.town.post(`/api/v1/reports/${r.id}/events`, { event: 'transfer', to: ['civil_affairs'] });
    assert.equal(x.status, 400);
    assert.equal(x.json.error.field, 'to');
    x = await c.town.post(`/api/v1/reports/${r.id}/events`, { event: 'transfer' });
    assert.equal(x.status, 400);
    assert.equal(x.json.error.field, 'to');
    s = await step(c.town, r.id, { event: 'transfer', to: ['police'], note: '涉及人身安全' });
    assert.equal(s.state, 'reported');
    assert.deepEqual(s.depts, ['police']);
    assert.equal(s.view, 'supervisor', 'civil affairs no longer handles it, still supervises');
    assert.deepEqual(s.may, []);
    assert.equal(s.events.at(-1).event, 'transfer');
    assert.match(s.events.at(-1).note, /移送至公安/);
    assert.equal(s.deadline.due_at, (await get(c.county, r.id)).deadline.due_at, 'a transfer does not restart the acceptance deadline');
    x = await c.town.post(`/api/v1/reports/${r.id}/events`, { event: 'accept' });
    assert.equal(x.status, 403, 'the supervisor does not change the state');
    for (const ev of ['accept', 'start_handling']) s = await step(c.police, r.id, { event: ev });
    s = await step(c.police, r.id, { event: 'conclude', outcome: '已联系心理老师介入' });
    s = await step(c.police, r.id, { event: 'tell_outcome' });
    assert.equal(s.state, 'outcome_told');
    assert.equal(s.told_note, null);
    const mine = await get(c.director, r.id);
    assert.equal(mine.view, 'reporter');
    assert.equal(mine.outcome, '已联系心理老师介入');
  });

  it('handling notes by handlers only', async () => {
    const r = await file(c.school, pupilReport());
    const n = await c.education.post(`/api/v1/reports/${r.id}/notes`, { text: '已通知班主任关注' });
    assert.equal(n.status, 201, n.text);
    const note = n.json.events.at(-1);
    assert.equal(note.event, 'note');
    assert.equal(note.event_name, '处置记录');
    assert.equal(note.dept, 'education');
    assert.equal(note.note, '已通知班主任关注');
    assert.equal(n.json.state, 'reported');
    let x = await c.school.post(`/api/v1/reports/${r.id}/notes`, { text: '补充' });
    assert.equal(x.status, 403, x.text);
    x = await c.education.post(`/api/v1/reports/${r.id}/notes`, { text: '' });
    assert.equal(x.status, 400);
    assert.equal(x.json.error.field, 'text');
  });

  it('a provisional report is linked to a file by civil affairs; the child counts it', async () => {
    const r = await file(c.school, { situation: 'abandonment', urgency: 'urgent', seen: '孩子被丢在车站', region_code: REGION.pingsuo, child: { name: '甘小云' } });
    let x = await c.police.post(`/api/v1/reports/${r.id}/link`, { child_id: kids.L.id });
    assert.equal(x.status, 403, x.text);
    x = await c.county.post(`/api/v1/reports/${r.id}/link`, { child_id: 999999999 });
    assert.equal(x.status, 400);
    assert.equal(x.json.error.field, 'child_id');
    const before = await openReports(kids.L.id);
    x = await c.county.post(`/api/v1/reports/${r.id}/link`, { child_id: kids.L.id });
    assert.equal(x.status, 200, x.text);
    assert.equal(x.json.child.id, kids.L.id);
    assert.equal(x.json.events.at(-1).event, 'link');
    assert.equal(await openReports(kids.L.id), before + 1);
    x = await c.town.post(`/api/v1/reports/${r.id}/link`, { child_id: kids.L.id });
    assert.equal(x.status, 409, x.text);
    const tab = await c.county.get(`/api/v1/children/${kids.L.id}/reports`);
    assert.equal(tab.status, 200, tab.text);
    assert.ok(tab.json.items.some((i) => i.id === r.id));
    assert.equal((await c.school.get(`/api/v1/children/${kids.P.id}/reports`)).status, 403);
  });

  it('lists: mine, queue, supervise; summary', async () => {
    const mine = (await c.school.get('/api/v1/reports?box=mine&page_size=100')).json;
    assert.ok(mine.total >= 4);
    for (const i of mine.items) assert.equal(i.view, 'reporter');
    const q = (await c.police.get('/api/v1/reports?box=queue&page_size=100')).json;
    assert.ok(q.items.length > 0);
    for (const i of q.items) assert.ok(i.depts.includes('police'));
    // open first, then finished
    const firstDone = q.items.findIndex((i) => i.state === 'outcome_told');
    assert.ok(firstDone > 0);
    for (const i of q.items.slice(firstDone)) assert.equal(i.state, 'outcome_told');
    for (let k = 1; k < firstDone; k++) assert.ok(Date.parse(q.items[k].deadline.due_at) >= Date.parse(q.items[k - 1].deadline.due_at));
    const sup = (await c.town.get('/api/v1/reports?box=supervise&page_size=100')).json;
    for (const i of sup.items) assert.ok(i.region.code.startsWith('500241103'));
    assert.equal((await c.school.get('/api/v1/reports?box=queue')).status, 403);
    assert.equal((await c.police.get('/api/v1/reports?box=supervise')).status, 403);
    assert.equal((await c.police.get('/api/v1/reports?box=all')).status, 400);
    const byNo = (await c.police.get(`/api/v1/reports?box=queue&q=${q.items[0].no}`)).json;
    assert.equal(byNo.total, 1);
    const byName = (await c.county.get(`/api/v1/reports?box=supervise&q=${encodeURIComponent('邬小')}`)).json;
    assert.ok(byName.total >= 3);
    for (const i of byName.items) assert.equal(i.child.name, '邬小明');
    const st = (await c.police.get('/api/v1/reports?box=queue&state=outcome_told')).json;
    for (const i of st.items) assert.equal(i.state, 'outcome_told');
    const sum = (await c.police.get('/api/v1/reports/summary')).json;
    assert.equal(sum.queue_open, q.items.filter((i) => i.state !== 'outcome_told').length);
    assert.equal(sum.queue_overdue, 0);
    assert.equal(sum.supervise_escalated, 0);
    assert.equal((await c.school.get('/api/v1/reports/summary')).json.mine_open, mine.items.filter((i) => i.state !== 'outcome_told').length);
  });
});
