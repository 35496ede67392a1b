// tests/http/visits.test.mjs — issue 4's records (docs/API.md "Visits — 走访"): a child director
// records contacts and home visits with the checklist; the visit is in the child's visit list and
// history and moves the schedule (R4: contact monthly, home visit quarterly, monthly for a
// disabled child, 003#9); a retried upload with the same client_id is stored once; a visit in the
// future or entered late without a reason is refused; a caregiver found neglecting opens a
// guardianship problem (000#5); data scope (404 outside the village, 403 for schools); problems
// with progress, resolution and the overdue list a town supervisor sees; care records with money
// in fen; the work log.
//
// Fixtures use the surnames 郝, 鄢 and 骆, which the demo children never use, and ID
// sequence numbers 900-999, which the demo leaves free.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION, todayCST } from '../lib/demo.mjs';
import { checkSchema } from '../lib/schema.mjs';

// ---- helpers: dates in China Standard Time, valid ID numbers ----
const TODAY = todayCST();
const pad = (n) => String(n).padStart(2, '0');
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const CST = 8 * 3600 * 1000;
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** DATE + N calendar months; a day the target month lacks becomes its last day. */
function addMonths(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const ty = Math.floor(t / 12);
  const tm = (t % 12) + 1;
  const last = [31, leap(ty) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][tm - 1];
  return `${ty}-${pad(tm)}-${pad(Math.min(d, last))}`;
}
function yearsBefore(n, date = TODAY) {
  const [y, m, d] = date.split('-').map(Number);
  return m === 2 && d === 29 && !leap(y - n) ? `${y - n}-02-28` : `${y - n}-${pad(m)}-${pad(d)}`;
}
/** The instant MS as ISO 8601 in CST with its offset, and its CST day. */
const isoCST = (ms) => `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;
const dayCST = (ms) => new Date(ms + CST).toISOString().slice(0, 10);
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (s17) => '10X98765432'[[...s17].reduce((s, c, i) => s + Number(c) * W[i], 0) % 11];
const issued = new Set();
function makeId(birth, male = true) {
  for (let s = 900 + (male ? 1 : 0); s < 1000; s += 2) {
    const n17 = `500241${birth.replaceAll('-', '')}${s}`;
    const id = n17 + checkChar(n17);
    if (!issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
  throw new Error(`no free sequence for ${birth}`);
}

let fixtures = 0;
/** A rural left-behind child of AGE in REGION; EXTRA overrides fields. */
function childBody(name, { region = REGION.pingsuo, age = 9, extra = {} } = {}) {
  fixtures += 1;
  const birth = addDays(yearsBefore(age), -(30 + fixtures * 11));
  const since = yearsBefore(2);
  return {
    name,
    id_number: makeId(birth, fixtures % 2 === 1),
    region_code: region,
    hukou_type: 'rural',
    school_stage: 'primary',
    schooling_status: 'in_school',
    school_name: '隘口镇中心小学',
    members: [
      { relation: 'father', name: `${name.slice(0, 1)}国强`, status: 'away', away_place: '广东省东莞市', outside_county: true, since },
      { relation: 'mother', name: '吴秀兰', status: 'away', away_place: '浙江省宁波市', outside_county: true, since },
    ],
    caregiver: { name: '杨桂芝', relation: '祖母', school_notified: true, village_notified: true, checks: [] },
    ...extra,
  };
}

/** A home visit body; OVER overrides fields. */
function visitBody(over = {}) {
  return {
    kind: 'home_visit',
    client_id: randomUUID(),
    occurred_at: isoCST(Date.now() - HOUR),
    met: '祖母杨桂芝',
    checklist: {
      living: { status: 'ok', note: '住房安全，饮食正常' },
      guardianship: { status: 'ok' },
      schooling: { status: 'ok', note: '按时上学' },
      health: { status: 'ok' },
      psychological: { status: 'concern', note: '想念父母，情绪低落' },
      safety: { status: 'concern', note: '院坝临水', hazards: ['water', 'falls'] },
      parents_contact: { status: 'ok', note: '每周视频一次' },
    },
    caregiver_capacity: 'adequate',
    notes: '已提醒注意防溺水',
    location: { lat: 28.456789, lng: 108.987654, at: isoCST(Date.now() - HOUR) },
    ...over,
  };
}


describe('visits: records and the schedule', () => {
  let srv;
  let director; // 平所村
  let county;
  let town; // 隘口镇
  let school;
  let police;
  const kids = {};
  before(async () => {
    srv = await startServer();
    director = await loginFresh(srv.url, 'director');
    county = await loginFresh(srv.url, 'county');
    town = await loginFresh(srv.url, 'town');
    school = await loginFresh(srv.url, 'school');
    police = await loginFresh(srv.url, 'police');
    const bodies = {
      A: childBody('郝小雨'),
      D: childBody('郝小川', { extra: { health: 'disabled', disability_kind: 'physical', disability_grade: 2 } }),
      C: childBody('鄢小燕'),
      X: childBody('骆小军', { region: REGION.xinyuan }),
    };
    for (const [k, body] of Object.entries(bodies)) {
      const c = k === 'X' ? county : director;
      const r = await c.post('/api/v1/children', body);
      assert.equal(r.status, 201, `${k}: ${r.text}`);
      kids[k] = r.json;
    }
  });
  after(async () => {
    await srv?.stop();
  });

  describe('a home visit by the director', () => {
    let visit;
    let body;
    before(async () => {
      body = visitBody();
      const r = await director.post(`/api/v1/children/${kids.A.id}/visits`, body);
      assert.equal(r.status, 201, r.text);
      visit = r.json;
    });

    it('is stored with its checklist, location and who visited', () => {
      assert.equal(visit.child_id, kids.A.id);
      assert.equal(visit.child_name, '郝小雨');
      assert.equal(visit.region_code, REGION.pingsuo);
      assert.equal(visit.kind, 'home_visit');
      assert.equal(visit.kind_name, '入户走访');
      assert.equal(visit.occurred_at, body.occurred_at);
      assert.equal(visit.occurred_on, dayCST(Date.now() - HOUR));
      assert.equal(visit.user_id, director.me.id);
      assert.equal(visit.user_name, '龙主任');
      assert.equal(visit.client_id, body.client_id);
      assert.equal(visit.met, '祖母杨桂芝');
      assert.deepEqual(visit.checklist.safety, { status: 'concern', note: '院坝临水', hazards: ['water', 'falls'] });
      assert.deepEqual(visit.checklist.guardianship, { status: 'ok', note: null });
      assert.equal(visit.checklist.psychological.status, 'concern');
      assert.equal(visit.caregiver_capacity, 'adequate');
      assert.equal(visit.late, false);
      assert.equal(visit.late_reason, null);
      assert.equal(visit.opened_problem_id, null);
      assert.ok(Math.abs(visit.location.lat - 28.456789) < 1e-9, JSON.stringify(visit.location));
      assert.ok(Math.abs(visit.location.lng - 108.987654) < 1e-9);
      assert.equal(visit.location.at, body.location.at);
    });

    it("appears in the child's visit list and by id", async () => {
      const l = await director.get(`/api/v1/children/${kids.A.id}/visits`);
      assert.equal(l.status, 200, l.text);
      assert.equal(l.json.total, 1);
      assert.equal(l.json.items[0].id, visit.id);
      const g = await director.get(`/api/v1/visits/${visit.id}`);
      assert.equal(g.status, 200, g.text);
      assert.deepEqual(g.json, Object.fromEntries(Object.entries(visit).filter(([k]) => k !== 'opened_problem_id')));
    });

    it("appears in the child's history", async () => {
      const h = await director.get(`/api/v1/children/${kids.A.id}/history`);
      assert.equal(h.status, 200, h.text);
      const e = h.json.find((x) => x.field === '入户走访');
      assert.ok(e, h.text);
      assert.match(e.new, new RegExp(`^${visit.occurred_on}`));
      assert.equal(e.username, 'director');
    });

    it('the schedule: next home visit 3 months later, next contact 1 month later', async () => {
      const r = await director.get(`/api/v1/children/${kids.A.id}/schedule`);
      assert.equal(r.status, 200, r.text);
      const s = r.json;
      assert.equal(s.child_id, kids.A.id);
      assert.equal(s.visit.last, visit.occurred_on);
      assert.equal(s.visit.due, addMonths(visit.occurred_on, 3));
      assert.equal(s.visit.basis, 'regular');
      assert.deepEqual(s.visit.interval, { months: 3, days: 0 });
      assert.equal(s.contact.last, visit.occurred_on);
      assert.equal(s.contact.due, addMonths(visit.occurred_on, 1));
      assert.equal(s.state, 'not_due');
      assert.deepEqual(s.conditions, []);
      // and in the list of the village
      const l = await director.get(`/api/v1/schedule?region=${REGION.pingsuo}&page_size=100&state=not_due`);
      assert.equal(l.status, 200, l.text);
      const item = l.json.items.find((x) => x.child_id === kids.A.id);
      assert.ok(item, 'child A in the not_due list');
      assert.deepEqual(item, s);
    });

    it('a disabled child: next home visit 1 month later (003#9)', async () => {
      const v = await director.post(`/api/v1/children/${kids.D.id}/visits`, visitBody());
      assert.equal(v.status, 201, v.text);
      const r = await director.get(`/api/v1/children/${kids.D.id}/schedule`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.conditions, ['child_disabled']);
      assert.equal(r.json.visit.due, addMonths(v.json.occurred_on, 1));
      assert.equal(r.json.visit.basis, 'fragile');
      assert.match(r.json.visit.reason, /003#9/);
    });
  });

  describe('the schedule list', () => {
    it('orders by urgency: overdue most days first, then due today and due soon', async () => {
      const r = await county.get('/api/v1/schedule?page_size=100');
      assert.equal(r.status, 200, r.text);
      const rank = (x) => x.days_left;
      for (let i = 1; i < r.json.items.length; i++) {
        assert.ok(rank(r.json.items[i - 1]) <= rank(r.json.items[i]), `order at ${i}`);
      }
      for (const x of r.json.items) {
        const s = x.days_left < 0 ? 'overdue' : x.days_left === 0 ? 'due_today' : null;
        if (s) assert.equal(x.state, s);
        assert.equal(x.days_left, Math.min(x.contact.days_left, x.visit.days_left));
      }
    });

    it('an overdue child: state overdue with days, and the filter finds it', async () => {
      // a visit four months ago (recorded late, with a reason): the home visit is overdue
      const at = Date.now() - 125 * DAY;
      const v = await director.post(
        `/api/v1/children/${kids.C.id}/visits`,
        visitBody({ occurred_at: isoCST(at), late_reason: '补录纸质走访记录', location: null }),
      );
      assert.equal(v.status, 201, v.text);
      assert.equal(v.json.late, true);
      const due = addMonths(dayCST(at), 3);
      const r = await director.get('/api/v1/schedule?state=overdue&page_size=100');
      assert.equal(r.status, 200, r.text);
      const item = r.json.items.find((x) => x.child_id === kids.C.id);
      assert.ok(item, r.text);
      assert.equal(item.state, 'overdue');
      assert.equal(item.visit.due, due);
      assert.equal(item.visit.state, 'overdue');
      const days = Math.round((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / DAY);
      assert.equal(item.visit.days_overdue, days);
      assert.ok(r.json.items.every((x) => x.state === 'overdue'));
    });

    it('refuses an unknown state and a region outside the scope', async () => {
      let r = await director.get('/api/v1/schedule?state=soon');
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'state');
      r = await director.get(`/api/v1/schedule?region=${REGION.xinyuan}`);
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'region');
    });
  });

  describe('rules of a visit', () => {
    it('a retried POST with the same client_id stores one (200 with the stored record)', async () => {
      const body = visitBody({ kind: 'phone_video', location: null, caregiver_capacity: null });
      const a = await director.post(`/api/v1/children/${kids.C.id}/visits`, body);
      assert.equal(a.status, 201, a.text);
      const b = await director.post(`/api/v1/children/${kids.C.id}/visits`, body);
      assert.equal(b.status, 200, b.text);
      assert.equal(b.json.id, a.json.id);
      const c = await director.post(`/api/v1/children/${kids.C.id}/visits`, { ...body, notes: 'changed in between' });
      assert.equal(c.status, 200, c.text);
      assert.equal(c.json.notes, a.json.notes);
      const l = await director.get(`/api/v1/children/${kids.C.id}/visits?page_size=100`);
      assert.equal(l.json.items.filter((x) => x.client_id === body.client_id).length, 1);
      // the same client_id on another child is a conflict, not a silent answer
      const d = await director.post(`/api/v1/children/${kids.A.id}/visits`, body);
      assert.equal(d.status, 409, d.text);
    });

    it('concurrent retries store one', async () => {
      const body = visitBody({ kind: 'phone_video', location: null });
      const rs = await Promise.all([1, 2, 3, 4].map(() => director.post(`/api/v1/children/${kids.C.id}/visits`, body)));
      assert.deepEqual(rs.map((r) => r.status).sort(), [200, 200, 200, 201], rs.map((r) => r.text).join('\n'));
      assert.equal(new Set(rs.map((r) => r.json.id)).size, 1);
    });

    it('a visit in the future: 400 occurred_at', async () => {
      const r = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ occurred_at: isoCST(Date.now() + DAY) }));
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'occurred_at');
    });

    it('a visit entered more than 3 days late needs late_reason and is flagged late', async () => {
      const at = isoCST(Date.now() - 5 * DAY);
      const r = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ occurred_at: at }));
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'late_reason');
      assert.match(r.json.error.message, /3天/);
      const ok = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ occurred_at: at, late_reason: '山区无信号，返回后补录' }));
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.late, true);
      assert.equal(ok.json.late_reason, '山区无信号，返回后补录');
      const recent = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ occurred_at: isoCST(Date.now() - 2 * DAY) }));
      assert.equal(recent.status, 201, recent.text);
      assert.equal(recent.json.late, false);
    });

    it('the county setting visit_late_days moves the limit', async () => {
      const at = isoCST(Date.now() - 5 * DAY);
      const { county: _c, defaults, ...current } = (await county.get('/api/v1/settings/visits')).json;
      const put = await county.put('/api/v1/settings/visits', { ...current, visit_late_days: 7 });
      assert.equal(put.status, 200, put.text);
      try {
        const r = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ occurred_at: at, kind: 'phone_video' }));
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.late, false);
      } finally {
        const back = await county.put('/api/v1/settings/visits', defaults);
        assert.equal(back.status, 200, back.text);
      }
    });

    it('the town supervisor lists late entries in its town', async () => {
      const r = await town.get(`/api/v1/visits?late=1&region=${REGION.aikou}&page_size=100`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.total >= 2, r.text);
      assert.ok(r.json.items.every((x) => x.late === true && x.late_reason));
      assert.ok(r.json.items.some((x) => x.child_id === kids.C.id));
      const mine = await director.get(`/api/v1/visits?user=${director.me.id}&kind=home_visit&from=${TODAY}&to=${TODAY}&page_size=100`);
      assert.equal(mine.status, 200, mine.text);
      assert.ok(mine.json.items.every((x) => x.user_id === director.me.id && x.kind === 'home_visit' && x.occurred_on === TODAY));
      const bad = await director.get('/api/v1/visits?kind=letter');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.field, 'kind');
    });

    it('field checks: kind, client_id, occurred_at format, checklist, unknown fields', async () => {
      const cases = [
        [{ kind: 'letter' }, 'kind'],
        [{ client_id: 'not-a-uuid' }, 'client_id'],
        [{ occurred_at: '2026-11-20 10:00' }, 'occurred_at'],
        [{ occurred_at: '2026-11-20T10:00:00' }, 'occurred_at'],
        [{ checklist: { living: { status: 'fine' } } }, 'checklist.living.status'],
        [{ checklist: { weather: { status: 'ok' } } }, 'checklist.weather'],
        [{ checklist: { safety: { status: 'concern', hazards: ['snakes'] } } }, 'checklist.safety.hazards'],
        [{ caregiver_capacity: 'poor' }, 'caregiver_capacity'],
        [{ location: { lat: 95, lng: 100 } }, 'location'],
        [{ colour: 'red' }, 'colour'],
      ];
      for (const [over, field] of cases) {
        const r = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody(over));
        assert.equal(r.status, 400, `${JSON.stringify(over)}: ${r.text}`);
        assert.equal(r.json.error.field, field, JSON.stringify(over));
        assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
      }
      const r = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ occurred_at: '2026-01-05T02:00:00Z' }));
      if (r.status === 201) assert.equal(r.json.occurred_at, '2026-01-05T10:00:00+08:00');
      else assert.equal(r.json.error.field, 'late_reason');
    });

    it('a caregiver found neglecting opens a guardianship problem (000#5)', async () => {
      const r = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ caregiver_capacity: 'neglecting' }));
      assert.equal(r.status, 201, r.text);
      const pid = r.json.opened_problem_id;
      assert.equal(typeof pid, 'number', r.text);
      const p = await director.get(`/api/v1/problems/${pid}`);
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.category, 'guardianship_gap');
      assert.equal(p.json.state, 'open');
      assert.equal(p.json.visit_id, r.json.id);
      assert.equal(p.json.child_id, kids.C.id);
      assert.equal(p.json.assignee_user_id, director.me.id);
      assert.match(p.json.description, /怠于履行照护职责/);
      assert.match(p.json.description, /告知其父母/);
      assert.equal(p.json.deadline, addDays(TODAY, 7));
      assert.deepEqual(p.json.notes, []);
      const l = await director.get(`/api/v1/children/${kids.C.id}/problems`);
      assert.ok(l.json.items.some((x) => x.id === pid), l.text);
      const h = await director.get(`/api/v1/children/${kids.C.id}/history`);
      assert.ok(h.json.some((x) => x.field === '发现问题'), h.text);
      // lacking too; adequate does not
      const lacking = await director.post(`/api/v1/children/${kids.C.id}/visits`, visitBody({ caregiver_capacity: 'lacking' }));
      assert.equal(typeof lacking.json.opened_problem_id, 'number');
    });
  });

  describe('scope', () => {
    let xVisit;
    before(async () => {
      const r = await county.post(`/api/v1/children/${kids.X.id}/visits`, visitBody());
      assert.equal(r.status, 201, r.text);
      xVisit = r.json;
    });

    it("a visit on a child outside the director's village: 404", async () => {
      const r = await director.post(`/api/v1/children/${kids.X.id}/visits`, visitBody());
      assert.equal(r.status, 404, r.text);
      for (const p of [`/api/v1/children/${kids.X.id}/visits`, `/api/v1/visits/${xVisit.id}`, `/api/v1/children/${kids.X.id}/schedule`, `/api/v1/children/${kids.X.id}/problems`]) {
        const g = await director.get(p);
        assert.equal(g.status, 404, `${p}: ${g.text}`);
      }
      const s = await director.get('/api/v1/schedule?page_size=100');
      assert.ok(!s.json.items.some((x) => x.child_id === kids.X.id));
      assert.ok(s.json.items.every((x) => x.region_code === REGION.pingsuo));
    });

    it('the town supervisor sees both villages', async () => {
      const r = await town.get(`/api/v1/visits/${xVisit.id}`);
      assert.equal(r.status, 200, r.text);
      const s = await town.get(`/api/v1/children/${kids.X.id}/schedule`);
      assert.equal(s.status, 200, s.text);
    });

    it('schools and departments do not read visits, problems, work logs or the schedule', async () => {
      for (const c of [school, police]) {
        for (const p of [`/api/v1/children/${kids.A.id}/visits`, '/api/v1/schedule', '/api/v1/problems', '/api/v1/work-logs']) {
          const r = await c.get(p);
          assert.equal(r.status, 403, `${p}: ${r.text}`);
        }
        const w = await c.post(`/api/v1/children/${kids.A.id}/visits`, visitBody());
        assert.equal(w.status, 403, w.text);
      }
    });
  });

  describe('problems', () => {
    let prob;
    before(async () => {
      const r = await director.post(`/api/v1/children/${kids.A.id}/problems`, {
        category: 'return_to_school',
        description: '已连续两周未到校',
        deadline: TODAY,
        assignee_user_id: town.me.id,
      });
      assert.equal(r.status, 201, r.text);
      prob = r.json;
    });

    it('is raised directly with a category, assignee and deadline', () => {
      assert.equal(prob.category_name, '控辍保学');
      assert.equal(prob.assignee_user_id, town.me.id);
      assert.equal(prob.assignee_user_name, town.me.display_name);
      assert.equal(prob.state, 'open');
      assert.equal(prob.overdue, false);
      assert.equal(prob.visit_id, null);
    });

    it('refuses a past deadline, an unknown category, an assignee outside the county', async () => {
      let r = await director.post(`/api/v1/children/${kids.A.id}/problems`, { category: 'other', description: 'x', deadline: addDays(TODAY, -1) });
      assert.equal(r.json.error.field, 'deadline');
      r = await director.post(`/api/v1/children/${kids.A.id}/problems`, { category: 'weather', description: 'x' });
      assert.equal(r.json.error.field, 'category');
      r = await director.post(`/api/v1/children/${kids.A.id}/problems`, { category: 'other', description: 'x', assignee_user_id: 999999 });
      assert.equal(r.json.error.field, 'assignee_user_id');
      r = await director.post(`/api/v1/children/${kids.X.id}/problems`, { category: 'other', description: 'x' });
      assert.equal(r.status, 404);
    });

    it('past its deadline it is listed as overdue to the town supervisor', async () => {
      await srv.sql(`UPDATE problems SET deadline = '${addDays(TODAY, -2)}' WHERE id = ${prob.id}`);
      const r = await town.get(`/api/v1/problems?overdue=1&region=${REGION.aikou}&page_size=100`);
      assert.equal(r.status, 200, r.text);
      const item = r.json.items.find((x) => x.id === prob.id);
      assert.ok(item, r.text);
      assert.equal(item.overdue, true);
      assert.equal(item.days_overdue, 2);
      assert.ok(r.json.items.every((x) => x.overdue && x.state === 'open'));
      // the assignee finds it among its open problems
      const mine = await town.get(`/api/v1/problems?assignee=${town.me.id}&state=open`);
      assert.deepEqual(mine.json.items.map((x) => x.id), [prob.id]);
      // not overdue problems are not in that list
      const open = await town.get('/api/v1/problems?state=open&page_size=100');
      assert.ok(open.json.total >= r.json.total);
    });

    it('progress notes are appended; the resolution closes it', async () => {
      let r = await director.post(`/api/v1/problems/${prob.id}/notes`, { note: '已联系学校和家长' });
      assert.equal(r.status, 200, r.text);
      r = await town.post(`/api/v1/problems/${prob.id}/notes`, { note: '镇教办已介入' });
      assert.equal(r.status, 200, r.text);
      // the first write after the deadline passed escalated it (problem_escalate_days 0): the
      // system's note follows the director's
      assert.deepEqual(r.json.notes.map((n) => [n.username, n.note]), [
        ['director', '已联系学校和家长'],
        ['系统', '已逾期升级至乡镇督导员'],
        ['town', '镇教办已介入'],
      ]);
      r = await director.post(`/api/v1/problems/${prob.id}/resolve`, { resolution: '已返校就读' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.state, 'resolved');
      assert.equal(r.json.resolution, '已返校就读');
      assert.equal(r.json.overdue, false);
      r = await director.post(`/api/v1/problems/${prob.id}/resolve`, { resolution: 'again' });
      assert.equal(r.status, 409, r.text);
      const l = await town.get('/api/v1/problems?overdue=1&page_size=100');
      assert.ok(!l.json.items.some((x) => x.id === prob.id));
      const h = await director.get(`/api/v1/children/${kids.A.id}/history`);
      assert.ok(h.json.some((x) => x.field === '问题解决'), h.text);
    });
  });

  describe('care records', () => {
    it('money round trip in fen', async () => {
      const orgs = await county.get(`/api/v1/orgs?q=${encodeURIComponent('公安')}`);
      const org = orgs.json.items[0];
      let r = await director.post(`/api/v1/children/${kids.A.id}/care`, {
        kind: 'financial',
        provider_org_id: org.id,
        date: TODAY,
        content: '临时救助金',
        money: '1234.50',
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.money, '1234.50');
      assert.equal(r.json.money_fen, 123450);
      assert.equal(r.json.provider_org_name, org.name);
      r = await director.post(`/api/v1/children/${kids.A.id}/care`, { kind: 'material', provider: '爱心人士王女士', date: addDays(TODAY, -3), content: '冬衣两套', money: 99.99, goods: '羽绒服2件' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.money_fen, 9999);
      assert.equal(r.json.money, '99.99');
      for (const money of ['1.234', '-5', 'abc', 0.001]) {
        const bad = await director.post(`/api/v1/children/${kids.A.id}/care`, { kind: 'financial', provider: 'x', date: TODAY, content: 'x', money });
        assert.equal(bad.status, 400, `${money}: ${bad.text}`);
        assert.equal(bad.json.error.field, 'money');
      }
      const l = await director.get(`/api/v1/children/${kids.A.id}/care`);
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items.map((x) => x.money), ['1234.50', '99.99']);
      // departments read care records inside their child scope; not outside the director's
      const p = await police.get(`/api/v1/children/${kids.A.id}/care`);
      assert.equal(p.status, 200, p.text);
      assert.equal((await director.get(`/api/v1/children/${kids.X.id}/care`)).status, 404);
      const h = await director.get(`/api/v1/children/${kids.A.id}/history`);
      assert.ok(h.json.some((x) => x.field === '关爱帮扶'), h.text);
    });
  });

  describe('work log', () => {
    it('dated entries linked to children in scope', async () => {
      let r = await director.post('/api/v1/work-logs', { date: TODAY, content: '走访平所村3户，召开家长会', child_ids: [kids.A.id, kids.C.id] });
      assert.equal(r.status, 201, r.text);
      const log = r.json;
      assert.equal(log.user_id, director.me.id);
      assert.deepEqual(log.children.map((c) => c.name), ['郝小雨', '鄢小燕']);
      r = await director.post('/api/v1/work-logs', { date: TODAY, content: 'x', child_ids: [kids.X.id] });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'child_ids[0]');
      r = await director.post('/api/v1/work-logs', { date: addDays(TODAY, 1), content: 'x' });
      assert.equal(r.json.error.field, 'date');
      const mine = await director.get(`/api/v1/work-logs?from=${TODAY}&to=${TODAY}`);
      assert.equal(mine.status, 200, mine.text);
      assert.deepEqual(mine.json.items.map((x) => x.id), [log.id]);
      const t = await town.get(`/api/v1/work-logs?user=${director.me.id}`);
      assert.ok(t.json.items.some((x) => x.id === log.id), t.text);
      const other = await county.post('/api/v1/work-logs', { date: TODAY, content: '县级督导' });
      assert.equal(other.status, 201, other.text);
      const d = await director.get('/api/v1/work-logs');
      assert.ok(!d.json.items.some((x) => x.id === other.json.id), 'a county log is outside the village');
    });
  });

  it('every write is in the audit trail', async () => {
    const auditor = await loginFresh(srv.url, 'auditor');
    for (const action of ['visit.create', 'problem.create', 'problem.resolve', 'care.create', 'work_log.create', 'schedule.list']) {
      const r = await auditor.get(`/api/v1/audit-log?action=${action}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.total > 0, action);
      assert.ok(r.json.items[0].action_name, action);
    }
    const v = await auditor.get('/api/v1/audit-log/verify');
    assert.equal(v.json.ok, true, v.text);
  });

  it('answers match their schemas in openapi.json', async () => {
    const openapi = (await county.get('/api/v1/openapi.json')).json;
    const samples = [
      ['VisitList', (await director.get(`/api/v1/children/${kids.C.id}/visits?page_size=100`)).json],
      ['ProblemList', (await county.get('/api/v1/problems?page_size=100')).json],
      ['CareList', (await director.get(`/api/v1/children/${kids.A.id}/care`)).json],
      ['WorkLogList', (await town.get('/api/v1/work-logs')).json],
      ['ScheduleList', (await director.get('/api/v1/schedule?page_size=100')).json],
      ['ScheduleEntry', (await director.get(`/api/v1/children/${kids.A.id}/schedule`)).json],
      ['VisitDicts', (await director.get('/api/v1/visit-dicts')).json],
    ];
    const p = (await director.get('/api/v1/problems?page_size=1')).json.items[0];
    samples.push(['Problem', (await director.get(`/api/v1/problems/${p.id}`)).json]);
    const v = await director.post(`/api/v1/children/${kids.A.id}/visits`, visitBody({ caregiver_capacity: 'lacking' }));
    samples.push(['Visit', v.json]);
    for (const [name, value] of samples) {
      assert.ok(value, name);
      const errors = checkSchema(openapi, { $ref: `#/components/schemas/${name}` }, value);
      assert.deepEqual(errors, [], `${name}: ${errors.join('; ')}`);
    }
  });

  it('the code lists', async () => {
    const r = await director.get('/api/v1/visit-dicts');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.checklist.map((x) => x.code), ['living', 'guardianship', 'schooling', 'health', 'psychological', 'safety', 'parents_contact']);
    assert.deepEqual(r.json.visit_kinds.map((x) => x.code), ['phone_video', 'home_visit', 'school_visit']);
    assert.equal(r.json.problem_categories.length, 8);
  });
});
