// tests/http/settings-visits.test.mjs — the county settings for visits and warnings (走访与预警设置,
// docs/API.md "County settings for visits"): the defaults a county starts with; who reads them
// (the county's caseworkers, a town or village user its own county's) and who changes them (县级
// 民政 only); every limit refused with the field named; a saved change applies to the next visit
// at once and to every child of the county at the sweep the server starts right after saving —
// longer home visit intervals move the stored due days, lower thresholds raise risk levels (kept
// in the risk history with cause `settings`), a longer "due soon" horizon changes the states.
//
// Fixtures use the surnames 郝, 鄢 and 骆, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, sleep } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, childBody, visitBody } from '../lib/fixtures.mjs';

const pad = (n) => String(n).padStart(2, '0');
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** DATE + N calendar months; a day the target month lacks becomes its last day. */
function addMonths(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const ty = Math.floor(t / 12);
  const tm = (t % 12) + 1;
  const last = [31, leap(ty) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][tm - 1];
  return `${ty}-${pad(tm)}-${pad(Math.min(d, last))}`;
}

/** Poll FN (async) until it returns a truthy value; the last value otherwise (20 s at most). */
async function eventually(fn) {
  let v;
  for (let i = 0; i < 100; i++) {
    v = await fn();
    if (v) return v;
    await sleep(200);
  }
  return v;
}

const DEFAULTS = {
  contact: { months: 1, days: 0 },
  visit: { months: 3, days: 0 },
  fragile_contact: { months: 1, days: 0 },
  fragile_visit: { months: 1, days: 0 },
  orange_contact: { months: 1, days: 0 },
  orange_visit: { months: 1, days: 0 },
  red_contact: { months: 0, days: 14 },
  red_visit: { months: 1, days: 0 },
  first_visit_days: 15,
  due_soon_days: 7,
  visit_late_days: 3,
  high_risk_no_visit_days: 30,
  turning_warn_days: 30,
  problem_escalate_days: 0,
  risk: { red: 60, orange: 40, yellow: 20 },
};

