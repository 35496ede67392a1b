// tests/http/schedule-stored.test.mjs — the schedule read from the due days stored with each child
// (docs/API.md "Standing"): a visit moves the child's next due day and its place in the list at
// once; a parent with a severe disability makes the home visit monthly (003#9); the state filter,
// `due_before` and real paging with a total; leaving care takes a child off the schedule and
// coming back puts it on again; every entry carries the risk level; the answers match openapi.json;
// the schedule is the caseworkers' (a school 403) and scoped (another village 404).
//
// Fixtures use the surnames 郝, 鄢 and 骆, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, sleep } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { schemaErrors } from '../lib/schema.mjs';
import { TODAY, DAY, addDays, isoCST, yearsBefore, makeId, childBody, visitBody } from '../lib/fixtures.mjs';

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

describe('the schedule from stored due days', () => {
  let srv;
  let county;
  let town;
  let director; // 平所村
  let school;
  const kids = {};
  const village = REGION.pingsuo;
  before(async () => {
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    town = await loginFresh(srv.url, 'town');
    director = await loginFresh(srv.url, 'director');
    school = await loginFresh(srv.url, 'school');
    const since = yearsBefore(3);
    const bodies = {
      N1: childBody('郝小宁', { region: village }),
      N2: childBody('郝小安', { region: village }),
      // the father lives at home with a severe disability (003#9)
      P: childBody('鄢小雨', {
        region: village,
        extra: {
          members: [
            { relation: 'father', name: '鄢国富', status: 'severe_disability', disability_kind: 'physical', disability_grade: 1 },
            { relation: 'mother', name: '吴秀兰', status: 'away', away_place: '浙江省宁波市', outside_county: true, since },
          ],
        },
      }),
      O: childBody('骆小东', { region: village }),
      X: childBody('骆小西', { region: REGION.xinyuan }),
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

  const list = async (c, q) => {
    const r = await c.get(`/api/v1/schedule?${q}`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const position = (items, id) => items.findIndex((x) => x.child_id === id);

  it('new registrations: first home visit due within 15 days, in the order of the due day then id', async () => {
    const l = await list(director, `region=${village}&due_before=${addDays(TODAY, 15)}&page_size=100`);
    for (const k of ['N1', 'N2']) {
      const e = l.items.find((x) => x.child_id === kids[k].id);
      assert.ok(e, k);
      assert.equal(e.visit.due, addDays(TODAY, 15));
      assert.equal(e.visit.basis, 'first');
      assert.equal(e.state, 'not_due');
      assert.equal(e.risk_level, 'green');
      assert.equal(e.risk_level_name, '绿');
    }
    assert.ok(position(l.items, kids.N1.id) < position(l.items, kids.N2.id));
  });

  it('a visit moves the next due day and the place in the list at once', async () => {
    const v = await director.post(`/api/v1/children/${kids.N1.id}/visits`, visitBody());
    assert.equal(v.status, 201, v.text);
    const on = v.json.occurred_on;
    const s = (await director.get(`/api/v1/children/${kids.N1.id}/schedule`)).json;
    assert.equal(s.contact.due, addMonths(on, 1));
    assert.equal(s.visit.due, addMonths(on, 3));
    assert.equal(s.days_left, Math.round((Date.parse(addMonths(on, 1)) - Date.parse(TODAY)) / DAY));
    const l = await list(director, `region=${village}&page_size=100&page=1`);
    const all = [];
    for (let page = 1; ; page++) {
      const p = await list(director, `region=${village}&page_size=100&page=${page}`);
      all.push(...p.items);
      if (all.length >= p.total || p.items.length === 0) break;
    }
    assert.ok(position(all, kids.N2.id) < position(all, kids.N1.id), 'N2 (due in 15 days) before N1 (due in a month)');
    // most urgent first: the days left never decrease
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].days_left <= all[i].days_left, `order at ${i}`);
    assert.equal(all.length, l.total);
    // no longer due within 15 days
    const soon = await list(director, `region=${village}&due_before=${addDays(TODAY, 15)}&page_size=100`);
    assert.ok(!soon.items.some((x) => x.child_id === kids.N1.id));
    assert.ok(soon.items.some((x) => x.child_id === kids.N2.id));
    assert.ok(soon.items.every((x) => x.contact.due <= addDays(TODAY, 15) || x.visit.due <= addDays(TODAY, 15)));
  });

  it('a parent with a severe disability: a home visit every month (003#9)', async () => {
    const v = await director.post(`/api/v1/children/${kids.P.id}/visits`, visitBody());
    assert.equal(v.status, 201, v.text);
    const s = (await director.get(`/api/v1/children/${kids.P.id}/schedule`)).json;
    assert.deepEqual(s.conditions, ['parent_severe_disability']);
    assert.equal(s.visit.due, addMonths(v.json.occurred_on, 1));
    assert.equal(s.visit.basis, 'fragile');
    assert.match(s.visit.reason, /父母一方或双方严重身体或智力残疾/);
  });

  it('an overdue child: in the overdue list, most days overdue first', async () => {
    const at = Date.now() - 125 * DAY;
    const v = await director.post(
      `/api/v1/children/${kids.O.id}/visits`,
      visitBody({ occurred_at: isoCST(at), late_reason: '补录纸质走访记录' }),
    );
    assert.equal(v.status, 201, v.text);
    const l = await list(town, `region=${REGION.aikou}&state=overdue&page_size=100`);
    const e = l.items.find((x) => x.child_id === kids.O.id);
    assert.ok(e, JSON.stringify(l).slice(0, 400));
    assert.equal(e.state, 'overdue');
    assert.equal(e.visit.state, 'overdue');
    assert.ok(e.days_left < -30);
    assert.ok(l.items.every((x) => x.state === 'overdue' && x.days_left < 0));
    for (let i = 1; i < l.items.length; i++) assert.ok(l.items[i - 1].days_left <= l.items[i].days_left);
    // more than 30 days late: the grading counts it (入户走访逾期超过30天 20 + 联系逾期超过30天 10)
    const k = (await director.get(`/api/v1/children/${kids.O.id}/risk`)).json;
    assert.ok(k.factors.some((f) => f.code === 'visit_overdue_long' && f.value === -e.visit.days_left), JSON.stringify(k));
    assert.equal(e.risk_level, k.level);
    // the other states exclude it
    for (const st of ['due_today', 'due_soon', 'not_due']) {
      const o = await list(director, `state=${st}&page_size=100`);
      assert.ok(!o.items.some((x) => x.child_id === kids.O.id), st);
      assert.ok(o.items.every((x) => x.state === st), st);
    }
  });

  it('pages through the whole scope with a total', async () => {
    const first = await list(county, 'page_size=50');
    assert.ok(first.total > 4000, `the demo county's children: ${first.total}`);
    const last = Math.ceil(first.total / 50);
    const end = await list(county, `page_size=50&page=${last}`);
    assert.equal(end.total, first.total);
    assert.equal(end.items.length, first.total - 50 * (last - 1));
    assert.ok(first.items[49].days_left <= end.items[0].days_left);
    const beyond = await list(county, `page_size=50&page=${last + 1}`);
    assert.deepEqual(beyond.items, []);
    let r = await county.get('/api/v1/schedule?due_before=2026-02-30');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'due_before');
    r = await county.get('/api/v1/schedule?state=late');
    assert.equal(r.json.error.field, 'state');
  });

  it('leaving care takes a child off the schedule; coming back puts it on again', async () => {
    let r = await county.post(`/api/v1/children/${kids.N2.id}/exit`, { reason: 'moved_away', date: TODAY, note: '随父母迁居' });
    assert.equal(r.status, 200, r.text);
    let s = (await director.get(`/api/v1/children/${kids.N2.id}/schedule`)).json;
    assert.equal(s.state, 'none');
    assert.equal(s.contact, null);
    assert.equal(s.visit, null);
    let l = await list(director, `region=${village}&page_size=100&due_before=${addDays(TODAY, 400)}`);
    assert.ok(!l.items.some((x) => x.child_id === kids.N2.id));
    r = await county.post(`/api/v1/children/${kids.N2.id}/reactivate`, { note: '已返回本村' });
    assert.equal(r.status, 200, r.text);
    s = (await director.get(`/api/v1/children/${kids.N2.id}/schedule`)).json;
    assert.notEqual(s.state, 'none');
    l = await list(director, `region=${village}&page_size=100&due_before=${addDays(TODAY, 400)}`);
    assert.ok(l.items.some((x) => x.child_id === kids.N2.id));
  });

  it('children saved by an import are graded by the sweep the import starts', async () => {
    const born = addDays(yearsBefore(10), -40);
    const ids = [makeId(born), makeId(born, false)];
    const row = (name, id, schooling) => ({
      姓名: name,
      身份证号码: id,
      '所在村（社区）代码': village,
      户口性质: '农业户口',
      就学阶段: '小学',
      在校情况: schooling,
    });
    let r = await county.post('/api/v1/children/import', {
      mode: 'all_or_nothing',
      rows: [row('骆小北', ids[0], '在校'), row('骆小南', ids[1], '辍学')],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.created, 2, r.text);
    const graded = async (name, level) => {
      for (let i = 0; i < 100; i++) {
        const l = (await director.get(`/api/v1/children?q=${encodeURIComponent(name)}`)).json;
        if (l.items[0]?.risk_level === level) return l.items[0];
        await sleep(200);
      }
      return null;
    };
    const north = await graded('骆小北', 'green');
    const south = await graded('骆小南', 'yellow');
    assert.ok(north && south, 'both graded');
    const s = (await director.get(`/api/v1/children/${south.id}/schedule`)).json;
    assert.equal(s.visit.due, addDays(TODAY, 15));
    assert.equal(s.risk_level, 'yellow');
    let h = (await director.get(`/api/v1/children/${south.id}/risk/history`)).json;
    assert.equal(h.total, 1);
    assert.equal(h.items[0].from, null);
    // updated by a second import: re-graded, cause file
    r = await county.post('/api/v1/children/import', { mode: 'all_or_nothing', rows: [row('骆小南', ids[1], '在校')] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.updated, 1, r.text);
    assert.ok(await graded('骆小南', 'green'), 'back in school: 绿');
    h = (await director.get(`/api/v1/children/${south.id}/risk/history`)).json;
    assert.equal(h.items[0].cause, 'file');
    assert.equal(h.items[0].to, 'green');
  });

  it('scope: another village is 404, a school 403', async () => {
    let r = await director.get(`/api/v1/children/${kids.X.id}/schedule`);
    assert.equal(r.status, 404, r.text);
    const l = await list(director, 'page_size=100');
    assert.ok(l.items.every((x) => x.region_code === village));
    r = await school.get('/api/v1/schedule');
    assert.equal(r.status, 403, r.text);
    r = await school.get(`/api/v1/children/${kids.N1.id}/schedule`);
    assert.equal(r.status, 403, r.text);
  });

  it('answers match their schemas in openapi.json', async () => {
    const doc = (await county.get('/api/v1/openapi.json')).json;
    const samples = [
      ['ScheduleList', await list(director, 'page_size=100')],
      ['ScheduleEntry', (await director.get(`/api/v1/children/${kids.P.id}/schedule`)).json],
      ['ChildList', (await director.get('/api/v1/children?page_size=100')).json],
      ['Child', (await director.get(`/api/v1/children/${kids.P.id}`)).json],
      ['Risk', (await director.get(`/api/v1/children/${kids.O.id}/risk`)).json],
      ['RiskChangeList', (await director.get(`/api/v1/children/${kids.O.id}/risk/history`)).json],
      ['VisitSettings', (await director.get('/api/v1/settings/visits')).json],
    ];
    const o = await county.put(`/api/v1/children/${kids.P.id}/risk/override`, { level: 'orange', reason: '父亲病情加重', until: addDays(TODAY, 10) });
    samples.push(['Risk', o.json]);
    for (const [name, value] of samples) {
      assert.ok(value, name);
      const errors = schemaErrors(doc, name, value);
      assert.deepEqual(errors, [], `${name}: ${errors.join('; ')}`);
    }
  });
});
