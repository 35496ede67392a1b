// tests/http/problems-conflict.test.mjs — nothing silently overwritten (docs/API.md
// "Preconditions"): a note or a resolution sent with the problem's updated_at the client last saw
// is refused with 409 and the problem as it is now when someone changed it meanwhile, and nothing
// is stored; without if_updated_at the request applies as before (a retry from the phone); two
// writers racing with the same updated_at: exactly one wins.
//
// Fixtures use the surname 闵, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, childBody } from '../lib/fixtures.mjs';
import { openapi, schemaErrors } from '../lib/schema.mjs';

describe('problems: if_updated_at preconditions', () => {
  let srv, town, director, auditor, child, prob;

  before(async () => {
    srv = await startServer();
    [town, director, auditor] = await Promise.all(['town', 'director', 'auditor'].map((u) => loginFresh(srv.url, u)));
    let r = await director.post('/api/v1/children', childBody('闵小雨', { region: REGION.pingsuo }));
    assert.equal(r.status, 201, r.text);
    child = r.json;
    r = await director.post(`/api/v1/children/${child.id}/problems`, {
      category: 'assistance_need',
      description: '家庭因病返贫，需申请临时救助',
      deadline: addDays(TODAY, 10),
    });
    assert.equal(r.status, 201, r.text);
    prob = r.json;
  });

  after(async () => {
    await srv?.stop();
  });

  const notesOf = async (id) => (await director.get(`/api/v1/problems/${id}`)).json.notes.map((n) => n.note);

  it('updated_at is an integer of UTC milliseconds everywhere', async () => {
    assert.ok(Number.isInteger(prob.updated_at), JSON.stringify(prob));
    assert.ok(Math.abs(prob.updated_at - Date.now()) < 10 * 60 * 1000);
    const one = await director.get(`/api/v1/problems/${prob.id}`);
    assert.equal(one.json.updated_at, prob.updated_at);
    const list = await director.get(`/api/v1/children/${child.id}/problems`);
    assert.equal(list.json.items.find((p) => p.id === prob.id).updated_at, prob.updated_at);
    assert.equal(one.json.escalated_at, null);
  });

  it('a note with the current updated_at applies and moves updated_at forward', async () => {
    const r = await town.post(`/api/v1/problems/${prob.id}/notes`, { note: '镇民政办已受理救助申请', if_updated_at: prob.updated_at });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.updated_at > prob.updated_at);
    assert.deepEqual(r.json.notes.map((n) => n.note), ['镇民政办已受理救助申请']);
  });

  it('a stale note: 409 with the problem as it is now, and nothing stored', async () => {
    const r = await director.post(`/api/v1/problems/${prob.id}/notes`, { note: '已协助准备材料', if_updated_at: prob.updated_at });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, 'conflict');
    assert.equal(r.json.error.message, '该问题已被他人更新，请确认后再提交');
    assert.equal(r.json.error.field, 'if_updated_at');
    assert.deepEqual(schemaErrors(await openapi(), 'ProblemConflict', r.json), []);
    const cur = r.json.current;
    assert.equal(cur.id, prob.id);
    assert.deepEqual(cur.notes.map((n) => [n.username, n.note]), [['town', '镇民政办已受理救助申请']]);
    assert.ok(cur.updated_at > prob.updated_at);
    assert.deepEqual(await notesOf(prob.id), ['镇民政办已受理救助申请']);
    prob = cur;
  });

  it('a stale resolution: 409, the problem stays open', async () => {
    const r = await director.post(`/api/v1/problems/${prob.id}/resolve`, { resolution: '已发放救助金', if_updated_at: prob.updated_at - 1 });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.current.state, 'open');
    const now = await director.get(`/api/v1/problems/${prob.id}`);
    assert.equal(now.json.state, 'open');
    assert.equal(now.json.resolution, null);
    assert.equal(now.json.updated_at, prob.updated_at);
  });

  it('without if_updated_at a note applies as before (a retried upload)', async () => {
    const r = await director.post(`/api/v1/problems/${prob.id}/notes`, { note: '已协助准备材料' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.notes.map((n) => n.note), ['镇民政办已受理救助申请', '已协助准备材料']);
    prob = r.json;
  });

  it('two writers with the same updated_at: exactly one is stored', async () => {
    const [a, b] = await Promise.all([
      director.post(`/api/v1/problems/${prob.id}/notes`, { note: '甲：已入户核实', if_updated_at: prob.updated_at }),
      town.post(`/api/v1/problems/${prob.id}/notes`, { note: '乙：已电话核实', if_updated_at: prob.updated_at }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text}\n${b.text}`);
    const notes = await notesOf(prob.id);
    assert.equal(notes.filter((n) => n.startsWith('甲') || n.startsWith('乙')).length, 1, notes.join('|'));
    const loser = a.status === 409 ? a : b;
    assert.equal(loser.json.current.notes.length, notes.length);
    prob = (await director.get(`/api/v1/problems/${prob.id}`)).json;
  });

  it('a resolution with the current updated_at closes it; afterwards a note is 409 with current', async () => {
    let r = await director.post(`/api/v1/problems/${prob.id}/resolve`, { resolution: '临时救助金已发放', if_updated_at: prob.updated_at });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'resolved');
    r = await town.post(`/api/v1/problems/${prob.id}/notes`, { note: '补充说明', if_updated_at: r.json.updated_at });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.message, '该问题已解决');
    assert.equal(r.json.current.state, 'resolved');
    r = await town.post(`/api/v1/problems/${prob.id}/notes`, { note: '补充说明', if_updated_at: prob.updated_at });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'if_updated_at');
  });

  it('if_updated_at must be a positive integer', async () => {
    for (const bad of ['2026-11-22T09:00:00+08:00', -5, 1.5]) {
      const r = await director.post(`/api/v1/problems/${prob.id}/notes`, { note: 'x', if_updated_at: bad });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'if_updated_at');
    }
  });

  it('a refused stale write is in the audit trail as a failure', async () => {
    const r = await auditor.get('/api/v1/audit-log?action=problem.note&outcome=failure&page_size=100');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((x) => x.object_id === String(prob.id) && x.detail === 'stale=1'), r.text);
  });
});