describe('county settings for visits', () => {
  let srv;
  let county;
  let town;
  let director;
  let school;
  let police;
  let secadmin;
  const kids = {};
  before(async () => {
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    town = await loginFresh(srv.url, 'town');
    director = await loginFresh(srv.url, 'director');
    school = await loginFresh(srv.url, 'school');
    police = await loginFresh(srv.url, 'police');
    secadmin = await loginFresh(srv.url, 'secadmin');
    const bodies = {
      // visited at home today: next home visit in 3 months by default
      V: childBody('郝小林', { region: REGION.pingsuo }),
      // disabled (10 points): 绿 by default
      T: childBody('鄢小亮', { region: REGION.pingsuo, extra: { health: 'disabled', disability_kind: 'physical', disability_grade: 3 } }),
      // registered today, never visited: first home visit within 15 days
      N: childBody('骆小飞', { region: REGION.pingsuo }),
    };
    for (const [k, body] of Object.entries(bodies)) {
      const r = await director.post('/api/v1/children', body);
      assert.equal(r.status, 201, `${k}: ${r.text}`);
      kids[k] = r.json;
    }
    const v = await director.post(`/api/v1/children/${kids.V.id}/visits`, visitBody());
    assert.equal(v.status, 201, v.text);
    kids.V.visited_on = v.json.occurred_on;
  });
  after(async () => {
    await srv?.stop();
  });

  it('a county starts with the defaults, which are also shown next to its own values', async () => {
    const r = await county.get('/api/v1/settings/visits');
    assert.equal(r.status, 200, r.text);
    const { county: c, defaults, ...values } = r.json;
    assert.deepEqual(c, { code: REGION.xiushan, name: '秀山土家族苗族自治县' });
    assert.deepEqual(values, DEFAULTS);
    assert.deepEqual(defaults, DEFAULTS);
  });

  it('the caseworkers of the county read them: a town or village user its own county', async () => {
    for (const c of [town, director]) {
      const r = await c.get('/api/v1/settings/visits');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.county.code, REGION.xiushan);
      const q = await c.get(`/api/v1/settings/visits?county=${REGION.xiushan}`);
      assert.equal(q.status, 200, q.text);
    }
    for (const c of [school, police, secadmin]) {
      const r = await c.get('/api/v1/settings/visits');
      assert.equal(r.status, 403, r.text);
    }
    // another county, or a code that is not a county
    for (const code of ['500242000000', REGION.aikou, 'x']) {
      const r = await county.get(`/api/v1/settings/visits?county=${code}`);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'county');
    }
  });

  it('only county staff change them', async () => {
    for (const c of [town, director, school]) {
      const r = await c.put('/api/v1/settings/visits', DEFAULTS);
      assert.equal(r.status, 403, r.text);
    }
  });

  it('every limit is refused with the field named', async () => {
    const cases = [
      [{ red_visit: { months: 0, days: 0 } }, 'red_visit.days'],
      [{ contact: { months: 25, days: 0 } }, 'contact.months'],
      [{ visit: { months: 0, days: 367 } }, 'visit.days'],
      [{ fragile_contact: { months: -1, days: 0 } }, 'fragile_contact.months'],
      [{ first_visit_days: 366 }, 'first_visit_days'],
      [{ due_soon_days: 91 }, 'due_soon_days'],
      [{ visit_late_days: 61 }, 'visit_late_days'],
      [{ high_risk_no_visit_days: 0 }, 'high_risk_no_visit_days'],
      [{ turning_warn_days: 181 }, 'turning_warn_days'],
      [{ problem_escalate_days: 91 }, 'problem_escalate_days'],
      [{ risk: { red: 60, orange: 20, yellow: 20 } }, 'risk.orange'],
      [{ risk: { red: 40, orange: 40, yellow: 20 } }, 'risk.red'],
      [{ risk: { red: 1001, orange: 40, yellow: 20 } }, 'risk.red'],
      [{ risk: { red: 60, orange: 40, yellow: 0 } }, 'risk.yellow'],
      [{ risk: { red: 60, orange: 40 } }, 'risk.yellow'],
      [{ contact: { months: 1 } }, 'contact.days'],
      [{ contact: { months: 1, days: 0, weeks: 2 } }, 'contact.weeks'],
      [{ due_soon_days: '7' }, 'due_soon_days'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [over, field] of cases) {
      const r = await county.put('/api/v1/settings/visits', { ...DEFAULTS, ...over });
      assert.equal(r.status, 400, `${JSON.stringify(over)}: ${r.text}`);
      assert.equal(r.json.error.field, field, `${JSON.stringify(over)}: ${r.text}`);
      assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
    }
    const { risk, ...noRisk } = DEFAULTS;
    const r = await county.put('/api/v1/settings/visits', noRisk);
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'risk');
    // nothing was saved
    const g = await county.get('/api/v1/settings/visits');
    const { county: _c, defaults: _d, ...values } = g.json;
    assert.deepEqual(values, DEFAULTS);
  });

  describe('a saved change', () => {
    const changed = {
      ...DEFAULTS,
      visit: { months: 2, days: 0 },
      due_soon_days: 20,
      risk: { red: 60, orange: 40, yellow: 10 },
    };
    before(async () => {
      const s = await director.get(`/api/v1/children/${kids.V.id}/schedule`);
      assert.equal(s.json.visit.due, addMonths(kids.V.visited_on, 3));
      const k = await director.get(`/api/v1/children/${kids.T.id}/risk`);
      assert.equal(k.json.level, 'green');
      const n = await director.get(`/api/v1/children/${kids.N.id}/schedule`);
      assert.equal(n.json.visit.due, addDays(TODAY, 15));
      assert.equal(n.json.state, 'not_due');
      const r = await county.put('/api/v1/settings/visits', changed);
      assert.equal(r.status, 200, r.text);
      const { county: c, defaults, ...values } = r.json;
      assert.equal(c.code, REGION.xiushan);
      assert.deepEqual(values, changed);
      assert.deepEqual(defaults, DEFAULTS);
    });

    it('is read back, and audited', async () => {
      const r = await director.get('/api/v1/settings/visits');
      const { county: _c, defaults: _d, ...values } = r.json;
      assert.deepEqual(values, changed);
      const auditor = await loginFresh(srv.url, 'auditor');
      const a = await auditor.get('/api/v1/audit-log?action=settings.visits&page_size=5');
      assert.equal(a.status, 200, a.text);
      assert.ok(a.json.items.some((x) => x.outcome === 'success' && x.object_id === REGION.xiushan), a.text);
      assert.match(a.json.items[0].action_name, /[\u4e00-\u9fff]/);
      const d = await auditor.get('/api/v1/audit-log?action=settings.visits&outcome=denied&page_size=5');
      assert.ok(d.json.total >= 3, 'the town supervisor, the director and the school were refused');
      const f = await auditor.get('/api/v1/audit-log?action=settings.visits&outcome=failure&page_size=5');
      assert.ok(f.json.total >= 14, 'every value out of its limits');
    });

    it('applies to the next visit at once', async () => {
      const v = await director.post(`/api/v1/children/${kids.N.id}/visits`, visitBody());
      assert.equal(v.status, 201, v.text);
      const s = await director.get(`/api/v1/children/${kids.N.id}/schedule`);
      assert.equal(s.json.visit.due, addMonths(v.json.occurred_on, 2));
      assert.deepEqual(s.json.visit.interval, { months: 2, days: 0 });
      assert.match(s.json.visit.reason, /县级设置/);
    });

    it("moves every child's stored due days at the sweep it starts", async () => {
      const due = addMonths(kids.V.visited_on, 2);
      const s = await eventually(async () => {
        const r = (await director.get(`/api/v1/children/${kids.V.id}/schedule`)).json;
        return r.visit.due === due && r;
      });
      assert.ok(s, 'the home visit is due 2 months after the last one');
      // and the list reads the stored day: due on or before that day
      const l = await director.get(`/api/v1/schedule?due_before=${due}&page_size=100`);
      assert.ok(l.json.items.some((x) => x.child_id === kids.V.id), l.text);
    });

    it('raises risk levels under the new thresholds, with cause settings', async () => {
      const k = await eventually(async () => {
        const r = (await director.get(`/api/v1/children/${kids.T.id}/risk`)).json;
        return r.level === 'yellow' && r;
      });
      assert.ok(k, 'disabled (10 points) is 黄 from 10 points');
      assert.deepEqual(k.thresholds, changed.risk);
      const h = await director.get(`/api/v1/children/${kids.T.id}/risk/history`);
      const [top] = h.json.items;
      assert.equal(top.cause, 'settings');
      assert.equal(top.cause_name, '县级设置变更');
      assert.equal(top.from, 'green');
      assert.equal(top.to, 'yellow');
    });

    it('a longer due-soon horizon: a first visit 15 days away is due soon', async () => {
      const m = await director.post('/api/v1/children', childBody('郝小云', { region: REGION.pingsuo }));
      assert.equal(m.status, 201, m.text);
      const s = await director.get(`/api/v1/children/${m.json.id}/schedule`);
      assert.equal(s.json.visit.due, addDays(TODAY, 15));
      assert.equal(s.json.state, 'due_soon');
      const l = await director.get('/api/v1/schedule?state=due_soon&page_size=100');
      assert.ok(l.json.items.some((x) => x.child_id === m.json.id), l.text);
      assert.ok(l.json.items.every((x) => x.state === 'due_soon'));
    });
  });
});
