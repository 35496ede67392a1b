// tests/http/children-scope.test.mjs — who sees which child (R2: scope by region subtree,
// department and assignment, enforced where data is read) and the audited unmasking of ID
// numbers (R14). For every role: a child outside its scope is 404 by id, absent from the list,
// from name and ID number searches and from the roster export; one inside is visible, with masked
// numbers. Only county, town and director see a number in clear, each time leaving a
// `child.unmask` audit row; the clear number is never in a log, a list or an export.
//
// Fixtures use the surname 鲍 and given-name characters the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION, USERS, inSubtree, todayCST } from '../lib/demo.mjs';
import { xlsxText } from '../lib/xlsx.mjs';

const TODAY = todayCST();
const pad = (n) => String(n).padStart(2, '0');
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function yearsBefore(n, date = TODAY) {
  const [y, m, d] = date.split('-').map(Number);
  const leap = (x) => (x % 4 === 0 && x % 100 !== 0) || x % 400 === 0;
  return m === 2 && d === 29 && !leap(y - n) ? `${y - n}-02-28` : `${y - n}-${pad(m)}-${pad(d)}`;
}
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (s17) => '10X98765432'[[...s17].reduce((s, c, i) => s + Number(c) * W[i], 0) % 11];
const issued = new Set();
/** A valid ID number, sequence 900-999 (free of demo children), odd for a male. */
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
const masked = (id) => `${id.slice(0, 6)}${'*'.repeat(10)}${id.slice(16)}`;
const enc = encodeURIComponent;

/** Children the county registers. school: which demo school's pupil, if any. */
const FIXTURES = {
  P: { name: '鲍翀', region: REGION.pingsuo, school: 'aikou', age: 9 }, // the director's village
  P2: { name: '鲍骁', region: REGION.pingsuo, school: null, age: 13 },
  X: { name: '鲍珂岚', region: REGION.xinyuan, school: 'aikou', age: 8 }, // 隘口镇, another village
  D: { name: '鲍沅澧', region: REGION.dongfeng, school: 'zhonghe', age: 11 }, // 中和街道
};

/** Which fixtures each role sees; rights per docs/API.md "Children". */
const MATRIX = [
  { user: 'county', sees: ['P', 'P2', 'X', 'D'], unmask: true, export: true },
  { user: 'town', sees: ['P', 'P2', 'X'], unmask: true, export: true },
  { user: 'director', sees: ['P', 'P2'], unmask: true, export: true },
  { user: 'school', sees: ['P', 'X'], unmask: false, export: false, pupilsOnly: true }, // 隘口镇中心小学
  { user: 'police', sees: ['P', 'P2', 'X', 'D'], unmask: false, export: false }, // dept: county, masked
  { user: 'volunteer', sees: [], unmask: false, export: false, noNumbers: true }, // no pairings yet
  { user: 'sysadmin', read: false },
  { user: 'secadmin', read: false },
  { user: 'auditor', read: false },
];

async function allPages(c, p) {
  const out = [];
  const texts = [];
  for (let page = 1; page < 200; page++) {
    const r = await c.get(`${p}${p.includes('?') ? '&' : '?'}page=${page}&page_size=100`);
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    out.push(...r.json.items);
    texts.push(r.text);
    if (out.length >= r.json.total || r.json.items.length === 0) break;
  }
  return { items: out, text: texts.join('\n') };
}

