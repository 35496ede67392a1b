// tests/http/risk.test.mjs — risk grading (分级划定风险, docs/API.md "Risk grading"): every level
// shows the factors and points that produced it; a visit that finds the caregiver neglecting the
// child raises the level, which shortens the schedule's intervals; county staff override a level
// with a reason and an expiry day, town supervisors cannot; every change of the level in force is
// kept with its cause (the first grading, a visit, an override, its clearing, its expiry at the
// sweep — run "two days later" with the test-only clock offset); the list of children filters by
// level; scope: a director of another village gets 404, a school 403.
//
// Fixtures use the surnames 郝, 鄢 and 骆, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, login, freshPassword, sleep } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, DAY, addDays, childBody, visitBody } from '../lib/fixtures.mjs';

const pingsuo = REGION.pingsuo;

describe('risk grading', () => {
  let srv;
  let county;
  let town;
  let director; // 平所村
  let school;
  const kids = {};
  before(async () => {
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    town = await loginFresh(srv.url, 'town');
    director = await loginFresh(srv.url, 'director');
    school = await loginFresh(srv.url, 'school');
    const bodies = {
      // dropped out of school: 辍学 20 points, 黄 on its own
      D: childBody('郝小明', { region: pingsuo, extra: { schooling_status: 'dropped_out' } }),
      // nothing that scores: 绿
      G: childBody('鄢小红', { region: pingsuo }),
      // the other village of the town: outside the director's scope
      X: childBody('骆小军', { region: REGION.xinyuan }),
      // for the override that expires
      E: childBody('郝小雪', { region: pingsuo }),
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

  it('a new file is graded at once: level, score and the factors that produced it', async () => {
    const r = await director.get(`/api/v1/children/${kids.D.id}/risk`);
    assert.equal(r.status, 200, r.text);
    const k = r.json;
    assert.equal(k.child_id, kids.D.id);
    assert.equal(k.level, 'yellow');
    assert.equal(k.level_name, '黄');
    assert.equal(k.computed, 'yellow');
    assert.equal(k.score, 20);
    assert.deepEqual(k.thresholds, { red: 60, orange: 40, yellow: 20 });
    assert.equal(k.override, null);
    assert.ok(k.graded_at, 'graded_at');
    assert.equal(k.factors.length, 1, JSON.stringify(k.factors));
    const [f] = k.factors;
    assert.equal(f.code, 'dropout');
    assert.equal(f.label, '辍学');
    assert.equal(f.points, 20);
    assert.match(f.source, /控辍保学/);
    assert.equal(k.factors.reduce((s, x) => s + x.points, 0), k.score);

    const g = await director.get(`/api/v1/children/${kids.G.id}/risk`);
    assert.equal(g.json.level, 'green');
    assert.equal(g.json.score, 0);
    assert.deepEqual(g.json.factors, []);
  });

  it('the child list shows the level and filters by it', async () => {
    let r = await director.get(`/api/v1/children?region=${pingsuo}&risk=yellow&page_size=100`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((x) => x.id === kids.D.id));
    assert.ok(!r.json.items.some((x) => x.id === kids.G.id));
    assert.ok(r.json.items.every((x) => x.risk_level === 'yellow' && x.risk_level_name === '黄'));
    r = await director.get(`/api/v1/children?region=${pingsuo}&risk=green,yellow&page_size=100`);
    assert.ok(r.json.items.some((x) => x.id === kids.D.id));
    assert.ok(r.json.items.some((x) => x.id === kids.G.id));
    r = await director.get(`/api/v1/children/${kids.D.id}`);
    assert.equal(r.json.risk_level, 'yellow');
    r = await director.get('/api/v1/children?risk=purple');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'risk');
  });

  it('a visit finding the caregiver neglecting raises the level, and the schedule follows', async () => {
    const v = await director.post(`/api/v1/children/${kids.D.id}/visits`, visitBody({ caregiver_capacity: 'neglecting' }));
    assert.equal(v.status, 201, v.text);
    assert.ok(v.json.opened_problem_id, 'the follow-up problem');
    const r = await director.get(`/api/v1/children/${kids.D.id}/risk`);
    // 辍学 20 + 怠于履行照护职责 30 + 1 open problem 5 = 55: 橙
    assert.equal(r.json.level, 'orange', r.text);
    assert.equal(r.json.score, 55);
    assert.deepEqual(r.json.factors.map((f) => f.code).sort(), ['caregiver_neglecting', 'dropout', 'problems_open']);
    const open = r.json.factors.find((f) => f.code === 'problems_open');
    assert.equal(open.value, 1);
    // 橙: contact and home visit monthly (004 三(一))
    const s = await director.get(`/api/v1/children/${kids.D.id}/schedule`);
    assert.equal(s.json.risk_level, 'orange');
    assert.equal(s.json.risk_level_name, '橙');
    assert.equal(s.json.visit.basis, 'orange');
    assert.match(s.json.visit.reason, /风险等级橙/);
  });

  it('the history keeps every change of the level in force with its cause', async () => {
    const r = await director.get(`/api/v1/children/${kids.D.id}/risk/history`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 2);
    const [visit, first] = r.json.items;
    assert.equal(first.from, null);
    assert.equal(first.to, 'yellow');
    assert.equal(first.to_name, '黄');
    assert.equal(first.cause, 'file');
    assert.equal(first.cause_name, '档案变更');
    assert.equal(first.user_name, county.me.display_name);
    assert.equal(visit.from, 'yellow');
    assert.equal(visit.to, 'orange');
    assert.equal(visit.cause, 'visit');
    assert.equal(visit.cause_name, '走访记录');
    assert.equal(visit.score, 55);
    assert.match(visit.detail, /得分55/);
    assert.match(visit.detail, /怠于履行照护职责/);
  });

  describe('the override (人工调整)', () => {
    const until = addDays(TODAY, 30);
    it('needs risk:override: a town supervisor gets 403, a director too', async () => {
      for (const c of [town, director]) {
        const r = await c.put(`/api/v1/children/${kids.D.id}/risk/override`, { level: 'red', reason: '家中发生变故', until });
        assert.equal(r.status, 403, r.text);
        const d = await c.del(`/api/v1/children/${kids.D.id}/risk/override`);
        assert.equal(d.status, 403, d.text);
      }
    });

    it('needs a level, a reason and an expiry day within a year', async () => {
      const bad = [
        [{ level: 'purple', reason: '理由', until }, 'level'],
        [{ level: 'red', reason: '', until }, 'reason'],
        [{ level: 'red', reason: '   ', until }, 'reason'],
        [{ level: 'red', reason: '\u3000 ', until }, 'reason'],
        [{ level: 'red', until }, 'reason'],
        [{ level: 'red', reason: '很'.repeat(501), until }, 'reason'],
        [{ level: 'red', reason: '理由', until: TODAY }, 'until'],
        [{ level: 'red', reason: '理由', until: addDays(TODAY, 367) }, 'until'],
        [{ level: 'red', reason: '理由', until: '2026-02-30' }, 'until'],
        [{ level: 'red', reason: '理由' }, 'until'],
      ];
      for (const [body, field] of bad) {
        const r = await county.put(`/api/v1/children/${kids.D.id}/risk/override`, body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
        assert.equal(r.json.error.field, field, r.text);
        assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
      }
      const ok = await county.put(`/api/v1/children/${kids.G.id}/risk/override`, { level: 'yellow', reason: '很'.repeat(500), until: addDays(TODAY, 366) });
      assert.equal(ok.status, 200, ok.text);
      const d = await county.del(`/api/v1/children/${kids.G.id}/risk/override`);
      assert.equal(d.status, 200, d.text);
    });

    it('county staff set it: the level in force is the override, the computed one stays visible', async () => {
      const r = await county.put(`/api/v1/children/${kids.D.id}/risk/override`, { level: 'red', reason: '母亲来电称监护人长期外出', until });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.level, 'red');
      assert.equal(r.json.level_name, '红');
      assert.equal(r.json.computed, 'orange');
      assert.equal(r.json.score, 55);
      const o = r.json.override;
      assert.equal(o.level, 'red');
      assert.equal(o.reason, '母亲来电称监护人长期外出');
      assert.equal(o.until, until);
      assert.equal(o.state, 'active');
      assert.ok(o.by_name);
      assert.ok(o.at);
      // 红: contact every 14 days
      const s = await director.get(`/api/v1/children/${kids.D.id}/schedule`);
      assert.equal(s.json.risk_level, 'red');
      assert.equal(s.json.contact.basis, 'red');
      assert.deepEqual(s.json.contact.interval, { months: 0, days: 14 });
      const h = await director.get(`/api/v1/children/${kids.D.id}/risk/history`);
      const [top] = h.json.items;
      assert.equal(top.cause, 'override');
      assert.equal(top.cause_name, '人工调整');
      assert.equal(top.from, 'orange');
      assert.equal(top.to, 'red');
      assert.equal(top.user_name, o.by_name);
      assert.match(top.detail, /母亲来电/);
      // in the child's history too
      const ch = await county.get(`/api/v1/children/${kids.D.id}/history`);
      const row = ch.json.find((x) => x.field === '风险等级人工调整');
      assert.ok(row, ch.text);
      assert.equal(row.old, '橙');
      assert.match(row.new, new RegExp(`^红（有效期至${until}）`));
      // and in the list filter
      const l = await director.get(`/api/v1/children?risk=red&page_size=100`);
      assert.ok(l.json.items.some((x) => x.id === kids.D.id));
    });

    it('clearing it returns to the computed level; clearing again is 404', async () => {
      const r = await county.del(`/api/v1/children/${kids.D.id}/risk/override`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.level, 'orange');
      assert.equal(r.json.override, null);
      const h = await director.get(`/api/v1/children/${kids.D.id}/risk/history`);
      assert.equal(h.json.items[0].cause, 'override_cleared');
      assert.equal(h.json.items[0].cause_name, '取消人工调整');
      assert.equal(h.json.items[0].to, 'orange');
      const again = await county.del(`/api/v1/children/${kids.D.id}/risk/override`);
      assert.equal(again.status, 404, again.text);
      const ch = await county.get(`/api/v1/children/${kids.D.id}/history`);
      assert.ok(ch.json.some((x) => x.field === '取消风险等级人工调整'), ch.text);
    });

    it('every override is audited', async () => {
      const auditor = await loginFresh(srv.url, 'auditor');
      for (const action of ['risk.override', 'risk.override_clear', 'risk.read']) {
        const r = await auditor.get(`/api/v1/audit-log?action=${action}&page_size=5`);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.total >= 1, action);
        assert.match(r.json.items[0].action_name, /[\u4e00-\u9fff]/);
        assert.equal(r.json.items[0].object_type, 'child');
      }
      const denied = await auditor.get('/api/v1/audit-log?action=risk.override&outcome=denied&page_size=5');
      assert.ok(denied.json.total >= 1, 'the town supervisor was refused');
    });
  });

  describe('scope', () => {
    it('a director of another village gets 404; a school 403', async () => {
      for (const p of [`/api/v1/children/${kids.X.id}/risk`, `/api/v1/children/${kids.X.id}/risk/history`]) {
        const r = await director.get(p);
        assert.equal(r.status, 404, `${p}: ${r.text}`);
        const t = await town.get(p);
        assert.equal(t.status, 200, `${p}: ${t.text}`);
      }
      for (const p of [`/api/v1/children/${kids.D.id}/risk`, `/api/v1/children/${kids.D.id}/risk/history`]) {
        const r = await school.get(p);
        assert.equal(r.status, 403, `${p}: ${r.text}`);
      }
      const r = await county.put('/api/v1/children/99999999/risk/override', { level: 'red', reason: '理由', until: addDays(TODAY, 3) });
      assert.equal(r.status, 404, r.text);
    });

    it('a school reads its pupils\' files without the level; the town sees it', async () => {
      const list = await school.get('/api/v1/children?page_size=20');
      assert.equal(list.status, 200, list.text);
      assert.ok(list.json.items.length > 0, 'the demo school has pupils');
      for (const c of list.json.items) assert.equal(c.risk_level, null, `${c.name}: ${c.risk_level}`);
      const file = await school.get(`/api/v1/children/${list.json.items[0].id}`);
      assert.equal(file.status, 200, file.text);
      assert.equal(file.json.risk_level, null);
      const asTown = await town.get(`/api/v1/children/${list.json.items[0].id}`);
      assert.equal(asTown.status, 200, asTown.text);
      assert.ok(['red', 'orange', 'yellow', 'green'].includes(asTown.json.risk_level), asTown.text);
    });
  });

  describe('an override past its expiry day', () => {
    let later;
    before(async () => {
      const r = await county.put(`/api/v1/children/${kids.E.id}/risk/override`, { level: 'red', reason: '短期观察', until: addDays(TODAY, 1) });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.level, 'red');
      // the same database "two days later" (test-only clock offset): its sweep at start re-grades
      // the children whose day has come, this one among them
      later = await startServer({
        demo: false,
        settings: { database: srv.database, key_file: `${srv.dir}/key`, test_clock_offset_days: 2 },
      });
    });
    after(async () => {
      await later?.stop();
    });

    it('stops applying after the sweep: the computed level is in force again, cause override_expired', async () => {
      const c = await login(later.url, 'county', freshPassword('county'));
      let k;
      for (let i = 0; i < 100; i++) {
        k = (await c.get(`/api/v1/children/${kids.E.id}/risk`)).json;
        if (k.level !== 'red') break;
        await sleep(200);
      }
      assert.equal(k.level, 'green', JSON.stringify(k));
      assert.equal(k.computed, 'green');
      assert.equal(k.override.state, 'expired');
      assert.equal(k.override.until, addDays(TODAY, 1));
      const h = (await c.get(`/api/v1/children/${kids.E.id}/risk/history`)).json;
      const top = h.items[0];
      assert.equal(top.cause, 'override_expired');
      assert.equal(top.cause_name, '人工调整到期');
      assert.equal(top.from, 'red');
      assert.equal(top.to, 'green');
      assert.equal(top.user_name, null);
      assert.equal(h.items.filter((x) => x.cause === 'override_expired').length, 1);
      // `shouhu sweep` again on that day: nothing left to do for this child
      const out = await later.run(['sweep']);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /re-graded/);
      const h2 = (await c.get(`/api/v1/children/${kids.E.id}/risk/history`)).json;
      assert.equal(h2.total, h.total);
      // the day shown is CST "two days later"
      assert.ok(Date.parse(top.at) > Date.now() + DAY, top.at);
    });
  });
});
