// tests/http/scope.test.mjs — the data scope matrix (R2: scope by region subtree, enforced where
// data is read). For every role, a region, org or user outside its subtree is 404 by id, absent
// from lists, from q= search and from the .xlsx export; one inside is visible. A role without
// the read permission gets 403 (docs/API.md "Errors": 404 is indistinguishable from absent).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, login, freshPassword, changePassword } from '../lib/server.mjs';
import { REGION, REGION_NAME, USERS, inSubtree } from '../lib/demo.mjs';
import { xlsxStrings } from '../lib/xlsx.mjs';

const TAG = '范围测试';
const YOUYANG = '500242000000'; // 酉阳土家族苗族自治县: another county, imported by `shouhu region import`
const TAOHUAYUAN = '500242001000'; // 桃花源街道 (酉阳)
const CLI_PASSWORD = 'Cli#2026start';

/** Accounts made with `shouhu user add` (administrators exist only on the command line). */
const CLI_USERS = [
  { username: 'out_admin', role: 'sysadmin', region: YOUYANG }, // another county's system administrator
  { username: 'aikou_admin', role: 'sysadmin', region: REGION.aikou }, // a town-level system administrator
  { username: 'aikou_sec', role: 'secadmin', region: REGION.aikou }, // a town-level security administrator
];

const ORG_FIXTURES = [
  { key: 'pingsuo', name: `${TAG}平所村委会`, type: 'village_committee', region_code: REGION.pingsuo },
  { key: 'aikou', name: `${TAG}隘口镇卫生院`, type: 'health', region_code: REGION.aikou },
  { key: 'xinyuan', name: `${TAG}新院村委会`, type: 'village_committee', region_code: REGION.xinyuan },
  { key: 'zhonghe', name: `${TAG}中和街道小学`, type: 'school', region_code: REGION.zhonghe },
  { key: 'dongfeng', name: `${TAG}东风社区居委会`, type: 'village_committee', region_code: REGION.dongfeng },
  { key: 'county', name: `${TAG}县妇联`, type: 'womens_fed', region_code: REGION.xiushan },
  // created by out_admin, outside the whole demo county
  { key: 'youyang', name: `${TAG}酉阳县民政局`, type: 'civil', region_code: YOUYANG, by: 'out_admin' },
  { key: 'taohuayuan', name: `${TAG}桃花源街道办`, type: 'civil', region_code: TAOHUAYUAN, by: 'out_admin' },
];
const USER_FIXTURES = [
  { username: 'scope_pingsuo', display_name: `${TAG}平所`, region_code: REGION.pingsuo },
  { username: 'scope_zhonghe', display_name: `${TAG}中和`, region_code: REGION.zhonghe },
  { username: 'scope_aikou', display_name: `${TAG}隘口`, region_code: REGION.aikou },
  { username: 'scope_youyang', display_name: `${TAG}酉阳`, region_code: TAOHUAYUAN, by: 'out_admin' },
];
const REGIONS_TO_PROBE = [
  REGION.chongqing,
  REGION.chongqingCounties,
  REGION.xiushan,
  REGION.aikou,
  REGION.pingsuo,
  REGION.xinyuan,
  REGION.zhonghe,
  REGION.dongfeng,
  YOUYANG,
  TAOHUAYUAN,
];

/** Role matrix: the account, its scope root, and which reads it is allowed. */
const MATRIX = [
  { user: 'county', orgRead: true, userRead: false },
  { user: 'town', orgRead: true, userRead: false },
  { user: 'director', orgRead: true, userRead: false },
  { user: 'school', orgRead: false, userRead: false },
  { user: 'police', orgRead: true, userRead: false },
  { user: 'volunteer', orgRead: false, userRead: false },
  { user: 'sysadmin', orgRead: true, userRead: true },
  { user: 'secadmin', orgRead: true, userRead: true },
  { user: 'aikou_admin', orgRead: true, userRead: true },
  { user: 'aikou_sec', orgRead: true, userRead: true },
  { user: 'out_admin', orgRead: true, userRead: true },
].map((row) => ({ ...row, region: USERS[row.user]?.region ?? CLI_USERS.find((u) => u.username === row.user).region }));

