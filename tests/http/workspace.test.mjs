// tests/http/workspace.test.mjs — the child director's offline workspace (docs/API.md "The
// director's workspace (offline)"): one request gives what the phone needs — the children the
// caller is the child director of (not the other director's children of the same village), most
// urgent first, with the summary the phone shows, their open problems and the visit code lists;
// a town supervisor gets every active child of its town; a school 403; one audit row with the
// count.
//
// Fixtures use the surname 佘, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, INITIAL_PASSWORD } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, childBody, visitBody } from '../lib/fixtures.mjs';
import { openapi, schemaErrors } from '../lib/schema.mjs';

describe('the offline workspace', () => {
  let srv, town, director, director2, school, auditor;
  const kids = {};
  const problems = {};

  before(async () => {
    srv = await startServer();
    let sysadmin, secadmin;
    [town, director, school, auditor, sysadmin, secadmin] = await Promise.all(
      ['town', 'director', 'school', 'auditor', 'sysadmin', 'secadmin'].map((u) => loginFresh(srv.url, u)),
    );
    // a second child director of the same village
    let r = await sysadmin.post('/api/v1/users', {
      username: 'director2',
      display_name: '佘主任',
      password: INITIAL_PASSWORD,
      region_code: REGION.pingsuo,
    });
    assert.equal(r.status, 201, r.text);
    r = await secadmin.put(`/api/v1/users/${r.json.id}/role`, { role: 'director', region_code: REGION.pingsuo });
    assert.equal(r.status, 200, r.text);
    director2 = await loginFresh(srv.url, 'director2');

    const reg = async (who, key, name, region, extra = {}) => {
      const res = await who.post('/api/v1/children', childBody(name, { region, extra }));
      assert.equal(res.status, 201, res.text);
      kids[key] = res.json;
    };
    await reg(director, 'D1', '佘小一', REGION.pingsuo, {
      members: [
        { relation: 'father', name: '佘国强', status: 'away', away_place: '广东省东莞市', outside_county: true, since: addDays(TODAY, -800), phone: '13800002222' },
        { relation: 'mother', name: '吴秀兰', status: 'away', away_place: '浙江省宁波市', outside_county: true, since: addDays(TODAY, -800) },
      ],
    });
    await reg(director, 'D2', '佘小二', REGION.pingsuo);
    await reg(director2, 'D3', '佘小三', REGION.pingsuo);
    await reg(town, 'X', '佘小新', REGION.xinyuan);
    // D1 visited today; open problems on D1 and D3; a resolved one on D2
    r = await director.post(`/api/v1/children/${kids.D1.id}/visits`, visitBody());
    assert.equal(r.status, 201, r.text);
    for (const [key, child, who] of [['P1', kids.D1, director], ['P3', kids.D3, director2], ['P2', kids.D2, director]]) {
      r = await who.post(`/api/v1/children/${child.id}/problems`, { category: 'other', description: `${child.name}的问题`, deadline: addDays(TODAY, 5) });
      assert.equal(r.status, 201, r.text);
      problems[key] = r.json;
    }
    r = await director.post(`/api/v1/problems/${problems.P2.id}/resolve`, { resolution: '已解决' });
    assert.equal(r.status, 200, r.text);
  });

  after(async () => {
    await srv?.stop();
  });

  it("a director gets its own children only, most urgent first, and their open problems", async () => {
    const r = await director.get('/api/v1/workspace');
    assert.equal(r.status, 200, r.text);
    const ws = r.json;
    assert.deepEqual(schemaErrors(await openapi(), 'Workspace', ws), []);
    const ids = ws.children.map((c) => c.child_id);
    assert.ok(ids.includes(kids.D1.id) && ids.includes(kids.D2.id), JSON.stringify(ids.slice(0, 20)));
    assert.ok(!ids.includes(kids.D3.id), "another director's child");
    assert.ok(!ids.includes(kids.X.id), 'a child of another village');
    assert.ok(ws.children.every((c) => c.director_id === director.me.id));
    assert.ok(ws.children.length <= 2000);
    for (let i = 1; i < ws.children.length; i++) {
      assert.ok(ws.children[i - 1].days_left <= ws.children[i].days_left, `${i}: ${ws.children[i - 1].days_left} > ${ws.children[i].days_left}`);
    }
    const pids = ws.problems.map((p) => p.id);
    assert.ok(pids.includes(problems.P1.id));
    assert.ok(!pids.includes(problems.P3.id), "another director's child's problem");
    assert.ok(!pids.includes(problems.P2.id), 'resolved');
    assert.ok(ws.problems.every((p) => p.state === 'open' && ids.includes(p.child_id)));
    assert.ok(ws.problems.every((p) => Number.isInteger(p.updated_at)));
  });

  it('each child carries what the phone shows', async () => {
    const ws = (await director.get('/api/v1/workspace')).json;
    const d1 = ws.children.find((c) => c.child_id === kids.D1.id);
    assert.equal(d1.name, '佘小一');
    assert.equal(d1.region_code, REGION.pingsuo);
    assert.equal(d1.sex, kids.D1.sex);
    assert.equal(d1.birth_date, kids.D1.birth_date);
    assert.equal(d1.age, kids.D1.age);
    assert.deepEqual(d1.categories, ['rural_left_behind']);
    assert.deepEqual(d1.category_names, ['农村留守儿童']);
    assert.deepEqual(d1.caregiver, { name: '杨桂芝', relation: '祖母', phone_masked: '139****1111' });
    assert.equal(d1.guardian_phone_masked, '138****2222');
    assert.equal(d1.school_name, '隘口镇中心小学');
    assert.deepEqual(d1.last_visit, { kind: 'home_visit', occurred_on: TODAY, user_name: director.me.display_name });
    assert.ok(['not_due', 'due_soon', 'due_today', 'overdue'].includes(d1.state));
    assert.equal(d1.visit.last, TODAY);
    assert.ok(d1.contact && typeof d1.contact.due === 'string');
    const d2 = ws.children.find((c) => c.child_id === kids.D2.id);
    assert.equal(d2.last_visit, null);
    assert.equal(d2.guardian_phone_masked, null);
    // no phone number in clear anywhere
    assert.ok(!JSON.stringify(ws).includes('13900001111'));
    assert.ok(!JSON.stringify(ws).includes('13800002222'));
  });

  it('the user, the code lists and the time it was made', async () => {
    const ws = (await director.get('/api/v1/workspace')).json;
    assert.equal(ws.user.id, director.me.id);
    assert.equal(ws.user.display_name, director.me.display_name);
    assert.deepEqual(ws.user.region, { code: REGION.pingsuo, name: director.me.region.name, level: 5 });
    const dicts = (await director.get('/api/v1/visit-dicts')).json;
    assert.deepEqual(ws.dicts, dicts);
    assert.match(ws.generated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  });

  it("the other director gets its child; a town supervisor every active child of its town", async () => {
    let ws = (await director2.get('/api/v1/workspace')).json;
    assert.deepEqual(ws.children.map((c) => c.child_id), [kids.D3.id]);
    assert.deepEqual(ws.problems.map((p) => p.id), [problems.P3.id]);
    const r = await town.get('/api/v1/workspace');
    assert.equal(r.status, 200, r.text);
    ws = r.json;
    const ids = ws.children.map((c) => c.child_id);
    for (const k of ['D1', 'D2', 'D3', 'X']) assert.ok(ids.includes(kids[k].id), k);
    assert.ok(ws.children.every((c) => c.region_code.startsWith('500241103')));
    assert.ok(ws.children.length <= 2000);
  });

  it('an exited child leaves the workspace', async () => {
    const r = await director.post(`/api/v1/children/${kids.D2.id}/exit`, { reason: 'parents_returned', date: TODAY, note: '父母返乡' });
    assert.equal(r.status, 200, r.text);
    const ws = (await director.get('/api/v1/workspace')).json;
    assert.ok(!ws.children.some((c) => c.child_id === kids.D2.id));
  });

  it('a school may not have one', async () => {
    const r = await school.get('/api/v1/workspace');
    assert.equal(r.status, 403, r.text);
  });

  it('each download is one audit row with the count', async () => {
    const before = await auditor.get('/api/v1/audit-log?action=workspace.read&username=director2&page_size=100');
    const n = before.json.total;
    const ws = (await director2.get('/api/v1/workspace')).json;
    const r = await auditor.get('/api/v1/audit-log?action=workspace.read&username=director2&page_size=100');
    assert.equal(r.json.total, n + 1);
    const row = r.json.items[0];
    assert.equal(row.action_name, '下载离线工作数据');
    assert.equal(row.outcome, 'success');
    assert.equal(row.detail, `children=${ws.children.length} problems=${ws.problems.length}`);
  });
});
