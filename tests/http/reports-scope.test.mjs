// tests/http/reports-scope.test.mjs — who sees a mandatory report (docs/API.md "Mandatory
// reports"): the filing school sees only status and outcome of its own; another school, a
// volunteer, a child director of another village and the police (for a report not routed to
// them) get 404 and never find it in a list; the education department sees a pupil's report
// routed to it; a report in another town is outside a town supervisor's scope.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, login, changePassword } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';

const PW = 'Shouhu#Other2026a';

describe('mandatory reports: scope', () => {
  let srv;
  const c = {};
  const rep = {};
  before(async () => {
    srv = await startServer();
    for (const u of ['county', 'town', 'director', 'school', 'police', 'education', 'volunteer']) c[u] = await loginFresh(srv.url, u);
    // another school (中和街道) and a child director of another village (新院村)
    for (const [name, role, region, org] of [
      ['school2', 'school', REGION.zhonghe, '中和街道中心小学'],
      ['director2', 'director', REGION.xinyuan, null],
    ]) {
      const args = ['user', 'add', name, '--role', role, '--region', region];
      if (org) args.push('--org', org);
      const r = await srv.run(args, { env: { SHOUHU_PASSWORD: PW } });
      assert.equal(r.code, 0, r.stderr);
      c[name] = await changePassword(await login(srv.url, name, PW), PW, `${PW}x`);
    }
    const body = (extra) => ({ situation: 'self_harm', urgency: 'urgent', seen: '学生在日记中写到想轻生', region_code: REGION.pingsuo, child: { name: '匿名学生' }, ...extra });
    // A: the school's report, routed to civil affairs only (self-harm), not to the police
    let r = await c.school.post('/api/v1/reports', body({ pupil: false }));
    assert.equal(r.status, 201, r.text);
    rep.A = r.json;
    // E: the school's pupil report, education added by default
    r = await c.school.post('/api/v1/reports', body({ pupil: true, situation: 'abuse_violence' }));
    assert.equal(r.status, 201, r.text);
    rep.E = r.json;
    // Z: a report in 中和街道 (another town) by the county
    r = await c.county.post('/api/v1/reports', body({ region_code: REGION.dongfeng }));
    assert.equal(r.status, 201, r.text);
    rep.Z = r.json;
  });
  after(async () => {
    await srv?.stop();
  });

  const ids = async (who, box) => {
    const r = await who.get(`/api/v1/reports?box=${box}&page_size=100`);
    return r.status === 200 ? r.json.items.map((i) => i.id) : [];
  };

  it('the filing school sees only the reporter view of its own reports', async () => {
    const r = await c.school.get(`/api/v1/reports/${rep.A.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.view, 'reporter');
    assert.equal(r.json.seen, undefined);
    assert.equal(r.json.events, undefined);
    assert.equal(r.json.depts, undefined);
    // the school's own: this test's and the demo county's (src/app/demo_protect.c), filed first
    const own = await ids(c.school, 'mine');
    assert.deepEqual(own.filter((id) => id >= rep.A.id).sort(), [rep.A.id, rep.E.id].sort());
    assert.ok(own.every((id) => id >= rep.A.id || !Object.values(rep).some((x) => x.id === id)));
    assert.equal((await c.school.get(`/api/v1/reports/${rep.Z.id}`)).status, 404);
  });

  for (const [who, label] of [
    ['school2', 'another school'],
    ['volunteer', 'a volunteer'],
    ['director2', 'a director of another village'],
    ['police', 'the police, for a report not routed to them'],
  ]) {
    it(`${label}: 404 and absent from every list`, async () => {
      const r = await c[who].get(`/api/v1/reports/${rep.A.id}`);
      assert.equal(r.status, 404, r.text);
      assert.equal(r.json.error.code, 'not_found');
      const ev = await c[who].post(`/api/v1/reports/${rep.A.id}/events`, { event: 'accept' });
      assert.equal(ev.status, 404, ev.text);
      const note = await c[who].post(`/api/v1/reports/${rep.A.id}/notes`, { text: 'x' });
      assert.ok([403, 404].includes(note.status), note.text);
      for (const box of ['mine', 'queue', 'supervise']) assert.ok(!(await ids(c[who], box)).includes(rep.A.id), `${who} ${box}`);
    });
  }

  it('the police and education see the pupil report routed to them, as handlers', async () => {
    for (const who of ['police', 'education']) {
      const r = await c[who].get(`/api/v1/reports/${rep.E.id}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.view, 'handler');
      assert.ok(Array.isArray(r.json.events));
      assert.ok((await ids(c[who], 'queue')).includes(rep.E.id));
    }
    assert.ok(!(await ids(c.education, 'queue')).includes(rep.A.id));
  });

  it('supervisors: the town sees its town only; the county sees all', async () => {
    assert.equal((await c.town.get(`/api/v1/reports/${rep.Z.id}`)).status, 404);
    const town = await ids(c.town, 'supervise');
    assert.ok(town.includes(rep.A.id) && !town.includes(rep.Z.id));
    const county = await ids(c.county, 'supervise');
    for (const k of ['A', 'E', 'Z']) assert.ok(county.includes(rep[k].id), k);
    // the director that filed nothing sees nothing
    assert.deepEqual(await ids(c.director, 'mine'), []);
    assert.equal((await c.director.get(`/api/v1/reports/${rep.A.id}`)).status, 404);
  });
});
