// tests/http/placements.test.mjs — guardianship placements (临时/长期监护安置, docs/API.md
// "Placements"): with relatives or a foster family (a carer) or with the rescue and protection
// institution or the welfare institution (an organisation of that type); the next review is the
// start (or the latest review) plus the interval; review_due lists the ones past it; an ended
// placement takes no review; bad input names its field; roles and scope.
//
// Fixtures use the surnames 禹 and 訾, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { TODAY, addDays, addMonths, childBody } from '../lib/fixtures.mjs';
import { openapi, schemaErrors } from '../lib/schema.mjs';

const placement = (over = {}) => ({
  kind: 'foster',
  term: 'temporary',
  carer: '禹建国家庭',
  reason: '父母均在服刑，无其他近亲属可以照料（测试数据）',
  start_on: addDays(TODAY, -100),
  review_months: 3,
  client_id: randomUUID(),
  ...over,
});

describe('guardianship placements', () => {
  let srv;
  let doc;
  let county;
  let town;
  let director;
  let volunteer;
  let rescue;
  let police;
  const kids = {};
  const made = {};
  before(async () => {
    doc = await openapi();
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    town = await loginFresh(srv.url, 'town');
    director = await loginFresh(srv.url, 'director');
    volunteer = await loginFresh(srv.url, 'volunteer');
    const orgs = async (type) => (await county.get(`/api/v1/orgs?type=${type}&page_size=100`)).json.items;
    rescue = (await orgs('rescue'))[0];
    police = (await orgs('police'))[0];
    assert.ok(rescue && police, 'the demo county has a rescue centre and a police bureau');
    const bodies = {
      A: childBody('禹小龙', { region: REGION.pingsuo }),
      X: childBody('訾小虎', { region: REGION.xinyuan }),
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

  // The demo county has a placement of its own (src/app/demo_protect.c): count and list ours.
  const stored = async () => Number((await srv.sql(`SELECT COUNT(*) FROM placements WHERE child_id IN (${Object.values(kids).map((k) => k.id)})`)).trim());
  const ours = (items) => items.filter((x) => Object.values(kids).some((k) => k.id === x.child_id));

  it('bad input is refused naming the field, and nothing is stored', async () => {
    const url = `/api/v1/children/${kids.A.id}/placements`;
    const cases = [
      [{ kind: 'boarding' }, 'kind', /安置方式/],
      [{ term: 'forever' }, 'term', /临时监护或长期监护/],
      [{ carer: '' }, 'carer', /照护人/],
      [{ kind: 'rescue', carer: undefined }, 'org_id', /请选择安置机构/],
      [{ kind: 'rescue', org_id: police.id }, 'org_id', /本县的未成年人救助保护机构/],
      [{ kind: 'welfare', org_id: rescue.id }, 'org_id', /儿童福利机构/],
      [{ reason: '' }, 'reason', /安置原因/],
      [{ start_on: addDays(TODAY, 1) }, 'start_on', /不能晚于今天/],
      [{ review_months: 0 }, 'review_months', /复查间隔应为 1 至 24 个月/],
      [{ review_months: 25 }, 'review_months', /复查间隔应为 1 至 24 个月/],
      [{ review_months: undefined }, 'review_months', /复查间隔/],
    ];
    for (const [over, field, message] of cases) {
      const r = await town.post(url, placement(over));
      assert.equal(r.status, 400, `${field}: ${r.text}`);
      assert.equal(r.json.error.field, field, JSON.stringify(over));
      assert.match(r.json.error.message, message);
    }
    assert.equal(await stored(), 0);
  });

  it('a foster placement: the next review is the start plus the interval, and a review moves it', async () => {
    const body = placement();
    let r = await town.post(`/api/v1/children/${kids.A.id}/placements`, body);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(schemaErrors(doc, 'Placement', r.json), []);
    made.foster = r.json;
    assert.equal(r.json.kind_name, '家庭寄养');
    assert.equal(r.json.term_name, '临时监护');
    assert.equal(r.json.carer, '禹建国家庭');
    assert.equal(r.json.state, 'active');
    assert.equal(r.json.next_review_on, addMonths(body.start_on, 3));
    assert.ok(r.json.next_review_on < TODAY, 'its first review is already due');
    r = await town.post(`/api/v1/children/${kids.A.id}/placements`, body);
    assert.equal(r.status, 200, 'a retry answers the stored record');
    assert.equal(r.json.id, made.foster.id);

    const due = async () => ours((await town.get('/api/v1/placements?review_due=1')).json.items).map((p) => p.id);
    assert.deepEqual(await due(), [made.foster.id]);
    const warned = async () => (await director.get(`/api/v1/children/${kids.A.id}/warnings`)).json.items.filter((w) => w.kind === 'placement_review_due');
    assert.equal((await warned()).length, 1, 'the review past its day warns (预警 安置复查到期)');

    r = await town.post(`/api/v1/placements/${made.foster.id}/reviews`, { on: addDays(body.start_on, -1), note: '复查' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'on');
    r = await town.post(`/api/v1/placements/${made.foster.id}/reviews`, { on: TODAY, note: '寄养家庭照料良好，儿童按时上学' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(schemaErrors(doc, 'Placement', r.json), []);
    assert.equal(r.json.next_review_on, addMonths(TODAY, 3));
    assert.deepEqual(r.json.reviews.map((v) => [v.on, v.note]), [[TODAY, '寄养家庭照料良好，儿童按时上学']]);
    assert.ok(r.json.reviews[0].by_name);
    assert.deepEqual(await due(), [], 'reviewed: no longer due');
    assert.equal((await warned()).length, 0, 'reviewed: the warning closes');
  });

  it('an institution placement names an organisation of its type; ending it ends the reviews', async () => {
    let r = await county.post(`/api/v1/children/${kids.A.id}/placements`, placement({ kind: 'rescue', carer: undefined, org_id: rescue.id, term: 'temporary', start_on: addDays(TODAY, -10), review_months: 1 }));
    assert.equal(r.status, 201, r.text);
    made.rescue = r.json;
    assert.equal(r.json.org_name, rescue.name);
    assert.equal(r.json.kind_name, '未成年人救助保护机构');

    r = await town.put(`/api/v1/placements/${made.rescue.id}`, { end_on: addDays(TODAY, -11) });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'end_on');
    r = await town.put(`/api/v1/placements/${made.rescue.id}`, { end_on: TODAY });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'ended');
    assert.equal(r.json.end_on, TODAY);
    r = await town.post(`/api/v1/placements/${made.rescue.id}/reviews`, { on: TODAY, note: '复查' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.field, 'state');

    const list = async (q) => {
      const res = await town.get(`/api/v1/placements?${q}`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(schemaErrors(doc, 'PlacementList', res.json), []);
      return ours(res.json.items).map((p) => p.id);
    };
    assert.deepEqual(await list('state=ended'), [made.rescue.id]);
    assert.deepEqual(await list('state=active'), [made.foster.id]);
    assert.deepEqual(await list(''), [made.rescue.id, made.foster.id], 'newest start first');
    const child = await director.get(`/api/v1/children/${kids.A.id}/placements`);
    assert.equal(child.status, 200);
    assert.deepEqual(child.json.items.map((p) => p.state), ['ended', 'active']);
    const gone = await town.get('/api/v1/placements?state=gone');
    assert.equal(gone.status, 400);
    assert.equal(gone.json.error.field, 'state');
    assert.match(gone.json.error.message, /安置状态/);
  });

  it('roles and scope', async () => {
    assert.equal((await director.post(`/api/v1/children/${kids.A.id}/placements`, placement())).status, 403);
    assert.equal((await director.post(`/api/v1/placements/${made.foster.id}/reviews`, { on: TODAY, note: 'x' })).status, 403);
    assert.equal((await director.get(`/api/v1/children/${kids.X.id}/placements`)).status, 404);
    let r = await town.post(`/api/v1/children/${kids.X.id}/placements`, placement({ carer: '訾家亲属' }));
    assert.equal(r.status, 201);
    r = await director.get('/api/v1/placements');
    assert.equal(r.status, 200);
    assert.ok(!r.json.items.some((p) => p.child_id === kids.X.id), 'another village stays hidden');
    assert.equal((await volunteer.get('/api/v1/placements')).status, 403);
    assert.equal((await volunteer.get(`/api/v1/children/${kids.A.id}/placements`)).status, 403);
    const audit = await srv.sql("SELECT DISTINCT action FROM audit_log WHERE action LIKE 'placement.%' AND outcome = 'success' ORDER BY action");
    assert.deepEqual(audit.trim().split('\n'), ['placement.create', 'placement.list', 'placement.register', 'placement.review', 'placement.update']);
  });
});
