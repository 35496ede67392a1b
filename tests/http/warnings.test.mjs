// tests/http/warnings.test.mjs — warnings (预警, docs/API.md "Warnings — 预警"): each kind opens
// when its condition holds and closes by itself when it clears (a visit, a note, a resolution,
// an edit, the level leaving red, the calendar); a problem past its deadline is escalated to the
// town supervisor (the problem's escalated_at, a system note, an audit row); the inbox, the
// summary and a child's warnings are scoped like the file (a director its village, a town all
// its villages, a school 403); every read is audited.
//
// The calendar is moved with the test clock: `shouhu -o test_clock_offset_days=N sweep` runs the
// daily sweep N days from now against the same database, while the server keeps the real clock.
//
// Fixtures use the surname 祁, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, yearsBefore, childBody, visitBody } from '../lib/fixtures.mjs';
import { openapi, schemaErrors } from '../lib/schema.mjs';

const KIND_NAMES = {
  contact_overdue: '联系逾期',
  visit_overdue: '走访逾期',
  high_risk_no_visit: '高风险未走访',
  newly_red: '新增高风险',
  caregiver_followup: '照护跟进',
  problem_overdue: '问题逾期',
  turning_16: '即将年满16周岁',
  turning_18: '即将年满18周岁',
  file_incomplete: '档案不完整',
  guardianship_absent: '监护缺失',
  guardianship_reassess: '监护复评到期',
  case_followup_overdue: '案后回访逾期',
  placement_review_due: '安置复查到期',
};
const KIND_ORDER = Object.keys(KIND_NAMES);