describe('children: data scope and unmasking', () => {
  let srv;
  const clients = {};
  const kids = {}; // key → { ...fixture, id, number, file }
  const schools = {};
  const answers = []; // every list/export text, checked for clear numbers at the end
  before(async () => {
    srv = await startServer();
    for (const u of Object.keys(USERS)) clients[u] = await loginFresh(srv.url, u);
    const county = clients.county;
    for (const [key, q] of [
      ['aikou', '隘口镇中心小学'],
      ['zhonghe', '中和街道中心小学'],
    ]) {
      const r = await county.get(`/api/v1/orgs?q=${enc(q)}&type=school`);
      assert.equal(r.json.total, 1, r.text);
      schools[key] = r.json.items[0].id;
    }
    for (const [key, f] of Object.entries(FIXTURES)) {
      const birth = addDays(yearsBefore(f.age), -50);
      const number = makeId(birth, key !== 'X');
      const since = yearsBefore(3);
      const r = await county.post('/api/v1/children', {
        name: f.name,
        id_number: number,
        region_code: f.region,
        hukou_type: 'rural',
        ethnicity: '苗族',
        school_stage: 'primary',
        schooling_status: 'in_school',
        school_org_id: f.school ? schools[f.school] : null,
        school_name: f.school ? null : '平所村小学',
        members: [
          { relation: 'father', name: '鲍大山', id_number: makeId(addDays(yearsBefore(38), -Object.keys(kids).length), true), phone: '13700001111', status: 'away', away_place: '福建省泉州市', outside_county: true, since },
          { relation: 'mother', name: '石小花', phone: '13700002222', status: 'away', away_place: '福建省泉州市', outside_county: true, since },
        ],
        caregiver: { name: '鲍奶奶', relation: '祖母', phone: '13700003333', school_notified: true, village_notified: true },
      });
      assert.equal(r.status, 201, `${f.name}: ${r.text}`);
      kids[key] = { ...f, id: r.json.id, number, file: r.json };
    }
  });
  after(async () => {
    await srv?.stop();
  });

  it('fixtures: the school pupils carry their school', () => {
    assert.equal(kids.P.file.school_org_id, schools.aikou);
    assert.equal(kids.P.file.school_name, '隘口镇中心小学');
    assert.equal(kids.D.file.school_org_id, schools.zhonghe);
    assert.equal(kids.P2.file.school_org_id, null);
  });

  for (const row of MATRIX) {
    describe(`as ${row.user}`, () => {
      let c;
      const scope = USERS[row.user].region;
      before(() => {
        c = clients[row.user];
      });

      if (row.read === false) {
        it('no child permission: 403 for list, id, export, numbers, history', async () => {
          const id = kids.P.id;
          for (const p of [
            '/api/v1/children',
            `/api/v1/children?q=${enc('鲍')}`,
            `/api/v1/children/${id}`,
            '/api/v1/children/export.xlsx',
            `/api/v1/children/${id}/sensitive`,
            `/api/v1/children/${id}/history`,
          ]) {
            const r = await c.get(p);
            assert.equal(r.status, 403, `${p}: ${r.text}`);
            assert.equal(r.json?.error?.code, 'forbidden');
          }
          const w = await c.post('/api/v1/children', { name: '鲍管理', region_code: REGION.pingsuo });
          assert.equal(w.status, 403, w.text);
        });
        return;
      }

      const visible = (key) => row.sees.includes(key);

      it('by id: visible 200 with masked numbers, otherwise 404', async () => {
        for (const [key, k] of Object.entries(kids)) {
          const r = await c.get(`/api/v1/children/${k.id}`);
          if (!visible(key)) {
            assert.equal(r.status, 404, `${k.name} must be invisible: ${r.status} ${r.text}`);
            assert.equal(r.json.error.code, 'not_found');
            assert.ok(!r.text.includes(k.name));
            continue;
          }
          assert.equal(r.status, 200, `${k.name}: ${r.text}`);
          assert.equal(r.json.name, k.name);
          assert.ok(!r.text.includes(k.number), 'no clear number');
          assert.equal(r.json.id_number_masked, masked(k.number));
          assert.equal(r.json.members[0].phone_masked, '137****1111');
          assert.equal(r.json.caregiver.phone_masked, '137****3333');
          const h = await c.get(`/api/v1/children/${k.id}/history`);
          assert.equal(h.status, 200, h.text);
        }
        for (const [key, k] of Object.entries(kids)) {
          if (visible(key)) continue;
          const h = await c.get(`/api/v1/children/${k.id}/history`);
          assert.equal(h.status, 404, `history of ${k.name}: ${h.text}`);
        }
      });

      it('the list and a one-character name search hold exactly the visible children', async () => {
        const { items, text } = await allPages(c, `/api/v1/children?q=${enc('鲍')}`);
        answers.push(text);
        const want = row.sees.map((k) => kids[k].id).sort((a, b) => a - b);
        assert.deepEqual(items.map((x) => x.id).sort((a, b) => a - b), want);
        for (const x of items) {
          assert.ok(inSubtree(x.region_code, scope), `${x.name} at ${x.region_code}`);
          assert.equal(x.id_number_masked, row.noNumbers ? null : masked(kids[Object.keys(kids).find((k) => kids[k].id === x.id)].number));
        }
      });

      it('name search with the two- and three-character names', async () => {
        for (const [key, k] of Object.entries(kids)) {
          const r = await c.get(`/api/v1/children?q=${enc(k.name)}`);
          assert.equal(r.status, 200, r.text);
          answers.push(r.text);
          assert.deepEqual(
            r.json.items.map((x) => x.id),
            visible(key) ? [k.id] : [],
            `q=${k.name} (${[...k.name].length} characters)`,
          );
          assert.equal(r.json.total, visible(key) ? 1 : 0);
        }
        // a pair inside a name, and a pair that spans no name
        const mid = await c.get(`/api/v1/children?q=${enc('珂岚')}`);
        assert.deepEqual(mid.json.items.map((x) => x.id), visible('X') ? [kids.X.id] : []);
        const none = await c.get(`/api/v1/children?q=${enc('翀骁')}`);
        assert.equal(none.json.total, 0);
      });

      it('ID number search finds a visible child only', async () => {
        for (const [key, k] of Object.entries(kids)) {
          const r = await c.get(`/api/v1/children?id_number=${k.number}`);
          assert.equal(r.status, 200, r.text);
          answers.push(r.text);
          assert.deepEqual(r.json.items.map((x) => x.id), visible(key) ? [k.id] : [], `id_number of ${k.name}`);
          const lower = await c.get(`/api/v1/children?id_number=${k.number.toLowerCase()}`);
          assert.equal(lower.json.total, visible(key) ? 1 : 0, 'a lower-case x is the same number');
        }
        const bad = await c.get('/api/v1/children?id_number=500241201501010000');
        assert.equal(bad.status, 400, bad.text);
        assert.equal(bad.json.error.field, 'id_number');
      });

      it('the unfiltered list stays inside the scope', async () => {
        const { items, text } = await allPages(c, '/api/v1/children?status=active');
        answers.push(text);
        if (row.user === 'volunteer') assert.equal(items.length, 0, 'no pairings: a volunteer sees no child');
        for (const x of items) assert.ok(inSubtree(x.region_code, scope), `${x.name} at ${x.region_code}`);
        if (row.pupilsOnly) {
          assert.ok(items.length > 0);
          for (const x of items.slice(0, 60)) {
            const f = await c.get(`/api/v1/children/${x.id}`);
            assert.equal(f.json.school_org_id, schools.aikou, `${x.name} is not a pupil of the school`);
          }
        }
        if (row.user === 'county' || row.user === 'police') assert.ok(items.length > 1000, `the demo county: ${items.length}`);
      });

      if (row.export) {
        it('the roster export holds exactly the visible children, numbers masked', async () => {
          const r = await c.get(`/api/v1/children/export.xlsx?q=${enc('鲍')}`);
          assert.equal(r.status, 200, r.text);
          const text = xlsxText(r.buf);
          answers.push(text);
          for (const [key, k] of Object.entries(kids)) {
            assert.equal(text.includes(k.name), visible(key), `export and ${k.name}`);
            assert.equal(text.includes(masked(k.number)), visible(key));
            assert.ok(!text.includes(k.number) && !r.buf.includes(Buffer.from(k.number)), 'no clear number');
          }
          const out = await c.get(`/api/v1/children/export.xlsx?region=${REGION.dongfeng}`);
          if (inSubtree(REGION.dongfeng, scope)) assert.equal(out.status, 200);
          else assert.equal(out.status, 400, `region outside the scope: ${out.text}`);
        });
      } else {
        it('no child:export: the roster export is 403', async () => {
          const r = await c.get(`/api/v1/children/export.xlsx?q=${enc('鲍')}`);
          assert.equal(r.status, 403, r.text);
        });
      }

      if (row.unmask) {
        it('GET /sensitive gives the numbers in clear inside the scope, 404 outside', async () => {
          for (const [key, k] of Object.entries(kids)) {
            const r = await c.get(`/api/v1/children/${k.id}/sensitive`);
            if (!visible(key)) {
              assert.equal(r.status, 404, `${k.name}: ${r.text}`);
              continue;
            }
            assert.equal(r.status, 200, r.text);
            assert.equal(r.json.id_number, k.number);
            assert.equal(r.json.members.length, 2);
            assert.equal(r.json.members[0].phone, '13700001111');
            assert.match(r.json.members[0].id_number, /^500241\d{11}[\dX]$/);
            assert.equal(r.json.members[1].id_number, null);
            assert.equal(r.json.caregiver.phone, '13700003333');
            assert.equal(r.json.caregiver.id_number, null);
          }
        });
      } else {
        it('no child:unmask: GET /sensitive is 403', async () => {
          for (const k of Object.values(kids)) {
            const r = await c.get(`/api/v1/children/${k.id}/sensitive`);
            assert.equal(r.status, 403, `${k.name}: ${r.text}`);
            assert.equal(r.json.error.code, 'forbidden');
            assert.ok(!r.text.includes(k.number));
          }
        });
      }

      if (row.user === 'volunteer') {
        it('a volunteer is never shown a number, not even masked', async () => {
          // no pairing exists yet, so the file itself is out of reach
          for (const k of Object.values(kids)) assert.equal((await c.get(`/api/v1/children/${k.id}`)).status, 404);
        });
      }

      if (row.user === 'school' || row.user === 'police' || row.user === 'volunteer') {
        it('cannot register, change or exit children', async () => {
          const r = await c.post('/api/v1/children', { name: '鲍越权', region_code: REGION.pingsuo, hukou_type: 'rural', id_number: makeId(yearsBefore(7)) });
          assert.equal(r.status, 403, r.text);
          const p = await c.put(`/api/v1/children/${kids.P.id}`, { ...kids.P.file, notes: '越权' });
          assert.ok([403, 404].includes(p.status), p.text);
          const x = await c.post(`/api/v1/children/${kids.P.id}/exit`, { reason: 'other', date: TODAY });
          assert.ok([403, 404].includes(x.status), x.text);
        });
      }
    });
  }

  describe('unmasking is audited', () => {
    const auditRows = async (query) => (await allPages(clients.auditor, `/api/v1/audit-log?${query}`)).items;

    it('each call to /sensitive adds a child.unmask row with the child\'s id', async () => {
      const before = await auditRows('action=child.unmask&outcome=success');
      const calls = [
        ['county', kids.D],
        ['town', kids.X],
        ['director', kids.P],
        ['director', kids.P],
      ];
      for (const [u, k] of calls) {
        const r = await clients[u].get(`/api/v1/children/${k.id}/sensitive`);
        assert.equal(r.status, 200, r.text);
      }
      const after = await auditRows('action=child.unmask&outcome=success');
      assert.equal(after.length, before.length + calls.length, 'one row per call');
      const fresh = after.filter((a) => !before.some((b) => b.id === a.id));
      assert.deepEqual(
        fresh.map((a) => `${a.username} ${a.object_type} ${a.object_id}`).sort(),
        calls.map(([u, k]) => `${u} child ${k.id}`).sort(),
      );
      for (const a of fresh) assert.equal(a.outcome, 'success');
    });

    it('a refused unmasking is recorded too', async () => {
      const before = await auditRows('action=child.unmask&username=school');
      const r = await clients.school.get(`/api/v1/children/${kids.P.id}/sensitive`);
      assert.equal(r.status, 403);
      const after = await auditRows('action=child.unmask&username=school');
      assert.equal(after.length, before.length + 1);
      assert.equal(after.find((a) => !before.some((b) => b.id === a.id)).outcome, 'denied');
    });

    it('reading a file is audited as child.read', async () => {
      const r = await clients.police.get(`/api/v1/children/${kids.D.id}`);
      assert.equal(r.status, 200);
      const rows = await auditRows(`action=child.read&username=police`);
      assert.ok(rows.some((a) => a.object_id === String(kids.D.id) && a.outcome === 'success'));
    });

    it('the audit trail names the child actions in Chinese', async () => {
      const actions = (await clients.auditor.get('/api/v1/audit-actions')).json;
      const codes = actions.map((a) => a.code);
      for (const a of ['child.create', 'child.read', 'child.update', 'child.unmask', 'child.exit', 'child.reactivate', 'child.list', 'child.export', 'child.history']) {
        assert.ok(codes.includes(a), `GET /audit-actions lacks ${a}`);
      }
      const rows = await auditRows('action=child.unmask&outcome=success');
      assert.match(rows[0].action_name ?? '', /[\u4e00-\u9fff]/, `action_name of child.unmask: ${JSON.stringify(rows[0])}`);
      assert.match(rows[0].object_type_name ?? '', /[\u4e00-\u9fff]/, 'object_type_name of child');
    });

    it('no clear number in the audit log, the login log, lists, exports or the server\'s output', async () => {
      const numbers = Object.values(kids).map((k) => k.number);
      const sens = await clients.county.get(`/api/v1/children/${kids.P.id}/sensitive`);
      numbers.push(sens.json.members[0].id_number);
      const phones = ['13700001111', '13700002222', '13700003333'];
      const audit = await allPages(clients.auditor, '/api/v1/audit-log');
      assert.ok(audit.items.length > 10);
      const login = await allPages(clients.auditor, '/api/v1/login-log');
      const places = { 'audit log': audit.text, 'login log': login.text, 'lists and exports': answers.join('\n'), 'server output': srv.log() };
      for (const [where, text] of Object.entries(places)) {
        for (const secret of [...numbers, ...phones]) assert.ok(!text.includes(secret), `${where} holds ${secret}`);
      }
    });
  });
});
