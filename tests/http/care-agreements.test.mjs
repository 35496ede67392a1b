// tests/http/care-agreements.test.mjs — entrusted care agreements (委托照护, docs/API.md
// "Entrusted care"): Art. 22 refuses a disqualified or incapable caregiver naming the check and
// stores nothing; Art. 23 notices show as missing until their days are given; a caregiver found
// lacking opens a follow-up problem for the child's director; the signed copy is a JPEG, PNG or
// PDF of at most 5 MiB, told by its bytes; an agreement ends; scope and roles; audit.
//
// Fixtures use the surnames 鲍 and 阙, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, childBody, PNG_1x1 } from '../lib/fixtures.mjs';

const CHECKS = {
  crime_record: false,
  drug_or_gambling: false,
  harm_record: false,
  infectious_disease: false,
  domestic_violence: false,
  no_capacity: false,
};

const agreement = (over = {}) => ({
  caregiver_name: '鲍桂兰',
  relation: 'grandmother_p',
  phone: '13912345678',
  start_on: addDays(TODAY, -30),
  checks: CHECKS,
  capable: true,
  child_heard: true,
  school_notice_on: addDays(TODAY, -29),
  ...over,
});

describe('entrusted care agreements', () => {
  let srv;
  let county;
  let director;
  const kids = {};
  before(async () => {
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    director = await loginFresh(srv.url, 'director');
    const bodies = {
      A: childBody('鲍小龙', { region: REGION.pingsuo }),
      X: childBody('阙小虎', { region: REGION.xinyuan }),
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

  const count = async () => Number((await srv.sql(`SELECT COUNT(*) FROM care_agreements WHERE child_id = ${kids.A.id}`)).trim());

  it('Art. 22: a disqualified or incapable caregiver is refused, nothing stored', async () => {
    let r = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, agreement({ checks: { ...CHECKS, drug_or_gambling: true } }));
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'checks.drug_or_gambling');
    assert.match(r.json.error.message, /^不得作为被委托人：有吸毒、酗酒、赌博等恶习（未成年人保护法第二十二条）$/);
    r = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, agreement({ capable: false }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'capable');
    const { harm_record, ...unconfirmed } = CHECKS;
    r = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, agreement({ checks: unconfirmed }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'checks.harm_record');
    r = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, agreement({ checks: { ...CHECKS, astrology: false } }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'checks.astrology');
    r = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, agreement({ relation: 'neighbour' }));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'relation');
    assert.equal(await count(), 0);
  });

  let ag;
  it('stores an agreement; Art. 23 notices missing are listed', async () => {
    const body = agreement({ client_id: randomUUID() });
    const r = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, body);
    assert.equal(r.status, 201, r.text);
    ag = r.json;
    assert.equal(ag.caregiver_name, '鲍桂兰');
    assert.equal(ag.relation_name, '祖母');
    assert.equal(ag.phone_masked, '139****5678');
    assert.equal(ag.state, 'active');
    assert.equal(ag.capable, true);
    assert.equal(ag.child_heard, true);
    assert.deepEqual(ag.checks, CHECKS);
    assert.equal(ag.has_copy, false);
    assert.equal(ag.problem_id, null);
    assert.deepEqual(ag.missing, ['未书面告知村委会']);
    // the phone number is stored encrypted, never in clear
    const raw = await srv.sql(`SELECT phone_cipher FROM care_agreements WHERE id = ${ag.id}`);
    assert.ok(raw.trim() && !raw.includes('13912345678'));
    const again = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, body);
    assert.equal(again.status, 200);
    assert.equal(again.json.id, ag.id);
    const list = await director.get(`/api/v1/children/${kids.A.id}/care-agreements`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((x) => x.id), [ag.id]);
    const put = await director.put(`/api/v1/care-agreements/${ag.id}`, { village_notice_on: TODAY });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json.missing, []);
    assert.equal(put.json.village_notice_on, TODAY);
  });

  it('a caregiver found lacking opens a follow-up problem for the director', async () => {
    const r = await director.put(`/api/v1/care-agreements/${ag.id}`, { capacity: 'lacking' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.capacity, 'lacking');
    assert.ok(r.json.problem_id, 'problem_id');
    const p = await director.get(`/api/v1/problems/${r.json.problem_id}`);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.child_id, kids.A.id);
    assert.equal(p.json.category, 'guardianship_gap');
    assert.equal(p.json.state, 'open');
    assert.equal(p.json.deadline, addDays(TODAY, 7));
    assert.match(p.json.description, /鲍桂兰/);
    // saying it again opens nothing new
    const again = await director.put(`/api/v1/care-agreements/${ag.id}`, { capacity: 'lacking', note: '已告知父母' });
    assert.equal(again.json.problem_id, r.json.problem_id);
    const n = await srv.sql(`SELECT COUNT(*) FROM problems WHERE child_id = ${kids.A.id}`);
    assert.equal(n.trim(), '1');
    // a new agreement with a lacking caregiver opens one at once
    const b = await director.post(`/api/v1/children/${kids.A.id}/care-agreements`, agreement({ caregiver_name: '鲍德明', relation: 'grandfather_p', capacity: 'lacking' }));
    assert.equal(b.status, 201, b.text);
    assert.ok(b.json.problem_id && b.json.problem_id !== r.json.problem_id);
  });

  it('the signed copy: JPEG, PNG or PDF by its bytes, at most 5 MiB', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
    let r = await director.get(`/api/v1/care-agreements/${ag.id}/copy`);
    assert.equal(r.status, 404);
    r = await director.put(`/api/v1/care-agreements/${ag.id}/copy`, Buffer.from('GIF89a not allowed'), { headers: { 'content-type': 'image/png' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'copy');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    r = await director.put(`/api/v1/care-agreements/${ag.id}/copy`, big, { headers: { 'content-type': 'application/pdf' } });
    assert.equal(r.status, 413);
    r = await director.put(`/api/v1/care-agreements/${ag.id}/copy`, pdf, { headers: { 'content-type': 'application/pdf' } });
    assert.equal(r.status, 204, r.text);
    r = await director.get(`/api/v1/care-agreements/${ag.id}/copy`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(Buffer.from(r.buf), pdf);
    r = await director.put(`/api/v1/care-agreements/${ag.id}/copy`, PNG_1x1, { headers: { 'content-type': 'image/png' } });
    assert.equal(r.status, 204);
    r = await director.get(`/api/v1/care-agreements/${ag.id}`);
    assert.equal(r.json.has_copy, true);
  });

  it('ends an agreement; an ended one cannot change', async () => {
    let r = await director.put(`/api/v1/care-agreements/${ag.id}`, { end: true, ended_on: addDays(TODAY, -31) });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'ended_on');
    r = await director.put(`/api/v1/care-agreements/${ag.id}`, { end: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'ended');
    assert.equal(r.json.ended_on, TODAY);
    r = await director.put(`/api/v1/care-agreements/${ag.id}`, { note: 'x' });
    assert.equal(r.status, 409);
    const list = await director.get(`/api/v1/children/${kids.A.id}/care-agreements`);
    assert.equal(list.json.items.at(-1).id, ag.id, 'active ones first');
  });

  it('scope and roles', async () => {
    let r = await director.post(`/api/v1/children/${kids.X.id}/care-agreements`, agreement());
    assert.equal(r.status, 404);
    const x = await county.post(`/api/v1/children/${kids.X.id}/care-agreements`, agreement());
    assert.equal(x.status, 201, x.text);
    r = await director.get(`/api/v1/care-agreements/${x.json.id}`);
    assert.equal(r.status, 404);
    r = await director.get(`/api/v1/care-agreements/${x.json.id}/copy`);
    assert.equal(r.status, 404);
    for (const u of ['school', 'police', 'volunteer']) {
      const c = await loginFresh(srv.url, u);
      r = await c.get(`/api/v1/children/${kids.A.id}/care-agreements`);
      assert.equal(r.status, 403, u);
      r = await c.get(`/api/v1/care-agreements/${ag.id}/copy`);
      assert.equal(r.status, 403, u);
    }
  });

  it('audits reads and writes', async () => {
    const out = await srv.sql("SELECT DISTINCT action FROM audit_log WHERE action LIKE 'agreement.%' AND outcome = 'success'");
    const have = out.trim().split('\n').sort();
    assert.deepEqual(have, ['agreement.copy', 'agreement.copy_update', 'agreement.create', 'agreement.end', 'agreement.list', 'agreement.read', 'agreement.update']);
  });
});