describe('warnings (预警)', () => {
  let srv, county, town, director, school, auditor;
  const kids = {};

  /** Runs the daily sweep DAYS from now (the test clock); asserts it succeeded. */
  async function sweepAt(days) {
    const r = await srv.run(['-o', `test_clock_offset_days=${days}`, 'sweep'], { timeout: 300000 });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  }
  /** The open warnings of child ID, as its file shows them. */
  async function open(id, who = director) {
    const r = await who.get(`/api/v1/children/${id}/warnings`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }
  const ofKind = (items, kind) => items.filter((w) => w.kind === kind);
  /** The closed warnings of child ID of KIND. */
  async function closed(id, kind) {
    const r = await director.get(`/api/v1/warnings?state=closed&child=${id}&kind=${kind}&page_size=100`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  }
  async function register(who, body) {
    const r = await who.post('/api/v1/children', body);
    assert.equal(r.status, 201, r.text);
    return r.json;
  }

  before(async () => {
    srv = await startServer();
    [county, town, director, school, auditor] = await Promise.all(
      ['county', 'town', 'director', 'school', 'auditor'].map((u) => loginFresh(srv.url, u)),
    );
    const pingsuo = REGION.pingsuo;
    kids.A = await register(director, childBody('祁小安', { region: pingsuo }));
    kids.R = await register(director, childBody('祁小红', { region: pingsuo }));
    kids.R2 = await register(director, childBody('祁小丹', { region: pingsuo }));
    kids.G = await register(director, childBody('祁小光', { region: pingsuo }));
    kids.P = await register(director, childBody('祁小平', { region: pingsuo }));
    kids.S16 = await register(director, childBody('祁十六', { region: pingsuo, birth: yearsBefore(16, addDays(TODAY, 10)) }));
    kids.S18 = await register(
      director,
      childBody('祁十八', {
        region: pingsuo,
        birth: yearsBefore(18, addDays(TODAY, 5)),
        extra: { health: 'disabled', disability_kind: 'physical', disability_grade: 2, school_stage: 'senior' },
      }),
    );
    // registered by the county: no child director, no caregiver, no phone, no school named
    kids.F = await register(
      county,
      childBody('祁小凡', { region: pingsuo, extra: { caregiver: null, school_name: '' } }),
    );
    // no caregiver recorded; leaves care later
    kids.E = await register(director, childBody('祁小恩', { region: pingsuo, extra: { caregiver: null } }));
    // in the town's other village
    kids.X = await register(town, childBody('祁小新', { region: REGION.xinyuan, extra: { caregiver: null } }));
  });

  after(async () => {
    await srv?.stop();
  });

  describe('each kind opens and closes', () => {
    it('turning 16 (a left-behind child) and 18: within 30 days of the birthday', async () => {
      let w = ofKind(await open(kids.S16.id), 'turning_16');
      assert.equal(w.length, 1);
      assert.equal(w[0].due_on, addDays(TODAY, 10));
      assert.match(w[0].message, /年满16周岁/);
      w = ofKind(await open(kids.S18.id), 'turning_18');
      assert.equal(w.length, 1);
      assert.equal(w[0].due_on, addDays(TODAY, 5));
      assert.deepEqual(ofKind(await open(kids.S18.id), 'turning_16'), [], 'no longer left-behind at 17');
    });

    it('a child registered today has nothing overdue; 20 days on contact and visit are; a home visit clears both', async () => {
      let items = await open(kids.A.id);
      assert.deepEqual(items.map((w) => w.kind), [], JSON.stringify(items));
      await sweepAt(20);
      items = await open(kids.A.id);
      const contact = ofKind(items, 'contact_overdue');
      const visit = ofKind(items, 'visit_overdue');
      assert.equal(contact.length, 1, JSON.stringify(items));
      assert.equal(visit.length, 1, JSON.stringify(items));
      // a new registration: the first home visit (and so the first contact) within 15 days
      assert.equal(visit[0].due_on, addDays(TODAY, 15));
      assert.equal(visit[0].kind_name, '走访逾期');
      assert.equal(visit[0].child_id, kids.A.id);
      assert.equal(visit[0].child_name, '祁小安');
      assert.equal(visit[0].region_code, REGION.pingsuo);
      assert.equal(visit[0].region_name, '平所村村民委员会');
      assert.equal(visit[0].ref_id, null);
      assert.equal(visit[0].escalated, false);
      assert.equal(visit[0].closed_at, null);
      assert.match(visit[0].message, /入户走访已逾期/);
      assert.equal(visit[0].opened_on, addDays(TODAY, 20));
      // the home visit (today, by the real clock) moves both due days on: both close
      const v = await director.post(`/api/v1/children/${kids.A.id}/visits`, visitBody());
      assert.equal(v.status, 201, v.text);
      items = await open(kids.A.id);
      assert.deepEqual(ofKind(items, 'contact_overdue'), []);
      assert.deepEqual(ofKind(items, 'visit_overdue'), []);
      const gone = await closed(kids.A.id, 'visit_overdue');
      assert.equal(gone.length, 1);
      assert.equal(gone[0].id, visit[0].id);
      assert.ok(gone[0].closed_at, JSON.stringify(gone));
    });

    it('the 16th birthday passed (the sweep 20 days on): turning_16 closed', async () => {
      assert.deepEqual(ofKind(await open(kids.S16.id), 'turning_16'), []);
      assert.equal((await closed(kids.S16.id, 'turning_16')).length, 1);
    });

    it('a level becoming red opens newly_red; it closes when the level leaves red', async () => {
      const until = addDays(TODAY, 60);
      let r = await county.put(`/api/v1/children/${kids.R2.id}/risk/override`, { level: 'red', reason: '家庭突发变故，监护缺失', until });
      assert.equal(r.status, 200, r.text);
      let items = ofKind(await open(kids.R2.id), 'newly_red');
      assert.equal(items.length, 1);
      assert.equal(items[0].opened_on, TODAY);
      assert.equal(items[0].due_on, TODAY);
      assert.match(items[0].message, /红色/);
      r = await county.del(`/api/v1/children/${kids.R2.id}/risk/override`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(ofKind(await open(kids.R2.id), 'newly_red'), []);
      assert.equal((await closed(kids.R2.id, 'newly_red')).length, 1);
    });

    it('a red child: newly_red for 7 days, then high_risk_no_visit after 30 days without a home visit', async () => {
      const r = await county.put(`/api/v1/children/${kids.R.id}/risk/override`, {
        level: 'red',
        reason: '照护人重病住院',
        until: addDays(TODAY, 60),
      });
      assert.equal(r.status, 200, r.text);
      let items = await open(kids.R.id);
      assert.equal(ofKind(items, 'newly_red').length, 1);
      assert.deepEqual(ofKind(items, 'high_risk_no_visit'), []);
      await sweepAt(29);
      items = await open(kids.R.id);
      assert.deepEqual(ofKind(items, 'newly_red'), [], 'newly_red closes after 7 days');
      assert.deepEqual(ofKind(items, 'high_risk_no_visit'), [], 'not yet on the 29th day');
      await sweepAt(30);
      items = await open(kids.R.id);
      const w = ofKind(items, 'high_risk_no_visit');
      assert.equal(w.length, 1, JSON.stringify(items));
      assert.match(w[0].message, /30天/);
      assert.equal(w[0].due_on, addDays(TODAY, 30));
      // a home visit clears it
      const v = await director.post(`/api/v1/children/${kids.R.id}/visits`, visitBody());
      assert.equal(v.status, 201, v.text);
      assert.deepEqual(ofKind(await open(kids.R.id), 'high_risk_no_visit'), []);
    });

    it('a caregiver found neglecting: caregiver_followup until the follow-up has a note', async () => {
      const v = await director.post(`/api/v1/children/${kids.G.id}/visits`, visitBody({ caregiver_capacity: 'neglecting' }));
      assert.equal(v.status, 201, v.text);
      const pid = v.json.opened_problem_id;
      assert.ok(pid, v.text);
      const w = ofKind(await open(kids.G.id), 'caregiver_followup');
      assert.equal(w.length, 1);
      assert.equal(w[0].ref_id, pid);
      assert.match(w[0].message, /怠于履行照护职责/);
      const n = await director.post(`/api/v1/problems/${pid}/notes`, { note: '已电话告知其父亲，商议另行委托' });
      assert.equal(n.status, 200, n.text);
      assert.deepEqual(ofKind(await open(kids.G.id), 'caregiver_followup'), []);
      const gone = await closed(kids.G.id, 'caregiver_followup');
      assert.equal(gone.length, 1);
      assert.equal(gone[0].ref_id, pid);
    });

    it('a problem past its deadline is overdue and escalated: escalated_at, a system note, an audit row', async () => {
      let r = await director.post(`/api/v1/children/${kids.P.id}/problems`, {
        category: 'safety_hazard',
        description: '房屋后墙开裂',
        deadline: TODAY,
        assignee_user_id: director.me.id,
      });
      assert.equal(r.status, 201, r.text);
      const pid = r.json.id;
      assert.equal(r.json.escalated_at, null);
      assert.equal(typeof r.json.updated_at, 'number');
      assert.deepEqual(ofKind(await open(kids.P.id), 'problem_overdue'), [], 'the deadline day is not overdue');
      const before = (await town.get('/api/v1/warnings/summary')).json;

      await sweepAt(1);
      const w = ofKind(await open(kids.P.id), 'problem_overdue');
      assert.equal(w.length, 1);
      assert.equal(w[0].ref_id, pid);
      assert.equal(w[0].escalated, true);
      assert.equal(w[0].due_on, TODAY);
      assert.match(w[0].message, /安全隐患问题已超过办结期限/);
      assert.match(w[0].message, /已升级至乡镇督导员/);
      // the town supervisor's inbox: escalated first
      r = await town.get('/api/v1/warnings?escalated=1&page_size=100');
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.some((x) => x.id === w[0].id), r.text);
      assert.ok(r.json.items.every((x) => x.escalated));
      r = await town.get('/api/v1/warnings?page_size=5');
      assert.equal(r.json.items[0].escalated, true);
      const after = (await town.get('/api/v1/warnings/summary')).json;
      assert.equal(after.escalated, before.escalated + 1);
      // the problem: escalated_at, listed under escalated=1, the system's note
      r = await town.get(`/api/v1/problems/${pid}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.escalated_at, r.text);
      assert.deepEqual(r.json.notes.map((x) => [x.username, x.note]), [['系统', '已逾期升级至乡镇督导员']]);
      r = await town.get('/api/v1/problems?escalated=1&page_size=100');
      assert.deepEqual(r.json.items.map((x) => x.id), [pid]);
      r = await town.get('/api/v1/problems?escalated=0&page_size=100');
      assert.equal(r.status, 200, r.text);
      // audited once, by the system
      r = await auditor.get('/api/v1/audit-log?action=problem.escalate&page_size=100');
      assert.equal(r.status, 200, r.text);
      const rows = r.json.items.filter((x) => x.object_id === String(pid));
      assert.equal(rows.length, 1, r.text);
      assert.equal(rows[0].username, 'system');
      assert.equal(rows[0].action_name, '问题逾期升级');
      // a second sweep escalates nothing again
      await sweepAt(2);
      r = await town.get(`/api/v1/problems/${pid}`);
      assert.equal(r.json.notes.length, 1);
      // the resolution closes the warning
      r = await director.post(`/api/v1/problems/${pid}/resolve`, { resolution: '已加固后墙' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(ofKind(await open(kids.P.id), 'problem_overdue'), []);
      assert.equal((await closed(kids.P.id, 'problem_overdue')).length, 1);
    });

    it('a child who leaves care has no open warning', async () => {
      const before = ofKind(await open(kids.E.id), 'file_incomplete');
      assert.equal(before.length, 1);
      const r = await director.post(`/api/v1/children/${kids.E.id}/exit`, { reason: 'moved_away', date: TODAY, note: '随父母迁往广东' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(await open(kids.E.id), []);
      const gone = await closed(kids.E.id, 'file_incomplete');
      assert.deepEqual(gone.map((w) => w.id), [before[0].id]);
    });

    it('an incomplete file says what is missing; completing it closes the warning', async () => {
      let w = ofKind(await open(kids.F.id), 'file_incomplete');
      assert.equal(w.length, 1);
      assert.equal(w[0].message, '档案不完整，缺少：儿童主任、委托照护人、照护人或监护人联系电话、就读学校');
      const file = (await county.get(`/api/v1/children/${kids.F.id}`)).json;
      const body = childBody('祁小凡', { region: REGION.pingsuo, birth: file.birth_date });
      delete body.id_number; // kept as stored
      const r = await county.put(`/api/v1/children/${kids.F.id}`, {
        ...body,
        director_id: director.me.id,
        members: file.members.map((m) => ({ id: m.id, relation: m.relation, name: m.name, status: m.status, away_place: m.away_place, outside_county: m.outside_county, since: m.since })),
        version: file.version,
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(ofKind(await open(kids.F.id), 'file_incomplete'), []);
      assert.equal((await closed(kids.F.id, 'file_incomplete')).length, 1);
    });
  });

  describe('the inbox and the summary', () => {
    it('scope: a director sees its village, a town all its villages, a school nothing', async () => {
      // X is in 新院村: the town sees its warning, the director does not
      let r = await town.get(`/api/v1/children/${kids.X.id}/warnings`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(schemaErrors(await openapi(), 'ChildWarnings', r.json), []);
      assert.equal(ofKind(r.json.items, 'file_incomplete').length, 1);
      r = await town.get(`/api/v1/warnings?child=${kids.X.id}`);
      assert.equal(r.json.total, r.json.items.length);
      assert.ok(r.json.total >= 1);
      r = await director.get(`/api/v1/children/${kids.X.id}/warnings`);
      assert.equal(r.status, 404, r.text);
      r = await director.get(`/api/v1/warnings?child=${kids.X.id}`);
      assert.equal(r.status, 404, r.text);
      r = await director.get(`/api/v1/warnings?region=${REGION.xinyuan}`);
      assert.ok(r.status === 400 || r.status === 404, r.text);
      // every warning a director lists is of its village
      r = await director.get('/api/v1/warnings?page_size=100');
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.total > 0);
      assert.ok(r.json.items.every((x) => x.region_code === REGION.pingsuo), r.text);
      const mine = r.json.total;
      r = await town.get(`/api/v1/warnings?region=${REGION.xinyuan}&page_size=100`);
      assert.ok(r.json.items.every((x) => x.region_code === REGION.xinyuan), r.text);
      assert.ok(r.json.items.some((x) => x.child_id === kids.X.id));
      const xinyuan = r.json.total;
      r = await town.get('/api/v1/warnings');
      assert.ok(r.json.total >= mine + xinyuan, `${r.json.total} < ${mine} + ${xinyuan}`);
      for (const p of ['/api/v1/warnings', '/api/v1/warnings/summary', `/api/v1/children/${kids.A.id}/warnings`]) {
        r = await school.get(p);
        assert.equal(r.status, 403, `${p}: ${r.text}`);
      }
    });

    it("a child who moves village takes its open warnings to the new village's director", async () => {
      const file = (await town.get(`/api/v1/children/${kids.X.id}`)).json;
      const body = childBody('祁小新', { region: REGION.pingsuo, birth: file.birth_date, extra: { caregiver: null } });
      delete body.id_number;
      const r = await town.put(`/api/v1/children/${kids.X.id}`, {
        ...body,
        members: file.members.map((m) => ({ id: m.id, relation: m.relation, name: m.name, status: m.status, away_place: m.away_place, outside_county: m.outside_county, since: m.since })),
        version: file.version,
      });
      assert.equal(r.status, 200, r.text);
      const items = await open(kids.X.id);
      assert.ok(items.length > 0);
      assert.ok(items.every((w) => w.region_code === REGION.pingsuo), JSON.stringify(items));
      const l = await director.get(`/api/v1/warnings?child=${kids.X.id}`);
      assert.equal(l.json.total, items.length);
    });

    it('the list: escalated first, then by kind, then oldest first; filters by kind and state', async () => {
      const r = await town.get('/api/v1/warnings?page_size=100');
      const items = r.json.items;
      for (let i = 1; i < items.length; i++) {
        const a = items[i - 1];
        const b = items[i];
        assert.ok(a.escalated >= b.escalated, `${a.id} before ${b.id}`);
        if (a.escalated === b.escalated) {
          const ka = KIND_ORDER.indexOf(a.kind);
          const kb = KIND_ORDER.indexOf(b.kind);
          assert.ok(ka <= kb, `${a.kind} before ${b.kind}`);
          if (ka === kb) assert.ok(a.opened_at <= b.opened_at);
        }
      }
      for (const w of items) assert.equal(w.kind_name, KIND_NAMES[w.kind]);
      const doc = await openapi();
      assert.deepEqual(schemaErrors(doc, 'WarningList', r.json), []);
      const k = await town.get('/api/v1/warnings?kind=file_incomplete&page_size=100');
      assert.ok(k.json.items.length > 0);
      assert.ok(k.json.items.every((x) => x.kind === 'file_incomplete'));
      const c = await town.get('/api/v1/warnings?state=closed&page_size=100');
      assert.ok(c.json.items.length > 0);
      assert.ok(c.json.items.every((x) => x.closed_at));
      let bad = await town.get('/api/v1/warnings?kind=weather');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.field, 'kind');
      bad = await town.get('/api/v1/warnings?state=dismissed');
      assert.equal(bad.json.error.field, 'state');
    });

    it('the summary counts what the inbox lists, per kind, in the caller\'s scope', async () => {
      for (const who of [director, town]) {
        const s = await who.get('/api/v1/warnings/summary');
        assert.equal(s.status, 200, s.text);
        assert.deepEqual(schemaErrors(await openapi(), 'WarningSummary', s.json), []);
        assert.deepEqual(s.json.by_kind.map((x) => x.kind), KIND_ORDER);
        assert.deepEqual(s.json.by_kind.map((x) => x.kind_name), Object.values(KIND_NAMES));
        assert.equal(s.json.by_kind.reduce((n, x) => n + x.count, 0), s.json.total);
        const l = await who.get('/api/v1/warnings?page_size=1');
        assert.equal(l.json.total, s.json.total);
        const e = await who.get('/api/v1/warnings?escalated=1&page_size=1');
        assert.equal(e.json.total, s.json.escalated);
        for (const kind of ['file_incomplete', 'newly_red']) {
          const k = await who.get(`/api/v1/warnings?kind=${kind}&page_size=1`);
          assert.equal(k.json.total, s.json.by_kind.find((x) => x.kind === kind).count, kind);
        }
        const red = await who.get('/api/v1/children?risk=red&status=active&page_size=1');
        if (red.status === 200) assert.equal(s.json.high_risk, red.json.total);
        assert.ok(s.json.high_risk >= 1, 'the child overridden to red');
        assert.equal(typeof s.json.overdue_problems, 'number');
      }
      const d = (await director.get('/api/v1/warnings/summary')).json;
      const t = (await town.get('/api/v1/warnings/summary')).json;
      assert.ok(t.total >= d.total);
      const sub = await town.get(`/api/v1/warnings/summary?region=${REGION.pingsuo}`);
      assert.equal(sub.json.total, d.total);
    });

    it('reading warnings is audited', async () => {
      const r = await auditor.get('/api/v1/audit-log?action=warning.list&page_size=100');
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.some((x) => x.username === 'director' && x.object_type === 'child'), r.text);
      assert.ok(r.json.items.some((x) => x.username === 'town' && x.object_type === 'warning'));
      assert.ok(r.json.items.every((x) => x.action_name === '查询预警'));
      const s = await auditor.get('/api/v1/audit-log?action=warning.summary&page_size=5');
      assert.ok(s.json.items.length > 0);
      assert.equal(s.json.items[0].action_name, '查看预警汇总');
      // the school's refused reads are there too
      const denied = await auditor.get('/api/v1/audit-log?username=school&outcome=denied&page_size=100');
      assert.ok(denied.json.items.some((x) => x.action.startsWith('warning.')), denied.text);
    });
  });
});
