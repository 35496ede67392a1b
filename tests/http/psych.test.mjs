// tests/http/psych.test.mjs — psychological care (心理关爱, docs/API.md "Psychological care";
// 003#20, 003#21): screenings with their results in the file, the referral (转介) an abnormal
// result opens and its states, the paired carer and regular follow-ups (定期随访) of a child back
// from psychiatric treatment, and who may see any of it: county, town and director in their
// scope, a school only its own pupils, departments and volunteers nobody. The latest screening
// feeds the risk grading and the 003#9 closer visits. Follow-ups fall due "20 days later" (the
// test-only clock offset on the same database). Audit rows never carry a score or a result.
//
// Fixtures use the surnames 亓 and 阙, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh, login, freshPassword, sleep } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, childBody, visitBody } from '../lib/fixtures.mjs';
import { openapi, schemaErrors } from '../lib/schema.mjs';

const enc = encodeURIComponent;
const pad = (n) => String(n).padStart(2, '0');
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** DATE + N calendar months (the day capped at the month's end). */
function addMonths(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const ty = Math.floor(t / 12);
  const tm = (t % 12) + 1;
  const last = [31, leap(ty) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][tm - 1];
  return `${ty}-${pad(tm)}-${pad(Math.min(d, last))}`;
}

describe('psychological care', () => {
  let srv;
  let doc;
  const u = {}; // clients by demo user
  const kids = {};
  let schoolId;
  let refA; // the referral of A's abnormal screening
  let refB; // B's, declined
  let refX; // X's, outside the director's scope
  before(async () => {
    doc = await openapi();
    srv = await startServer();
    for (const name of ['county', 'town', 'director', 'school', 'police', 'volunteer', 'auditor'])
      u[name] = await loginFresh(srv.url, name);
    const o = await u.county.get(`/api/v1/orgs?q=${enc('隘口镇中心小学')}&type=school`);
    assert.equal(o.json.total, 1, o.text);
    schoolId = o.json.items[0].id;
    const bodies = {
      // a pupil of 隘口镇中心小学 in the director's village
      A: childBody('亓小雨', { region: REGION.pingsuo, extra: { school_org_id: schoolId, school_name: null } }),
      // the director's village, not a pupil of that school
      B: childBody('亓小川', { region: REGION.pingsuo, extra: { school_name: '平所村小学' } }),
      // another village of the town: outside the director's scope
      X: childBody('阙小军', { region: REGION.xinyuan }),
    };
    for (const [k, body] of Object.entries(bodies)) {
      const r = await u.county.post('/api/v1/children', body);
      assert.equal(r.status, 201, `${k}: ${r.text}`);
      kids[k] = r.json;
    }
  });
  after(async () => {
    await srv?.stop();
  });

  const screening = (over = {}) => ({
    instrument: '儿童焦虑性情绪障碍筛查表(SCARED)',
    screened_on: addDays(TODAY, -3),
    assessor: '隘口镇中心小学心理老师',
    result: 'normal',
    ...over,
  });
  const screeningsOf = (c, k) => c.get(`/api/v1/children/${kids[k].id}/psych/screenings`);
  const event = (c, id, body) => c.post(`/api/v1/psych/referrals/${id}/events`, body);
  const factorCodes = async (k) => {
    const r = await u.county.get(`/api/v1/children/${kids[k].id}/risk`);
    assert.equal(r.status, 200, r.text);
    return r.json.factors.map((f) => f.code);
  };

  it('departments and volunteers may not; outside the scope is not found; a school sees only its pupils', async () => {
    for (const who of ['police', 'volunteer']) {
      assert.equal((await screeningsOf(u[who], 'A')).status, 403, who);
      assert.equal((await u[who].post(`/api/v1/children/${kids.A.id}/psych/screenings`, screening())).status, 403, who);
      assert.equal((await u[who].get('/api/v1/psych/referrals')).status, 403, who);
      assert.equal((await u[who].get(`/api/v1/children/${kids.A.id}/psych/referrals`)).status, 403, who);
    }
    assert.equal((await screeningsOf(u.director, 'X')).status, 404);
    assert.equal((await u.director.post(`/api/v1/children/${kids.X.id}/psych/screenings`, screening())).status, 404);
    assert.equal((await screeningsOf(u.town, 'X')).status, 200);
    const s = await screeningsOf(u.school, 'A');
    assert.equal(s.status, 200, s.text);
    assert.deepEqual(s.json, { items: [] });
    assert.equal((await screeningsOf(u.school, 'B')).status, 404);
    assert.equal((await u.school.post(`/api/v1/children/${kids.B.id}/psych/screenings`, screening())).status, 404);
  });

  it('a screening is checked field by field and nothing is stored on a refusal', async () => {
    const post = (over) => u.director.post(`/api/v1/children/${kids.B.id}/psych/screenings`, screening(over));
    const cases = [
      [{ result: 'abnormal' }, 'referral.service_type', /结果为异常时须填写转介服务/],
      [{ result: 'abnormal', referral: { service_name: '县医院' } }, 'referral.service_type', /结果为异常时须填写转介服务/],
      [{ result: 'abnormal', referral: { service_type: 'clinic' } }, 'referral.service_type', /转介服务类型/],
      [{ result: 'abnormal', referral: { service_type: 'hospital', ward: 3 } }, 'referral.ward', /不支持的字段/],
      [{ instrument: '' }, 'instrument', /筛查工具/],
      [{ instrument: '量'.repeat(51) }, 'instrument', /50/],
      [{ screened_on: addDays(TODAY, 1) }, 'screened_on', /不能晚于今天/],
      [{ screened_on: '2026-02-30' }, 'screened_on', /有效日期/],
      [{ result: 'bad' }, 'result', /筛查结果/],
      [{ score: '12' }, 'score', /数字/],
      [{ client_id: 'not-a-uuid' }, 'client_id', /UUID/],
      [{ mood: 'low' }, 'mood', /不支持的字段/],
    ];
    for (const [over, field, msg] of cases) {
      const r = await post(over);
      assert.equal(r.status, 400, `${JSON.stringify(over)}: ${r.text}`);
      assert.equal(r.json.error.field, field, JSON.stringify(over));
      assert.match(r.json.error.message, msg, JSON.stringify(over));
    }
    // 50 characters (not bytes) are fine
    const ok = await post({ instrument: '量'.repeat(50) });
    assert.equal(ok.status, 201, ok.text);
    const list = (await screeningsOf(u.director, 'B')).json.items;
    assert.equal(list.length, 1);
    assert.equal((await u.director.get(`/api/v1/children/${kids.B.id}/psych/referrals`)).json.items.length, 0);
  });

  it('an abnormal result opens the referral at once and raises the risk and the visit frequency (003#9)', async () => {
    const v = await u.director.post(`/api/v1/children/${kids.A.id}/visits`, visitBody());
    assert.equal(v.status, 201, v.text);
    const before = (await u.director.get(`/api/v1/children/${kids.A.id}/schedule`)).json;
    assert.ok(!before.conditions.includes('psych_abnormal'));
    assert.ok(!(await factorCodes('A')).some((c) => c.startsWith('psych_')));

    const clientId = randomUUID();
    const body = screening({
      result: 'abnormal',
      score: 31.5,
      note: '焦虑得分高，建议专科评估',
      client_id: clientId,
      referral: { service_type: 'hospital', service_name: '秀山县人民医院精神科' },
    });
    const r = await u.school.post(`/api/v1/children/${kids.A.id}/psych/screenings`, body);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(schemaErrors(doc, 'PsychScreening', r.json), []);
    assert.equal(r.json.result, 'abnormal');
    assert.equal(r.json.result_name, '异常');
    assert.equal(r.json.score, 31.5);
    assert.equal(r.json.child_id, kids.A.id);
    assert.ok(r.json.referral_id, 'referral_id');
    refA = r.json.referral_id;
    // the same client_id again: the stored screening, no second one
    const again = await u.school.post(`/api/v1/children/${kids.A.id}/psych/screenings`, body);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, r.json.id);
    assert.equal((await screeningsOf(u.school, 'A')).json.items.length, 1);

    const f = await u.director.get(`/api/v1/psych/referrals/${refA}`);
    assert.equal(f.status, 200, f.text);
    assert.deepEqual(schemaErrors(doc, 'PsychReferral', f.json), []);
    assert.equal(f.json.state, 'referred');
    assert.equal(f.json.state_name, '已转介');
    assert.equal(f.json.service_type_name, '医院心理/精神科');
    assert.equal(f.json.service_name, '秀山县人民医院精神科');
    assert.equal(f.json.screening_id, r.json.id);
    assert.equal(f.json.referred_on, TODAY);
    assert.equal(f.json.next_followup_on, addDays(TODAY, 30));
    assert.equal(f.json.followup_due, false);
    assert.deepEqual(f.json.events.map((x) => x.event), ['refer']);

    const k = await u.county.get(`/api/v1/children/${kids.A.id}/risk`);
    const psych = k.json.factors.find((x) => x.code === 'psych_abnormal');
    assert.ok(psych, JSON.stringify(k.json.factors));
    assert.equal(psych.points, 30);
    // the stored due day of the next home visit moves to the 003#9 monthly interval, and the
    // schedule names the condition
    const after = (await u.director.get(`/api/v1/children/${kids.A.id}/schedule`)).json;
    assert.ok(after.conditions.includes('psych_abnormal'), JSON.stringify(after.conditions));
    assert.equal(before.visit.due, addMonths(v.json.occurred_on, 3), JSON.stringify(before.visit));
    assert.equal(after.visit.due, addMonths(v.json.occurred_on, 1), JSON.stringify(after.visit));
  });

  it('the latest screening by day is the child\'s result', async () => {
    // an older screening entered later changes nothing
    const old = await u.director.post(`/api/v1/children/${kids.A.id}/psych/screenings`, screening({ screened_on: addDays(TODAY, -20) }));
    assert.equal(old.status, 201, old.text);
    assert.equal(old.json.referral_id, null);
    assert.ok((await factorCodes('A')).includes('psych_abnormal'));
    // a newer one does
    const now = await u.director.post(`/api/v1/children/${kids.A.id}/psych/screenings`, screening({ screened_on: TODAY, result: 'watch' }));
    assert.equal(now.status, 201, now.text);
    const codes = await factorCodes('A');
    assert.ok(codes.includes('psych_watch'), codes.join());
    assert.ok(!codes.includes('psych_abnormal'), codes.join());
    const s = (await u.director.get(`/api/v1/children/${kids.A.id}/schedule`)).json;
    assert.equal(s.visit.due, addMonths(s.visit.last, 3), 'back to the regular interval');
    const list = (await screeningsOf(u.school, 'A')).json.items;
    assert.deepEqual(list.map((x) => x.screened_on), [TODAY, addDays(TODAY, -3), addDays(TODAY, -20)]);
    assert.deepEqual(schemaErrors(doc, 'PsychScreeningList', { items: list }), []);
  });

  it('the referral moves referred → accepted → in_care → closed; anything else is 409 naming state and event', async () => {
    let r = await event(u.director, refA, { event: 'close', outcome: '好转' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.message, '当前状态为「已转介」，不能执行「结案」');
    r = await event(u.director, refA, { event: 'start' });
    assert.equal(r.status, 409, r.text);
    r = await event(u.director, refA, { event: 'transfer' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'event');

    r = await event(u.school, refA, { event: 'accept', note: '医院已接诊' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'accepted');
    r = await event(u.director, refA, { event: 'accept' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.message, '当前状态为「已接收」，不能执行「接收」');
    r = await event(u.director, refA, { event: 'decline' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.message, '当前状态为「已接收」，不能执行「未接收」');
    r = await event(u.director, refA, { event: 'start', carer_name: '杨老师' });
    assert.equal(r.status, 400, 'carer fields only when closing');
    r = await event(u.director, refA, { event: 'start' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'in_care');
    assert.equal(r.json.state_name, '干预/治疗中');

    // closing: an outcome; back from treatment (003#21): a paired carer and the follow-up days
    const close = { event: 'close', outcome: '住院治疗两周后出院，情绪稳定', returned_from_treatment: true, carer_name: '杨老师', followup_days: 14 };
    const bad = [
      [{ outcome: undefined }, 'outcome'],
      [{ carer_name: undefined }, 'carer_name'],
      [{ followup_days: undefined }, 'followup_days'],
      [{ followup_days: 0 }, 'followup_days'],
      [{ followup_days: 91 }, 'followup_days'],
    ];
    for (const [over, field] of bad) {
      const x = await event(u.director, refA, { ...close, ...over });
      assert.equal(x.status, 400, `${JSON.stringify(over)}: ${x.text}`);
      assert.equal(x.json.error.field, field, JSON.stringify(over));
    }
    assert.equal((await u.director.get(`/api/v1/psych/referrals/${refA}`)).json.state, 'in_care', 'nothing stored');
    r = await event(u.director, refA, close);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(schemaErrors(doc, 'PsychReferral', r.json), []);
    assert.equal(r.json.state, 'closed');
    assert.equal(r.json.closed_on, TODAY);
    assert.equal(r.json.outcome, close.outcome);
    assert.equal(r.json.returned_from_treatment, true);
    assert.equal(r.json.carer_name, '杨老师');
    assert.equal(r.json.followup_days, 14);
    assert.equal(r.json.next_followup_on, addDays(TODAY, 14));
    assert.deepEqual(r.json.events.map((x) => x.event), ['refer', 'accept', 'start', 'close']);
    assert.equal(r.json.events[1].note, '医院已接诊');
    for (const ev of ['accept', 'start', 'close', 'decline']) {
      const x = await event(u.director, refA, { event: ev, outcome: '再次结案' });
      assert.equal(x.status, 409, ev);
      assert.match(x.json.error.message, /^当前状态为「已结案」，不能执行「/);
    }
  });

  it('a child back from treatment keeps its follow-ups after closing; each moves the next day', async () => {
    const bad = [
      [{ on: addDays(TODAY, 1), note: '电话随访' }, 'on'],
      [{ on: addDays(TODAY, -1), note: '电话随访' }, 'on'], // before the referral day
      [{ on: TODAY }, 'note'],
      [{ note: '电话随访' }, 'on'],
    ];
    for (const [body, field] of bad) {
      const x = await u.school.post(`/api/v1/psych/referrals/${refA}/followups`, body);
      assert.equal(x.status, 400, `${JSON.stringify(body)}: ${x.text}`);
      assert.equal(x.json.error.field, field);
    }
    const r = await u.school.post(`/api/v1/psych/referrals/${refA}/followups`, { on: TODAY, note: '返校后情绪平稳，结对关爱人每周谈心' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.followups.length, 1);
    assert.equal(r.json.followups[0].on, TODAY);
    assert.equal(r.json.followups[0].note, '返校后情绪平稳，结对关爱人每周谈心');
    assert.ok(r.json.followups[0].by_name);
    assert.equal(r.json.next_followup_on, addDays(TODAY, 14));
  });

  it('a declined referral takes no follow-ups', async () => {
    const s = await u.director.post(
      `/api/v1/children/${kids.B.id}/psych/screenings`,
      screening({ screened_on: TODAY, result: 'abnormal', referral: { service_type: 'social_org', service_name: '秀山县青少年服务社' } }),
    );
    assert.equal(s.status, 201, s.text);
    refB = s.json.referral_id;
    let r = await event(u.director, refB, { event: 'decline', note: '家长拒绝' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'declined');
    assert.equal(r.json.state_name, '未接收');
    assert.equal(r.json.next_followup_on, null);
    r = await u.director.post(`/api/v1/psych/referrals/${refB}/followups`, { on: TODAY, note: '随访' });
    assert.equal(r.status, 409, r.text);
    assert.match(r.json.error.message, /未接收/);
    r = await event(u.director, refB, { event: 'accept' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.message, '当前状态为「未接收」，不能执行「接收」');
  });

  it('a referral outside the caller\'s scope is not found, nor moved, nor followed up', async () => {
    const s = await u.town.post(
      `/api/v1/children/${kids.X.id}/psych/screenings`,
      screening({ result: 'abnormal', referral: { service_type: 'school_counsellor' } }),
    );
    assert.equal(s.status, 201, s.text);
    refX = s.json.referral_id;
    assert.equal((await u.director.get(`/api/v1/psych/referrals/${refX}`)).status, 404);
    assert.equal((await event(u.director, refX, { event: 'accept' })).status, 404);
    assert.equal((await u.director.post(`/api/v1/psych/referrals/${refX}/followups`, { on: TODAY, note: '随访' })).status, 404);
    assert.equal((await u.school.get(`/api/v1/psych/referrals/${refX}`)).status, 404, 'not a pupil of the school');
    const r = await u.town.get(`/api/v1/psych/referrals/${refX}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'referred');
    assert.equal(r.json.service_type_name, '学校心理辅导');
  });

  it('lists: the child\'s referrals and the register, in scope', async () => {
    const a = await u.school.get(`/api/v1/children/${kids.A.id}/psych/referrals`);
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(a.json.items.map((x) => x.id), [refA]);
    assert.equal(a.json.items[0].events.length, 4);
    assert.deepEqual(schemaErrors(doc, 'PsychReferralItems', a.json), []);

    const all = await u.county.get('/api/v1/psych/referrals?page_size=100');
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(schemaErrors(doc, 'PsychReferralList', all.json), []);
    const ids = all.json.items.map((x) => x.id);
    assert.ok(ids.includes(refA) && ids.includes(refB), ids.join());
    assert.ok(!('events' in all.json.items[0]));
    // a school: only its pupils' referrals
    const sch = (await u.school.get('/api/v1/psych/referrals?page_size=100')).json;
    assert.deepEqual(sch.items.map((x) => x.id), [refA]);
    assert.equal(sch.total, 1);
    assert.equal((await u.school.get(`/api/v1/psych/referrals/${refB}`)).status, 404);
    // filters
    const declined = (await u.director.get('/api/v1/psych/referrals?state=declined')).json.items.map((x) => x.id);
    assert.deepEqual(declined, [refB]);
    assert.equal((await u.director.get(`/api/v1/psych/referrals?region=${REGION.xinyuan}`)).status, 400, 'outside the scope');
    const xin = (await u.town.get(`/api/v1/psych/referrals?region=${REGION.xinyuan}`)).json;
    assert.deepEqual(xin.items.map((x) => x.id), [refX]);
    assert.ok(!(await u.director.get('/api/v1/psych/referrals?page_size=100')).json.items.some((x) => x.id === refX));
    assert.equal((await u.director.get('/api/v1/psych/referrals?state=open')).status, 400);
    assert.equal((await u.director.get('/api/v1/psych/referrals?followup_due=yes')).status, 400);
    const due = (await u.county.get('/api/v1/psych/referrals?followup_due=1')).json;
    assert.equal(due.total, 0, 'nothing due today');
    assert.equal((await u.police.get(`/api/v1/psych/referrals/${refA}`)).status, 403);
  });

  describe('20 days later', () => {
    let later;
    before(async () => {
      later = await startServer({
        demo: false,
        settings: { database: srv.database, key_file: `${srv.dir}/key`, test_clock_offset_days: 20 },
      });
    });
    after(async () => {
      await later?.stop();
    });

    it('the follow-up is due: listed by followup_due=1, the declined referral not', async () => {
      const c = await login(later.url, 'director', freshPassword('director'));
      let due;
      for (let i = 0; i < 50; i++) {
        const r = await c.get('/api/v1/psych/referrals?followup_due=1');
        if (r.status === 200) {
          due = r.json;
          break;
        }
        await sleep(100);
      }
      assert.deepEqual(due.items.map((x) => x.id), [refA]);
      assert.equal(due.items[0].followup_due, true);
      assert.equal(due.items[0].next_followup_on, addDays(TODAY, 14));
      // a follow-up on that later day moves the next one 14 days on, and it is no longer due
      const f = await c.post(`/api/v1/psych/referrals/${refA}/followups`, { on: addDays(TODAY, 20), note: '家访，睡眠改善' });
      assert.equal(f.status, 201, f.text);
      assert.equal(f.json.next_followup_on, addDays(TODAY, 34));
      assert.equal(f.json.followup_due, false);
      assert.equal((await c.get('/api/v1/psych/referrals?followup_due=1')).json.total, 0);
    });
  });

  it('every read and write is audited, never with the score or the result', async () => {
    const rows = async (action) => {
      const r = await u.auditor.get(`/api/v1/audit-log?page_size=100&action=${enc(action)}`);
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };
    const created = await rows('psych.screening.create');
    assert.ok(created.filter((x) => x.outcome === 'success').length >= 5, created.length);
    for (const action of ['psych.screening.list', 'psych.referral.read', 'psych.referral.list', 'psych.referral.accept', 'psych.referral.start', 'psych.referral.close', 'psych.referral.decline', 'psych.followup']) {
      const got = await rows(action);
      assert.ok(got.some((x) => x.outcome === 'success'), action);
    }
    const everything = [];
    for (const action of ['psych.screening.create', 'psych.screening.list', 'psych.referral.read', 'psych.referral.close', 'psych.followup'])
      everything.push(...(await rows(action)));
    for (const x of everything) {
      const text = `${x.detail ?? ''}`;
      assert.doesNotMatch(text, /abnormal|normal|watch|异常|关注|正常|31\.5|score|result/, text);
    }
    // refusals are audited too (the police's attempt)
    assert.ok(created.some((x) => x.outcome !== 'success'), 'a refused create is audited');
  });
});