const NAMES = { ...REGION_NAME, [YOUYANG]: '酉阳土家族苗族自治县', [TAOHUAYUAN]: '桃花源街道' };
const LEVEL = (code) => (code.endsWith('000000') ? 3 : code.endsWith('000') ? 4 : 5);

const itemsOf = (j) => (Array.isArray(j) ? j : j?.items);

async function allPages(client, p) {
  const out = [];
  for (let page = 1; page < 100; page++) {
    const sep = p.includes('?') ? '&' : '?';
    const r = await client.get(`${p}${sep}page=${page}&page_size=100`);
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    assert.equal(typeof r.json.total, 'number');
    out.push(...r.json.items);
    if (out.length >= r.json.total || r.json.items.length === 0) break;
  }
  return out;
}

describe('data scope', () => {
  let srv;
  let admin;
  const orgs = {}; // key → Org
  const users = {}; // username → User
  const clients = {}; // username → logged-in client (initial password changed)
  before(async () => {
    srv = await startServer();
    const imp = await srv.run(['region', 'import', YOUYANG.slice(0, 6)]);
    assert.equal(imp.code, 0, `region import: ${imp.stdout}${imp.stderr}`);
    for (const u of CLI_USERS) {
      const r = await srv.run(['user', 'add', u.username, '--role', u.role, '--region', u.region], {
        env: { SHOUHU_PASSWORD: CLI_PASSWORD },
      });
      assert.equal(r.code, 0, `user add ${u.username}: ${r.stdout}${r.stderr}`);
      const first = await login(srv.url, u.username, CLI_PASSWORD);
      assert.equal(first.me.must_change_password, true, 'a CLI-made account must change its password');
      clients[u.username] = await changePassword(first, CLI_PASSWORD, freshPassword(u.username));
    }
    admin = await loginFresh(srv.url, 'sysadmin');
    clients.sysadmin = admin;
    for (const f of ORG_FIXTURES) {
      const by = f.by ? clients[f.by] : admin;
      const r = await by.post('/api/v1/orgs', { name: f.name, type: f.type, region_code: f.region_code });
      assert.equal(r.status, 201, `create org ${f.name}: ${r.text}`);
      orgs[f.key] = r.json;
    }
    for (const { by, ...f } of USER_FIXTURES) {
      const r = await (by ? clients[by] : admin).post('/api/v1/users', { ...f, password: 'Scope#2026abc' });
      assert.equal(r.status, 201, `create user ${f.username}: ${r.text}`);
      users[f.username] = r.json;
    }
  });
  after(async () => {
    await srv?.stop();
  });

  it('created orgs carry type and region names', () => {
    const o = orgs.aikou;
    assert.equal(o.name, `${TAG}隘口镇卫生院`);
    assert.equal(o.type, 'health');
    assert.equal(o.type_name, '卫健');
    assert.equal(o.region_code, REGION.aikou);
    assert.equal(o.region_name, '隘口镇');
  });

  it('nothing can be created or moved outside the creator\'s scope', async () => {
    for (const region_code of [REGION.chongqingCounties, REGION.chongqing, YOUYANG, TAOHUAYUAN, '500243000000']) {
      const o = await admin.post('/api/v1/orgs', { name: `${TAG}越界机构`, type: 'civil', region_code });
      assert.ok([400, 404].includes(o.status), `org at ${region_code}: ${o.status} ${o.text}`);
      const u = await admin.post('/api/v1/users', {
        username: `scope_out_${region_code.slice(0, 6)}`,
        display_name: '越界',
        password: 'Scope#2026abc',
        region_code,
      });
      assert.ok([400, 404].includes(u.status), `user at ${region_code}: ${u.status} ${u.text}`);
      const m = await admin.put(`/api/v1/orgs/${orgs.county.id}`, { name: orgs.county.name, type: 'womens_fed', region_code });
      assert.ok([400, 404].includes(m.status), `move org to ${region_code}: ${m.status} ${m.text}`);
    }
  });

  for (const row of MATRIX) {
    describe(`as ${row.user}`, () => {
      let c;
      const scope = row.region;
      const orgVisible = (o) => inSubtree(o.region_code, scope);
      before(async () => {
        c = clients[row.user] ?? (await loginFresh(srv.url, row.user));
      });

      it('GET /regions answers the scope root', async () => {
        const r = await c.get('/api/v1/regions');
        assert.equal(r.status, 200, r.text);
        const items = itemsOf(r.json);
        assert.equal(items.length, 1);
        assert.equal(items[0].code, scope);
        assert.ok(items[0].name.startsWith(NAMES[scope]), items[0].name);
        assert.equal(typeof items[0].has_children, 'boolean');
        assert.equal(items[0].level, LEVEL(scope));
      });

      it('regions by code: inside 200 with a path from the scope root, outside 404', async () => {
        for (const code of REGIONS_TO_PROBE) {
          const r = await c.get(`/api/v1/regions/${code}`);
          if (inSubtree(code, scope)) {
            assert.equal(r.status, 200, `${code}: ${r.text}`);
            assert.equal(r.json.code, code);
            assert.ok(Array.isArray(r.json.path), 'path');
            assert.equal(r.json.path[0].code, scope, 'path starts at the scope root');
            assert.equal(r.json.path.at(-1).code, code, 'path ends at the region');
          } else {
            assert.equal(r.status, 404, `${code} is outside ${scope}: ${r.status} ${r.text}`);
            assert.equal(r.json?.error?.code, 'not_found');
          }
        }
      });

      it('regions by parent and by q stay inside the scope', async () => {
        for (const parent of [REGION.xiushan, REGION.aikou, REGION.zhonghe, REGION.chongqingCounties, YOUYANG]) {
          const r = await c.get(`/api/v1/regions?parent=${parent}`);
          if (!inSubtree(parent, scope)) {
            // Outside the scope: 404, or only children that are themselves in scope (the
            // scope root is a child of its parent).
            if (r.status === 200) {
              for (const x of itemsOf(r.json)) assert.ok(inSubtree(x.code, scope), `children of ${parent}: ${x.code}`);
            } else {
              assert.equal(r.status, 404, `children of ${parent}: ${r.text}`);
            }
            continue;
          }
          assert.equal(r.status, 200, r.text);
          const items = itemsOf(r.json);
          assert.ok(items.length > 0, `${parent} has children`);
          for (const x of items) {
            assert.equal(x.parent, parent);
            assert.ok(inSubtree(x.code, scope));
          }
        }
        for (const [q, code] of [
          ['中和', REGION.zhonghe],
          ['平所', REGION.pingsuo],
          ['隘口', REGION.aikou],
          ['重庆', REGION.chongqing],
          ['酉阳', YOUYANG],
          ['桃花源', TAOHUAYUAN],
        ]) {
          const r = await c.get(`/api/v1/regions?q=${encodeURIComponent(q)}`);
          assert.equal(r.status, 200, r.text);
          const items = itemsOf(r.json);
          assert.ok(items.length <= 50);
          for (const x of items) assert.ok(inSubtree(x.code, scope), `q=${q} returned ${x.code} ${x.name}`);
          assert.equal(items.some((x) => x.code === code), inSubtree(code, scope), `q=${q} finds ${code}`);
        }
      });

      if (row.orgRead) {
        it('orgs by id: inside 200, outside 404', async () => {
          for (const o of Object.values(orgs)) {
            const r = await c.get(`/api/v1/orgs/${o.id}`);
            if (orgVisible(o)) {
              assert.equal(r.status, 200, `${o.name}: ${r.text}`);
              assert.deepEqual(r.json, o);
            } else {
              assert.equal(r.status, 404, `${o.name} is outside ${scope}: ${r.status}`);
              assert.equal(r.json?.error?.code, 'not_found');
            }
          }
        });

        it('org list and q= search hold only in-scope orgs', async () => {
          const expected = Object.values(orgs).filter(orgVisible).map((o) => o.name).sort();
          const found = await allPages(c, `/api/v1/orgs?q=${encodeURIComponent(TAG)}`);
          assert.deepEqual(found.map((o) => o.name).sort(), expected);
          const r = await c.get(`/api/v1/orgs?q=${encodeURIComponent(TAG)}`);
          assert.equal(r.json.total, expected.length);
          for (const o of await allPages(c, '/api/v1/orgs')) {
            assert.ok(inSubtree(o.region_code, scope), `list shows ${o.name} at ${o.region_code}`);
          }
          const out = await c.get(`/api/v1/orgs?region=${REGION.zhonghe}`);
          if (inSubtree(REGION.zhonghe, scope)) {
            assert.equal(out.status, 200);
            assert.ok(out.json.items.some((o) => o.id === orgs.zhonghe.id));
          } else if (out.status === 200) {
            assert.equal(out.json.total, 0, 'region filter outside the scope finds nothing');
          } else if (out.status === 400) {
            assert.equal(out.json.error.field, 'region', out.text);
          } else {
            assert.equal(out.status, 404, out.text);
          }
        });

        it('the .xlsx export holds only in-scope orgs', async () => {
          const r = await c.get(`/api/v1/orgs/export.xlsx?q=${encodeURIComponent(TAG)}`);
          assert.equal(r.status, 200, r.text);
          assert.match(r.headers.get('content-type') ?? '', /spreadsheetml|officedocument|excel/);
          const strings = xlsxStrings(r.buf);
          for (const o of Object.values(orgs)) {
            assert.equal(strings.includes(o.name), orgVisible(o), `export ${orgVisible(o) ? 'lacks' : 'shows'} ${o.name}`);
          }
          const all = xlsxStrings((await c.get('/api/v1/orgs/export.xlsx')).buf);
          for (const o of Object.values(orgs)) {
            if (!orgVisible(o)) assert.ok(!all.includes(o.name), `unfiltered export shows ${o.name}`);
          }
        });
      } else {
        it('orgs: no org:read, so 403 for list, id and export', async () => {
          for (const p of ['/api/v1/orgs', `/api/v1/orgs/${orgs.aikou.id}`, '/api/v1/orgs/export.xlsx']) {
            const r = await c.get(p);
            assert.equal(r.status, 403, `${p}: ${r.text}`);
            assert.equal(r.json?.error?.code, 'forbidden');
          }
        });
      }

      if (row.userRead) {
        it('users: in-scope users are listed, found, exported', async () => {
          for (const u of Object.values(users)) {
            const visible = inSubtree(u.region_code, scope);
            const r = await c.get(`/api/v1/users/${u.id}`);
            assert.equal(r.status, visible ? 200 : 404, `${u.username}: ${r.text}`);
            const q = await c.get(`/api/v1/users?q=${u.username}`);
            assert.equal(q.json.items.some((x) => x.id === u.id), visible);
          }
          for (const u of await allPages(c, '/api/v1/users')) {
            assert.ok(inSubtree(u.region_code, scope), `list shows ${u.username} at ${u.region_code}`);
          }
          const x = await c.get('/api/v1/users/export.xlsx?q=scope_');
          assert.equal(x.status, 200, x.text);
          const strings = xlsxStrings(x.buf);
          for (const u of Object.values(users)) {
            assert.equal(strings.includes(u.username), inSubtree(u.region_code, scope), `export and ${u.username}`);
          }
        });
      } else {
        it('users: no user:read, so 403', async () => {
          for (const p of ['/api/v1/users', `/api/v1/users/${users.scope_pingsuo.id}`, '/api/v1/users/export.xlsx']) {
            const r = await c.get(p);
            assert.equal(r.status, 403, `${p}: ${r.text}`);
          }
        });
      }

      if (!row.user.endsWith('admin') || row.user === 'secadmin') {
        it('cannot create or change orgs (no org:manage)', async () => {
          const r = await c.post('/api/v1/orgs', { name: `${TAG}不应创建`, type: 'civil', region_code: scope });
          assert.equal(r.status, 403, r.text);
          const p = await c.put(`/api/v1/orgs/${orgs.pingsuo.id}`, {
            name: '改名',
            type: 'village_committee',
            region_code: REGION.pingsuo,
          });
          assert.ok([403, 404].includes(p.status), p.text);
        });
      }
    });
  }

  it('moving an org into a town makes it visible to that town, and out again hides it', async () => {
    // The matrix above already changed town's initial password.
    const t = await login(srv.url, 'town', freshPassword('town'));
    const o = orgs.zhonghe;
    assert.equal((await t.get(`/api/v1/orgs/${o.id}`)).status, 404);
    const moved = await admin.put(`/api/v1/orgs/${o.id}`, { name: o.name, type: o.type, region_code: REGION.xinyuan });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.region_code, REGION.xinyuan);
    assert.equal((await t.get(`/api/v1/orgs/${o.id}`)).status, 200);
    const back = await admin.put(`/api/v1/orgs/${o.id}`, { name: o.name, type: o.type, region_code: REGION.zhonghe });
    assert.equal(back.status, 200, back.text);
    assert.equal((await t.get(`/api/v1/orgs/${o.id}`)).status, 404);
  });

  it('the security administrator cannot give a role a region outside its scope', async () => {
    const sec = await login(srv.url, 'secadmin', freshPassword('secadmin'));
    const u = users.scope_pingsuo;
    const r = await sec.put(`/api/v1/users/${u.id}/role`, { role: 'county', region_code: REGION.chongqingCounties });
    assert.ok([400, 404].includes(r.status), `${r.status} ${r.text}`);
  });

  it('a town-level security administrator assigns roles only inside its town', async () => {
    const sec = clients.aikou_sec;
    const out = await sec.put(`/api/v1/users/${users.scope_zhonghe.id}/role`, { role: 'town', region_code: REGION.aikou });
    assert.equal(out.status, 404, `user outside the scope: ${out.text}`);
    const far = await sec.put(`/api/v1/users/${users.scope_aikou.id}/role`, { role: 'town', region_code: REGION.zhonghe });
    assert.ok([400, 404].includes(far.status), `region outside the scope: ${far.status} ${far.text}`);
    const ok = await sec.put(`/api/v1/users/${users.scope_aikou.id}/role`, { role: 'director', region_code: REGION.pingsuo });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.region_code, REGION.pingsuo);
  });

  it('a town-level system administrator manages only its town', async () => {
    const a = clients.aikou_admin;
    const o = await a.post('/api/v1/orgs', { name: `${TAG}镇管理员建`, type: 'civil', region_code: REGION.zhonghe });
    assert.ok([400, 404].includes(o.status), `org outside: ${o.status} ${o.text}`);
    const u = await a.put(`/api/v1/users/${users.scope_zhonghe.id}`, { display_name: '越界改名' });
    assert.equal(u.status, 404, u.text);
    const p = await a.post(`/api/v1/users/${users.scope_zhonghe.id}/password`, { password: 'Scope#2026new' });
    assert.equal(p.status, 404, p.text);
    const mine = await a.put(`/api/v1/users/${users.scope_aikou.id}`, { display_name: `${TAG}隘口改` });
    assert.equal(mine.status, 200, mine.text);
  });
});
