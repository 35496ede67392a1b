// tests/http/family-education.test.mjs — family-education guidance (家庭教育指导, docs/API.md
// "Family-education guidance"): sessions per recipient with field-named errors; the child's
// list says whether a session was held this year; the coverage list of a year counts the active
// children in scope and those covered, filters covered=0|1 and by region, pages, and leaves out
// exited children and other years' sessions; scope and roles; audit.
//
// Fixtures use the surnames 蔺 and 籍, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh, login, freshPassword } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, childBody } from '../lib/fixtures.mjs';

const YEAR = Number(TODAY.slice(0, 4));
const session = (over = {}) => ({
  held_on: TODAY,
  recipient_name: '蔺桂芝',
  recipient_relation: 'grandmother_p',
  form: 'home',
  provider: '平所村儿童主任',
  content: '隔代教养中的沟通方法与安全教育',
  ...over,
});

describe('family-education guidance', () => {
  let srv;
  let county;
  let director;
  const kids = {};
  before(async () => {
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    director = await loginFresh(srv.url, 'director');
    const bodies = {
      A: childBody('蔺小川', { region: REGION.pingsuo }),
      B: childBody('蔺小山', { region: REGION.pingsuo }),
      L: childBody('蔺小河', { region: REGION.pingsuo }), // a session last year only
      X: childBody('籍小林', { region: REGION.xinyuan }),
      E: childBody('籍小海', { region: REGION.pingsuo }), // exits
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

  it('records sessions with field-named errors; a retry is stored once', async () => {
    let r = await director.post(`/api/v1/children/${kids.A.id}/family-education`, session({ form: 'lecture' }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'form');
    r = await director.post(`/api/v1/children/${kids.A.id}/family-education`, session({ recipient_name: '' }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'recipient_name');
    r = await director.post(`/api/v1/children/${kids.A.id}/family-education`, session({ held_on: addDays(TODAY, 1) }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'held_on');
    r = await director.post(`/api/v1/children/${kids.A.id}/family-education`, session({ content: undefined }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'content');
    const body = session({ client_id: randomUUID() });
    r = await director.post(`/api/v1/children/${kids.A.id}/family-education`, body);
    assert.equal(r.status, 201, r.text);
    const s = r.json;
    assert.equal(s.child_id, kids.A.id);
    assert.equal(s.form_name, '入户指导');
    assert.equal(s.relation_name, '祖母');
    assert.equal(s.held_on, TODAY);
    assert.ok(s.by_name);
    const again = await director.post(`/api/v1/children/${kids.A.id}/family-education`, body);
    assert.equal(again.status, 200);
    assert.equal(again.json.id, s.id);
    r = await director.post(`/api/v1/children/${kids.A.id}/family-education`, session({ form: 'class', recipient_name: '蔺国强', recipient_relation: 'father' }));
    assert.equal(r.status, 201, r.text);
  });

  it("the child's list says whether a session was held this year", async () => {
    let r = await director.get(`/api/v1/children/${kids.A.id}/family-education`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 2);
    assert.equal(r.json.this_year, true);
    assert.equal(r.json.year, YEAR);
    assert.deepEqual(r.json.forms.map((f) => f.code), ['home', 'class', 'online', 'ordered']);
    const last = `${YEAR - 1}-06-15`;
    r = await director.post(`/api/v1/children/${kids.L.id}/family-education`, session({ held_on: last, form: 'online' }));
    assert.equal(r.status, 201, r.text);
    r = await director.get(`/api/v1/children/${kids.L.id}/family-education`);
    assert.equal(r.json.items.length, 1);
    assert.equal(r.json.this_year, false);
  });

  it('coverage: counts, the covered filter, region, paging; exited children left out', async () => {
    let r = await director.post(`/api/v1/children/${kids.E.id}/family-education`, session());
    assert.equal(r.status, 201, r.text);
    r = await county.post(`/api/v1/children/${kids.E.id}/exit`, { reason: 'moved_away', date: TODAY });
    assert.equal(r.status, 200, r.text);
    r = await director.post(`/api/v1/children/${kids.E.id}/family-education`, session());
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'child');

    // the director's village: every active child there, A covered this year
    const active = Number((await srv.sql(`SELECT COUNT(*) FROM children WHERE status = 'active' AND region_code = ${REGION.pingsuo}`)).trim());
    r = await director.get(`/api/v1/family-education/coverage?page_size=100`);
    assert.equal(r.status, 200, r.text);
    const all = r.json;
    assert.equal(all.year, YEAR);
    assert.equal(all.children, active);
    assert.equal(all.covered, 1);
    assert.equal(all.total, active);
    r = await director.get('/api/v1/family-education/coverage?covered=1');
    assert.equal(r.json.total, 1);
    assert.deepEqual(r.json.items.map((x) => [x.child_id, x.sessions, x.last_on, x.covered]), [[kids.A.id, 2, TODAY, true]]);
    r = await director.get('/api/v1/family-education/coverage?covered=0&page_size=5&page=1');
    assert.equal(r.json.total, active - 1);
    assert.equal(r.json.items.length, Math.min(5, active - 1));
    assert.ok(r.json.items.every((x) => x.sessions === 0 && x.last_on === null && !x.covered));
    // paging walks every uncovered child once
    const ids = new Set();
    for (let p = 1; p <= Math.ceil((active - 1) / 50); p++) {
      const pg = await director.get(`/api/v1/family-education/coverage?covered=0&page_size=50&page=${p}`);
      for (const x of pg.json.items) ids.add(x.child_id);
    }
    assert.equal(ids.size, active - 1);
    assert.ok(ids.has(kids.B.id) && ids.has(kids.L.id) && !ids.has(kids.E.id) && !ids.has(kids.X.id));
    // last year: L covered
    r = await director.get(`/api/v1/family-education/coverage?year=${YEAR - 1}&covered=1`);
    assert.deepEqual(r.json.items.map((x) => x.child_id), [kids.L.id]);
    // the county by region
    r = await county.get(`/api/v1/family-education/coverage?region=${REGION.xinyuan}&covered=1`);
    assert.equal(r.status, 200);
    assert.equal(r.json.covered, 0);
    r = await county.get(`/api/v1/family-education/coverage?region=${REGION.pingsuo}`);
    assert.equal(r.json.children, active);
    r = await director.get(`/api/v1/family-education/coverage?region=${REGION.xinyuan}`);
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'region');
    r = await director.get('/api/v1/family-education/coverage?covered=2');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'covered');
    r = await director.get(`/api/v1/family-education/coverage?year=${YEAR + 1}`);
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'year');
  });

  it('scope and roles', async () => {
    let r = await director.get(`/api/v1/children/${kids.X.id}/family-education`);
    assert.equal(r.status, 404);
    r = await director.post(`/api/v1/children/${kids.X.id}/family-education`, session());
    assert.equal(r.status, 404);
    for (const u of ['school', 'police', 'volunteer']) {
      const c = await loginFresh(srv.url, u);
      r = await c.get(`/api/v1/children/${kids.A.id}/family-education`);
      assert.equal(r.status, 403, u);
      r = await c.get('/api/v1/family-education/coverage');
      assert.equal(r.status, 403, u);
    }
  });

  it('retries of one session sent at the same time from several devices store it once', async () => {
    const devices = [director];
    for (let i = 0; i < 3; i++) devices.push(await login(srv.url, 'director', freshPassword('director')));
    const body = session({ client_id: randomUUID(), content: '同时重试的指导记录' });
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => devices[i % devices.length].post(`/api/v1/children/${kids.A.id}/family-education`, body)));
    for (const r of answers) assert.ok([200, 201].includes(r.status), `${r.status} ${r.text}`);
    assert.equal(answers.filter((r) => r.status === 201).length, 1);
    assert.equal(new Set(answers.map((r) => r.json.id)).size, 1);
    const n = await srv.sql(`SELECT COUNT(*) FROM family_edu_sessions WHERE client_id = '${body.client_id}'`);
    assert.equal(Number(n.trim()), 1);
  });

  it('audits reads and writes', async () => {
    const out = await srv.sql("SELECT DISTINCT action || ':' || outcome FROM audit_log WHERE action LIKE 'family_edu.%'");
    const have = out.trim().split('\n');
    for (const a of ['family_edu.create:success', 'family_edu.list:success', 'family_edu.coverage:success', 'family_edu.create:failure', 'family_edu.coverage:denied']) {
      assert.ok(have.includes(a), `${a} in ${have.join(',')}`);
    }
  });
});
