// tests/http/guardianship.test.mjs — family guardianship capacity assessment (家庭监护能力评估,
// docs/API.md "Guardianship assessment"): the questionnaire is served with the county's
// settings; an assessment is graded from item and option codes (field-named 400s for a missing
// required answer or an unknown option), stored with its score, dimensions and decisive items,
// and the latest one (by assessed_on) sets the child's guardianship result, which the risk
// grading picks up; an assessment dated earlier does not replace it; the county settings change
// the grade and the reassessment day; scope and roles (404 outside scope, 403 for schools,
// departments and volunteers, 400 for an exited child); every read and write is audited.
//
// Fixtures use the surnames 滕 and 龚, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, addMonths, childBody } from '../lib/fixtures.mjs';

/** A left-behind child cared for by capable grandparents, parents in monthly contact: 6 points. */
const NORMAL = {
  parents: 'able_away',
  carer: 'entrusted',
  food: 'ok',
  housing: 'ok',
  health: 'ok',
  supervision: 'ok',
  safety_edu: 'done',
  online: 'managed',
  school: 'ok',
  contact: 'monthly',
  attention: 'yes',
  abuse: 'none',
  abandon: 'none',
  neglect: 'none',
  bad_influence: 'none',
};

describe('guardianship assessment', () => {
  let srv;
  let county;
  let director;
  let town;
  const kids = {};
  before(async () => {
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    director = await loginFresh(srv.url, 'director');
    town = await loginFresh(srv.url, 'town');
    const bodies = {
      A: childBody('滕小兵', { region: REGION.pingsuo }),
      B: childBody('滕小芳', { region: REGION.pingsuo }),
      X: childBody('龚小东', { region: REGION.xinyuan }), // outside the director's village
      E: childBody('龚小西', { region: REGION.pingsuo }), // exits care
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

  it('serves the questionnaire with the county settings and the notice', async () => {
    const r = await director.get('/api/v1/guardianship/instrument');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.dimensions.length, 5);
    assert.equal(r.json.items.length, 15);
    const carer = r.json.items.find((i) => i.code === 'carer');
    assert.equal(carer.required, true);
    assert.equal(carer.options.find((o) => o.code === 'nobody').decides, 'absent');
    assert.ok(r.json.max_score > 30);
    assert.equal(r.json.settings.insufficient, 10);
    assert.equal(r.json.settings.is_default, true);
    assert.equal(r.json.settings.county.code, REGION.xiushan);
    assert.match(r.json.notice, /须经县级民政部门确认/);
  });

  it('grades a normal family and stores the explanation', async () => {
    const r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, {
      assessed_on: addDays(TODAY, -40),
      answers: NORMAL,
      note: '祖父母照料良好',
    });
    assert.equal(r.status, 201, r.text);
    const a = r.json;
    assert.equal(a.child_id, kids.A.id);
    assert.equal(a.result, 'normal');
    assert.equal(a.result_name, '监护正常');
    assert.equal(a.score, 6);
    assert.equal(a.by_score, 'normal');
    assert.deepEqual(a.decisive, []);
    assert.equal(a.dimensions.length, 5);
    assert.equal(a.dimensions.reduce((s, d) => s + d.score, 0), 6);
    const guardian = a.dimensions.find((d) => d.code === 'guardian');
    assert.equal(guardian.score, 4);
    assert.match(guardian.explain, /监护人状况/);
    assert.deepEqual(a.answers, NORMAL);
    assert.equal(a.note, '祖父母照料良好');
    assert.ok(a.assessor_name);
    // 正常: reassess after 12 months
    const [y, m, d] = addDays(TODAY, -40).split('-');
    assert.equal(a.next_on, `${Number(y) + 1}-${m}-${d === '29' && m === '02' ? '28' : d}`);
    const one = await director.get(`/api/v1/assessments/${a.id}`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.json, a);
  });

  it('names the missing or wrong answer', async () => {
    const { carer, ...noCarer } = NORMAL;
    let r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, { assessed_on: TODAY, answers: noCarer });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'answers.carer');
    assert.equal(r.json.error.message, '请回答：实际照料人');
    r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, { assessed_on: TODAY, answers: { ...NORMAL, food: 'feast' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'answers.food');
    r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, { assessed_on: TODAY, answers: { ...NORMAL, wealth: 'rich' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'answers.wealth');
    r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, { assessed_on: addDays(TODAY, 1), answers: NORMAL });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'assessed_on');
    r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, { assessed_on: '2001-01-01', answers: NORMAL });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'assessed_on');
    // optional items may be left blank
    const { online, school, ...required } = NORMAL;
    r = await director.post(`/api/v1/children/${kids.B.id}/assessments`, { assessed_on: addDays(TODAY, -400), answers: { ...required, online: null } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.answers.online, undefined);
  });

  it('an absent guardian sets the child, and the risk grading picks it up', async () => {
    const before = await director.get(`/api/v1/children/${kids.A.id}/risk`);
    assert.equal(before.status, 200, before.text);
    assert.equal(before.json.level, 'green', before.text);
    const clientId = randomUUID();
    const body = { assessed_on: TODAY, answers: { ...NORMAL, carer: 'nobody' }, client_id: clientId };
    const r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, body);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.result, 'absent');
    // 无人照料 10 + 父母外出 2 + 每月联系 2 = 14: 监护不足 by score, 监护缺失 by the answer itself
    assert.equal(r.json.score, 14);
    assert.equal(r.json.by_score, 'insufficient');
    assert.deepEqual(r.json.decisive, ['carer']);
    // a retry with the same client_id is the stored one
    const again = await director.post(`/api/v1/children/${kids.A.id}/assessments`, body);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, r.json.id);

    const risk = await director.get(`/api/v1/children/${kids.A.id}/risk`);
    const f = risk.json.factors.find((x) => x.code === 'guardianship_absent');
    assert.ok(f, JSON.stringify(risk.json.factors));
    assert.equal(risk.json.level, 'orange');
    assert.ok(risk.json.score > before.json.score);
    const hist = await director.get(`/api/v1/children/${kids.A.id}/risk/history`);
    assert.equal(hist.json.items[0].cause, 'assessment');
    const row = await srv.sql(`SELECT guardianship_result || ' ' || guardianship_next_on FROM children WHERE id = ${kids.A.id}`);
    assert.equal(row.trim(), `absent ${r.json.next_on}`);
  });

  it('an assessment dated before the latest does not replace it', async () => {
    const r = await director.post(`/api/v1/children/${kids.A.id}/assessments`, { assessed_on: addDays(TODAY, -10), answers: NORMAL });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.result, 'normal');
    const risk = await director.get(`/api/v1/children/${kids.A.id}/risk`);
    assert.ok(risk.json.factors.some((x) => x.code === 'guardianship_absent'));
    const list = await director.get(`/api/v1/children/${kids.A.id}/assessments`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.json.items.map((a) => a.assessed_on),
      [TODAY, addDays(TODAY, -10), addDays(TODAY, -40)],
    );
    // a later normal one lifts it
    const later = await director.post(`/api/v1/children/${kids.A.id}/assessments`, { assessed_on: TODAY, answers: NORMAL });
    assert.equal(later.status, 201);
    const after2 = await director.get(`/api/v1/children/${kids.A.id}/risk`);
    assert.ok(!after2.json.factors.some((x) => x.code.startsWith('guardianship_')), after2.text);
  });

  it('county settings: field errors, case:settings only, and they change the grade', async () => {
    let r = await county.get('/api/v1/settings/guardianship');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_default, true);
    const body = { insufficient: 5, improper: 30, months_absent: 1, months_improper: 3, months_insufficient: 2, months_normal: 12 };
    r = await county.put('/api/v1/settings/guardianship', body);
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'months_insufficient');
    r = await county.put('/api/v1/settings/guardianship', { ...body, insufficient: 40 });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'insufficient');
    r = await county.put('/api/v1/settings/guardianship', { ...body, months_normal: undefined });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'months_normal');
    r = await town.put('/api/v1/settings/guardianship', { ...body, months_insufficient: 6 });
    assert.equal(r.status, 403);
    r = await county.put('/api/v1/settings/guardianship', { ...body, months_insufficient: 6 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.insufficient, 5);
    assert.equal(r.json.is_default, false);
    r = await director.get('/api/v1/settings/guardianship');
    assert.equal(r.status, 200);
    assert.equal(r.json.insufficient, 5);
    // 6 points is now 监护不足, reassessed after 6 months
    r = await director.post(`/api/v1/children/${kids.B.id}/assessments`, { assessed_on: addDays(TODAY, -1), answers: NORMAL });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.result, 'insufficient');
    assert.equal(r.json.result_name, '监护不足');
  });

  it('changed settings re-date the next assessment of the children already assessed', async () => {
    // A's latest assessment (监护正常, today) is due again after months_normal (12 by default).
    const next = async () => (await srv.sql(`SELECT guardianship_next_on FROM children WHERE id = ${kids.A.id}`)).trim();
    assert.equal(await next(), addMonths(TODAY, 12));
    const body = { insufficient: 5, improper: 30, months_absent: 1, months_improper: 3, months_insufficient: 6, months_normal: 9 };
    const r = await county.put('/api/v1/settings/guardianship', body);
    assert.equal(r.status, 200, r.text);
    assert.equal(await next(), addMonths(TODAY, 9));
    const list = await director.get(`/api/v1/children/${kids.A.id}/assessments`);
    assert.equal((list.json.items || list.json)[0].next_on, addMonths(TODAY, 9), 'the assessment shows the new day too');
    const audit = await srv.sql("SELECT detail FROM audit_log WHERE action = 'settings.guardianship' AND outcome = 'success' ORDER BY seq DESC LIMIT 1");
    assert.match(audit, /redated=[1-9]/);
  });

  it('scope and roles', async () => {
    let r = await director.get(`/api/v1/children/${kids.X.id}/assessments`);
    assert.equal(r.status, 404);
    r = await director.post(`/api/v1/children/${kids.X.id}/assessments`, { assessed_on: TODAY, answers: NORMAL });
    assert.equal(r.status, 404);
    const list = await county.get(`/api/v1/children/${kids.A.id}/assessments`);
    const id = list.json.items[0].id;
    for (const u of ['school', 'police', 'volunteer']) {
      const c = await loginFresh(srv.url, u);
      r = await c.get(`/api/v1/children/${kids.A.id}/assessments`);
      assert.equal(r.status, 403, `${u}: ${r.text}`);
      r = await c.get(`/api/v1/assessments/${id}`);
      assert.equal(r.status, 403, u);
      r = await c.get('/api/v1/guardianship/instrument');
      assert.equal(r.status, 403, u);
    }
    // an exited child takes no new assessment
    r = await county.post(`/api/v1/children/${kids.E.id}/exit`, { reason: 'moved_away', date: TODAY });
    assert.equal(r.status, 200, r.text);
    r = await director.post(`/api/v1/children/${kids.E.id}/assessments`, { assessed_on: TODAY, answers: NORMAL });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'child');
  });

  it('audits reads and writes', async () => {
    const out = await srv.sql("SELECT action || ':' || outcome FROM audit_log WHERE action LIKE 'assessment.%' OR action = 'settings.guardianship' ORDER BY seq");
    const rows = out.trim().split('\n');
    for (const a of ['assessment.create:success', 'assessment.read:success', 'assessment.list:success', 'settings.guardianship:success', 'assessment.create:failure', 'assessment.list:denied']) {
      assert.ok(rows.includes(a), `${a} in ${rows.join(',')}`);
    }
  });
});
