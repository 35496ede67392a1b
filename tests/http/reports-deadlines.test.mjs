// tests/http/reports-deadlines.test.mjs — the deadlines of mandatory reports with a controllable
// clock (docs/API.md "Mandatory reports", deadlines): the same database served "one day later"
// (test_clock_offset_days=1: 24 h and some seconds after filing, inside the 2 h grace) shows the
// report overdue and not escalated; "two days later" the deadline check at start escalates it
// once: escalated_at, an `escalate` event by the system, an audit row report.escalate, the
// supervisors' summary and box=supervise&escalated=1; a later check does not escalate it again;
// accepting it starts a new stage that is not escalated. Then the county settings: GET/PUT, field
// errors, permissions, and re-dating the open reports.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, login, freshPassword, sleep } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';

const HOUR = 3600 * 1000;

describe('mandatory reports: deadlines and escalation', () => {
  let srv;
  const c = {};
  let report;
  // the demo county's own reports (src/app/demo_protect.c), filed when the server started, as
  // this test's: those still waiting for acceptance run out of time with it
  let demo;
  let demoWaiting;
  let demoStaged;
  const mine = (items) => items.map((i) => i.id).filter((id) => !demo.has(id));
  before(async () => {
    srv = await startServer();
    for (const u of ['county', 'town', 'school', 'police', 'auditor']) c[u] = await loginFresh(srv.url, u);
    const pre = (await c.county.get('/api/v1/reports?box=supervise&page_size=100')).json.items;
    demo = new Set(pre.map((i) => i.id));
    demoWaiting = pre.filter((i) => i.state === 'reported').length;
    demoStaged = pre.filter((i) => i.state !== 'outcome_told').length;
    const r = await c.school.post('/api/v1/reports', { situation: 'abuse_violence', urgency: 'immediate', seen: '孩子脸上有伤', region_code: REGION.pingsuo, child: { name: '匿名' }, pupil: false });
    assert.equal(r.status, 201, r.text);
    report = r.json;
  });
  after(async () => {
    await srv?.stop();
  });

  /** The same database served DAYS later (test clock); resolves { server, as(user) }. */
  async function later(days) {
    const server = await startServer({ demo: false, settings: { database: srv.database, key_file: `${srv.dir}/key`, test_clock_offset_days: days } });
    const as = (u) => login(server.url, u, freshPassword(u));
    return { server, as };
  }

  it('one day later: overdue, not escalated (24 h passed, inside the 2 h grace)', async () => {
    const l = await later(1);
    try {
      const police = await l.as('police');
      await sleep(500); // the check at start has run by the time we look twice
      const r = (await police.get(`/api/v1/reports/${report.id}`)).json;
      assert.equal(r.deadline.stage, 'accept');
      assert.equal(r.deadline.overdue, true, JSON.stringify(r.deadline));
      assert.equal(r.deadline.escalated, false);
      assert.equal(r.escalated_at, null);
      assert.ok(!r.events.some((e) => e.event === 'escalate'));
      const sum = (await police.get('/api/v1/reports/summary')).json;
      assert.equal(sum.queue_overdue, 1 + demoWaiting);
      assert.equal(sum.queue_escalated, 0);
      const overdue = (await police.get('/api/v1/reports?box=queue&overdue=1')).json;
      assert.deepEqual(mine(overdue.items), [report.id]);
      const county = await l.as('county');
      assert.equal((await county.get('/api/v1/reports?box=supervise&escalated=1')).json.total, 0);
    } finally {
      await l.server.stop();
    }
  });

  it('two days later: escalated once, by the system, audited; the supervisors see it', async () => {
    const l = await later(2);
    try {
      const police = await l.as('police');
      let r;
      for (let i = 0; i < 150; i++) {
        r = (await police.get(`/api/v1/reports/${report.id}`)).json;
        if (r.escalated_at) break;
        await sleep(200);
      }
      assert.ok(r.escalated_at, JSON.stringify(r));
      assert.equal(r.deadline.escalated, true);
      assert.equal(r.deadline.overdue, true);
      assert.ok(Date.parse(r.escalated_at) > Date.parse(r.deadline.escalate_at));
      const esc = r.events.filter((e) => e.event === 'escalate');
      assert.equal(esc.length, 1);
      assert.equal(esc[0].event_name, '超时督办');
      assert.equal(esc[0].user_name, '系统');
      assert.match(esc[0].note, /受理/);
      for (const u of ['county', 'town']) {
        const s = await l.as(u);
        assert.equal((await s.get('/api/v1/reports/summary')).json.supervise_escalated, 1 + demoWaiting, u);
        const list = (await s.get('/api/v1/reports?box=supervise&escalated=1')).json;
        assert.deepEqual(mine(list.items), [report.id], u);
      }
      const sum = (await police.get('/api/v1/reports/summary')).json;
      assert.equal(sum.queue_escalated, 1 + demoWaiting);
      const q = (await police.get('/api/v1/reports?box=queue')).json;
      const first = q.items.slice(0, 1 + demoWaiting);
      assert.ok(first.every((i) => i.deadline.escalated), 'escalated first in the queue');
      assert.ok(first.some((i) => i.id === report.id), 'escalated first in the queue');
      const auditor = await l.as('auditor');
      const log = (await auditor.get('/api/v1/audit-log?action=report.escalate')).json.items;
      assert.equal(log.filter((a) => a.object_id === String(report.id)).length, 1);
      assert.equal(log[0].username, 'system');
      // another check the same "day": nothing more
      const out = await l.server.run(['-o', 'test_clock_offset_days=2', 'sweep']);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /0 mandatory reports escalated/);
      r = (await police.get(`/api/v1/reports/${report.id}`)).json;
      assert.equal(r.events.filter((e) => e.event === 'escalate').length, 1);
      // accepting starts the next stage, not escalated
      const a = await police.post(`/api/v1/reports/${report.id}/events`, { event: 'accept' });
      assert.equal(a.status, 200, a.text);
      assert.equal(a.json.deadline.stage, 'conclude');
      assert.equal(a.json.deadline.escalated, false);
      assert.equal(a.json.escalated_at, null);
      assert.equal(a.json.deadline.overdue, false);
      const county = await l.as('county');
      assert.equal((await county.get('/api/v1/reports/summary')).json.supervise_escalated, demoWaiting);
    } finally {
      await l.server.stop();
    }
  });

  it('settings: GET, PUT with field errors and permissions, re-dating the open reports', async () => {
    let r = await c.police.get('/api/v1/settings/reports');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { county: { code: REGION.xiushan, name: '秀山土家族苗族自治县' }, accept_hours: 24, escalate_grace_hours: 2, conclude_days: 30, tell_days: 7, is_default: true });
    assert.equal((await c.school.get('/api/v1/settings/reports')).status, 403);
    const body = { accept_hours: 48, escalate_grace_hours: 4, conclude_days: 15, tell_days: 3 };
    assert.equal((await c.town.put('/api/v1/settings/reports', body)).status, 403);
    assert.equal((await c.police.put('/api/v1/settings/reports', body)).status, 403);
    for (const [k, v] of [['accept_hours', 0], ['accept_hours', 169], ['escalate_grace_hours', -1], ['conclude_days', 366], ['tell_days', 0], ['tell_days', '7']]) {
      const x = await c.county.put('/api/v1/settings/reports', { ...body, [k]: v });
      assert.equal(x.status, 400, `${k}=${v}: ${x.text}`);
      assert.equal(x.json.error.field, k);
    }
    const miss = await c.county.put('/api/v1/settings/reports', { accept_hours: 48 });
    assert.equal(miss.status, 400);
    assert.equal(miss.json.error.field, 'escalate_grace_hours');
    const fresh = await c.school.post('/api/v1/reports', { situation: 'other', urgency: 'normal', seen: '需要关注', region_code: REGION.pingsuo, child: { name: '匿名' } });
    assert.equal(fresh.status, 201);
    r = await c.county.put('/api/v1/settings/reports', body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.accept_hours, 48);
    assert.equal(r.json.is_default, false);
    const got = (await c.county.get(`/api/v1/reports/${fresh.json.id}`)).json;
    assert.equal(Date.parse(got.deadline.due_at) - Date.parse(got.filed_at), 48 * HOUR);
    assert.equal(Date.parse(got.deadline.escalate_at) - Date.parse(got.deadline.due_at), 4 * HOUR);
    const accepted = (await c.county.get(`/api/v1/reports/${report.id}`)).json;
    assert.equal(Date.parse(accepted.deadline.due_at) - Date.parse(accepted.accepted_at), 15 * 24 * HOUR);
    assert.equal((await c.school.get('/api/v1/reports/meta')).json.settings.accept_hours, 48);
    const log = (await c.auditor.get('/api/v1/audit-log?action=settings.reports&outcome=success')).json.items;
    assert.equal(log.length, 1);
    assert.match(log[0].detail, new RegExp(`reports=${2 + demoStaged}\\b`));
  });
});
