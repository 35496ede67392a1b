// tests/http/children.test.mjs — the child's file (一人一档, R3, docs/API.md "Children") as a
// village child director and the county see it: registering with members and caregiver, derived
// categories with their rule, masked numbers (R14), field errors in Chinese, duplicates inside and
// outside the caller's scope, editing with a version and the history, exit and reactivation, and
// the answers' shapes against src/http/openapi.json.
//
// The demo county holds ~5,000 made-up children; fixtures here use surnames the demo never uses
// (鲁, 葛, 闵) and ID sequence numbers 900-999, which the demo leaves free.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION, todayCST } from '../lib/demo.mjs';
import { xlsxText } from '../lib/xlsx.mjs';
import { checkSchema } from '../lib/schema.mjs';

// ---- helpers: dates in China Standard Time, valid ID numbers ----
const TODAY = todayCST();
const pad = (n) => String(n).padStart(2, '0');
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** The date N years before DATE (29 February becomes the 28th in a common year). */
function yearsBefore(n, date = TODAY) {
  const [y, m, d] = date.split('-').map(Number);
  return m === 2 && d === 29 && !leap(y - n) ? `${y - n}-02-28` : `${y - n}-${pad(m)}-${pad(d)}`;
}
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (s17) => '10X98765432'[[...s17].reduce((s, c, i) => s + Number(c) * W[i], 0) % 11];
const issued = new Set();
/**
 * A valid ID number (GB 11643) for someone born on BIRTH, never issued before in this file;
 * sequence 900-999 (the demo leaves those free), odd for a male. END: wanted check character.
 */
function makeId(birth, male = true, { addr = '500241', end } = {}) {
  for (let s = 900 + (male ? 1 : 0); s < 1000; s += 2) {
    const n17 = `${addr}${birth.replaceAll('-', '')}${s}`;
    const id = n17 + checkChar(n17);
    if (!issued.has(id) && (!end || id.endsWith(end))) {
      issued.add(id);
      return id;
    }
  }
  throw new Error(`no free sequence for ${birth}`);
}
/** A valid number with a wrong check character. */
function badCheck(id) {
  const right = id[17];
  return id.slice(0, 17) + [...'10X98765432'].find((c) => c !== right);
}
const masked = (id) => `${id.slice(0, 6)}${'*'.repeat(10)}${id.slice(16)}`;
const CJK = /[\u4e00-\u9fff]/;

/** A rural child of AGE whose parents both work outside the county since 2 years. */
let fixtures = 0;
function leftBehind({ name, age = 10, male = true, region = REGION.pingsuo, extra = {} }) {
  fixtures += 1;
  const birth = addDays(yearsBefore(age), -(20 + ((fixtures * 7) % 300))); // still AGE today
  const id = makeId(birth, male);
  const since = yearsBefore(2);
  return {
    id,
    birth,
    body: {
      name,
      id_number: id,
      region_code: region,
      ethnicity: '土家族',
      hukou_type: 'rural',
      hukou_address: '重庆市秀山土家族苗族自治县隘口镇平所村3组',
      current_address: '重庆市秀山土家族苗族自治县隘口镇平所村3组',
      school_stage: 'primary',
      schooling_status: 'in_school',
      school_name: '隘口镇中心小学',
      school_grade: '四年级',
      members: [
        {
          relation: 'father',
          name: `${name.slice(0, 1)}建国`,
          birth_date: addDays(yearsBefore(36), -fixtures),
          id_number: makeId(addDays(yearsBefore(36), -fixtures), true),
          phone: '13912345601',
          status: 'away',
          away_place: '广东省东莞市',
          outside_county: true,
          since,
          work_place: '电子厂',
        },
        {
          relation: 'mother',
          name: '田秀英',
          id_number: makeId(addDays(yearsBefore(33), -fixtures), false),
          phone: '13912345602',
          status: 'away',
          away_place: '浙江省宁波市',
          outside_county: true,
          since,
        },
        { relation: 'grandmother_p', name: '冉桂花', birth_date: yearsBefore(66), status: 'home' },
      ],
      caregiver: {
        name: '冉桂花',
        relation: '祖母',
        phone: '13912345603',
        id_number: makeId(addDays(yearsBefore(66), -fixtures), false),
        address: '重庆市秀山土家族苗族自治县隘口镇平所村3组',
        agreement_date: yearsBefore(1),
        school_notified: true,
        village_notified: false,
        checks: [],
      },
      ...extra,
    },
  };
}


describe('children: the file', () => {
  let srv;
  let director; // 平所村
  let county;
  let town; // 隘口镇
  let openapi;
  const seen = []; // [schema name, value] pairs to check against openapi.json
  before(async () => {
    srv = await startServer();
    director = await loginFresh(srv.url, 'director');
    county = await loginFresh(srv.url, 'county');
    town = await loginFresh(srv.url, 'town');
    openapi = (await county.get('/api/v1/openapi.json')).json;
  });
  after(async () => {
    await srv?.stop();
  });

  describe('registering', () => {
    let fx;
    let created;
    before(async () => {
      fx = leftBehind({ name: '鲁晓曦', male: false, extra: { director_id: director.me.id } });
      const r = await director.post('/api/v1/children', fx.body);
      assert.equal(r.status, 201, r.text);
      created = r.json;
      seen.push(['Child', created]);
    });

    it('a director registers a child of its village with members and caregiver', () => {
      assert.equal(typeof created.id, 'number');
      assert.equal(created.name, '鲁晓曦');
      assert.equal(created.region_code, REGION.pingsuo);
      assert.match(created.region_name, /^平所村/);
      assert.equal(created.town_name, '隘口镇');
      assert.equal(created.status, 'active');
      assert.equal(created.version, 1);
      assert.equal(created.director_id, director.me.id);
      assert.equal(created.director_name, '龙主任');
      assert.deepEqual(created.members.map((m) => m.relation), ['father', 'mother', 'grandmother_p']);
      assert.equal(created.members[0].away_place, '广东省东莞市');
      assert.equal(created.members[0].outside_county, true);
      assert.equal(created.caregiver.name, '冉桂花');
      assert.equal(created.caregiver.relation, '祖母');
      assert.equal(created.caregiver.agreement_date, fx.body.caregiver.agreement_date);
      assert.equal(created.exit, null);
    });

    it('birth date and sex come from the ID number; the age is today\'s', () => {
      assert.equal(created.birth_date, fx.birth);
      assert.equal(created.sex, 'F');
      assert.equal(created.age, 10);
    });

    it('categories are derived from the facts, with the rule and its source', () => {
      assert.deepEqual(created.categories, ['rural_left_behind']);
      const d = created.derived.find((x) => x.code === 'rural_left_behind');
      assert.ok(d, JSON.stringify(created.derived));
      assert.equal(d.name, '农村留守儿童');
      assert.match(d.rule, /16/);
      assert.match(d.rule, /农村/);
      assert.match(d.rule, /国发〔2016〕13号/, 'the rule names its policy source');
      // nothing was recorded: the derived category is "missing" from the record
      assert.deepEqual(created.recorded_categories, []);
      assert.equal(created.category_mismatch, true);
      assert.deepEqual(created.mismatch, { missing: ['rural_left_behind'], extra: [] });
    });

    it('every ID and phone number in the answer is masked', () => {
      assert.equal(created.id_number_masked, masked(fx.id));
      assert.equal(created.members[0].id_number_masked, masked(fx.body.members[0].id_number));
      assert.equal(created.members[0].phone_masked, '139****5601');
      assert.equal(created.caregiver.id_number_masked, masked(fx.body.caregiver.id_number));
      assert.equal(created.caregiver.phone_masked, '139****5603');
      const text = JSON.stringify(created);
      for (const secret of [fx.id, fx.body.members[0].id_number, fx.body.members[1].id_number, fx.body.caregiver.id_number, '13912345601', '13912345603']) {
        assert.ok(!text.includes(secret), `answer holds ${secret}`);
      }
      assert.ok(!('id_number' in created), 'no clear id_number member');
    });

    it('a missing written notice to the village is a caregiver warning (未成年人保护法 Art. 23)', () => {
      assert.ok(created.caregiver.warnings.some((w) => /村/.test(w) && /第二十三条/.test(w)), created.caregiver.warnings.join());
      assert.ok(!created.caregiver.warnings.some((w) => /学校/.test(w)), 'the school was told');
    });

    it('the list and the export show the masked number, never the clear one', async () => {
      const l = await director.get(`/api/v1/children?q=${encodeURIComponent('鲁晓曦')}`);
      assert.equal(l.status, 200, l.text);
      seen.push(['ChildList', l.json]);
      assert.equal(l.json.total, 1);
      assert.equal(l.json.items[0].id, created.id);
      assert.equal(l.json.items[0].id_number_masked, masked(fx.id));
      assert.ok(!l.text.includes(fx.id));
      const x = await director.get(`/api/v1/children/export.xlsx?q=${encodeURIComponent('鲁晓曦')}`);
      assert.equal(x.status, 200, x.text);
      assert.match(x.headers.get('content-type') ?? '', /spreadsheetml/);
      const cells = xlsxText(x.buf);
      assert.ok(cells.includes('鲁晓曦'), 'export lists the child');
      assert.ok(cells.includes(masked(fx.id)), 'export shows the masked number');
      assert.ok(!cells.includes(fx.id), 'export never holds the clear number');
      assert.ok(!x.buf.includes(Buffer.from(fx.id)), 'nor anywhere in the file');
    });

    it('GET by id answers the same file', async () => {
      const r = await director.get(`/api/v1/children/${created.id}`);
      assert.equal(r.status, 200, r.text);
      seen.push(['Child', r.json]);
      const { warnings: _w1, ...a } = r.json;
      const { warnings: _w2, ...b } = created;
      assert.deepEqual(a, b);
    });

    it('a wrong check character is a 400 on id_number with a Chinese message', async () => {
      const f = leftBehind({ name: '鲁校验' });
      const r = await director.post('/api/v1/children', { ...f.body, id_number: badCheck(f.id) });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.code, 'invalid');
      assert.equal(r.json.error.field, 'id_number');
      assert.match(r.json.error.message, CJK);
      assert.match(r.json.error.message, /校验/);
      seen.push(['Error', r.json]);
    });

    it('other ID number faults: length, a date that does not exist, a future birth', async () => {
      const f = leftBehind({ name: '鲁号码' });
      const future = addDays(TODAY, 3).replaceAll('-', '');
      const n17 = `500241${future}901`;
      for (const bad of ['50024120150101', '500241201502300011', n17 + checkChar(n17)]) {
        const r = await director.post('/api/v1/children', { ...f.body, id_number: bad });
        assert.equal(r.status, 400, `${bad}: ${r.text}`);
        assert.equal(r.json.error.field, 'id_number', bad);
        assert.match(r.json.error.message, CJK);
      }
    });

    it('birth date or sex that disagree with the ID number are refused', async () => {
      const f = leftBehind({ name: '鲁不符', male: true });
      let r = await director.post('/api/v1/children', { ...f.body, birth_date: addDays(f.birth, 1) });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'birth_date');
      r = await director.post('/api/v1/children', { ...f.body, sex: 'F' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'sex');
      r = await director.post('/api/v1/children', { ...f.body, sex: 'M', birth_date: f.birth });
      assert.equal(r.status, 201, 'agreeing values are accepted');
    });

    it('an adult (18 or over) is not registered', async () => {
      const f = leftBehind({ name: '鲁成年' });
      const birth = yearsBefore(18);
      const r = await director.post('/api/v1/children', { ...f.body, id_number: makeId(birth) });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'id_number');
      assert.match(r.json.error.message, /18/);
    });

    it('a village outside the director\'s scope is a 400 on region_code', async () => {
      const f = leftBehind({ name: '鲁越界', region: REGION.xinyuan });
      const r = await director.post('/api/v1/children', f.body);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'region_code');
      assert.match(r.json.error.message, CJK);
      const far = await director.post('/api/v1/children', { ...f.body, region_code: REGION.dongfeng });
      assert.equal(far.status, 400, far.text);
      assert.equal(far.json.error.field, 'region_code');
      const none = await county.get(`/api/v1/children?q=${encodeURIComponent('鲁越界')}`);
      assert.equal(none.json.total, 0, 'nothing was stored');
    });

    it('a town (or the county) instead of a village is a 400 on region_code', async () => {
      for (const region of [REGION.aikou, REGION.xiushan]) {
        const f = leftBehind({ name: '鲁乡镇', region });
        const r = await county.post('/api/v1/children', f.body);
        assert.equal(r.status, 400, `${region}: ${r.text}`);
        assert.equal(r.json.error.field, 'region_code');
        assert.match(r.json.error.message, /村/);
      }
    });

    it('the town supervisor registers in any village of its town', async () => {
      const f = leftBehind({ name: '鲁新院', region: REGION.xinyuan });
      const r = await town.post('/api/v1/children', f.body);
      assert.equal(r.status, 201, r.text);
      assert.match(r.json.region_name, /^新院村/);
      const d = await director.get(`/api/v1/children/${r.json.id}`);
      assert.equal(d.status, 404, 'not the director\'s village');
    });

    it('categories follow the facts: urban hukou, one parent at home, 16 or over', async () => {
      const urban = leftBehind({ name: '鲁城镇', extra: { hukou_type: 'urban' } });
      let r = await director.post('/api/v1/children', urban.body);
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json.categories, ['urban_left_behind']);
      const home = leftBehind({ name: '鲁在家' });
      home.body.members[1] = { ...home.body.members[1], status: 'home', outside_county: false };
      r = await director.post('/api/v1/children', home.body);
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json.categories, [], 'mother at home: not left behind');
      const inCounty = leftBehind({ name: '鲁县内' });
      inCounty.body.members[0] = { ...inCounty.body.members[0], outside_county: false, away_place: '秀山县城' };
      r = await director.post('/api/v1/children', inCounty.body);
      assert.equal(r.status, 201, r.text);
      assert.ok(!r.json.categories.includes('rural_left_behind'), 'working inside the county is not away');
      const recent = leftBehind({ name: '鲁新近' });
      recent.body.members[1] = { ...recent.body.members[1], since: addDays(TODAY, -100) };
      r = await director.post('/api/v1/children', recent.body);
      assert.equal(r.status, 201, r.text);
      assert.ok(!r.json.categories.includes('rural_left_behind'), 'away for less than 6 months');
      const old = leftBehind({ name: '鲁十七', age: 16 });
      r = await director.post('/api/v1/children', old.body);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.age, 16);
      assert.ok(!r.json.categories.includes('rural_left_behind'), '16 or over: not left behind');
      const orphan = leftBehind({ name: '鲁孤儿' });
      orphan.body.members[0] = { relation: 'father', name: '鲁父', status: 'dead' };
      orphan.body.members[1] = { relation: 'mother', name: '葛母', status: 'missing', since: yearsBefore(3) };
      r = await director.post('/api/v1/children', orphan.body);
      assert.equal(r.status, 201, r.text);
      assert.ok(r.json.categories.includes('orphan'), JSON.stringify(r.json.categories));
      assert.ok(!r.json.categories.includes('rural_left_behind'));
    });
  });

  describe('duplicates', () => {
    it('the same ID number inside the caller\'s scope: 409 duplicate with existing_id', async () => {
      const f = leftBehind({ name: '葛重号' });
      const first = await director.post('/api/v1/children', f.body);
      assert.equal(first.status, 201, first.text);
      const again = await director.post('/api/v1/children', { ...f.body, name: '葛重号二' });
      assert.equal(again.status, 409, again.text);
      assert.equal(again.json.error.code, 'duplicate');
      assert.equal(again.json.error.existing_id, first.json.id);
      assert.match(again.json.error.message, /已登记/);
      seen.push(['Error', again.json]);
      // the lower-case x of a number is the same number
      const x = leftBehind({ name: '葛小写' });
      const id = makeId(x.birth, true, { end: 'X' });
      const up = await director.post('/api/v1/children', { ...x.body, id_number: id });
      assert.equal(up.status, 201, up.text);
      const low = await director.post('/api/v1/children', { ...x.body, id_number: id.toLowerCase() });
      assert.equal(low.status, 409, low.text);
      assert.equal(low.json.error.existing_id, up.json.id);
      const list = await county.get(`/api/v1/children?q=${encodeURIComponent('葛重号')}`);
      assert.equal(list.json.total, 1, 'only the first was stored');
    });

    it('the same ID number outside the caller\'s scope: 409 without id, name or place', async () => {
      const f = leftBehind({ name: '葛东风', region: REGION.dongfeng });
      const first = await county.post('/api/v1/children', {
        ...f.body,
        hukou_address: '重庆市秀山土家族苗族自治县中和街道东风社区8号',
        current_address: '重庆市秀山土家族苗族自治县中和街道东风社区8号',
      });
      assert.equal(first.status, 201, first.text);
      const tried = await town.post('/api/v1/children', { ...f.body, name: '葛隘口', region_code: REGION.pingsuo });
      assert.equal(tried.status, 409, tried.text);
      assert.equal(tried.json.error.code, 'duplicate');
      assert.ok(!('existing_id' in tried.json.error), `no existing_id: ${tried.text}`);
      assert.equal(tried.json.error.message, '该儿童已在其他地区登记，请联系县级民政部门核实');
      for (const leak of ['葛东风', '东风', '中和', REGION.dongfeng, String(first.json.id), masked(f.id)]) {
        assert.ok(!tried.text.includes(leak), `the answer leaks ${leak}: ${tried.text}`);
      }
      // the county, whose scope holds both, is told which file it is
      const c = await county.post('/api/v1/children', { ...f.body, name: '葛县里' });
      assert.equal(c.status, 409, c.text);
      assert.equal(c.json.error.existing_id, first.json.id);
    });

    it('same name, birth date and village without the same ID: 201 with a warning', async () => {
      const f = leftBehind({ name: '葛同名' });
      const first = await director.post('/api/v1/children', f.body);
      assert.equal(first.status, 201, first.text);
      assert.deepEqual(first.json.warnings, []);
      const other = await director.post('/api/v1/children', { ...f.body, id_number: makeId(f.birth, true) });
      assert.equal(other.status, 201, other.text);
      assert.notEqual(other.json.id, first.json.id);
      assert.equal(other.json.warnings.length, 1, other.text);
      assert.match(other.json.warnings[0], /^可能重复/);
      // another village: no warning
      const elsewhere = await town.post('/api/v1/children', {
        ...f.body,
        id_number: makeId(f.birth, true),
        region_code: REGION.xinyuan,
      });
      assert.equal(elsewhere.status, 201, elsewhere.text);
      assert.deepEqual(elsewhere.json.warnings, []);
    });
  });

  describe('editing', () => {
    let fx;
    let file;
    before(async () => {
      fx = leftBehind({ name: '闵修改', male: true });
      const r = await director.post('/api/v1/children', fx.body);
      assert.equal(r.status, 201, r.text);
      file = r.json;
    });

    it('the file sent back as read changes nothing but the version', async () => {
      const r = await director.put(`/api/v1/children/${file.id}`, file);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.version, file.version + 1);
      const h = await director.get(`/api/v1/children/${file.id}/history`);
      assert.equal(h.status, 200, h.text);
      assert.deepEqual(h.json.map((x) => x.field), ['建档'], `history: ${h.text}`);
      const s = await director.get(`/api/v1/children/${file.id}/sensitive`);
      assert.equal(s.json.id_number, fx.id, 'the ID number was kept');
      assert.equal(s.json.members[0].id_number, fx.body.members[0].id_number, 'the members\' numbers were kept');
      assert.equal(s.json.members[0].phone, '13912345601');
      assert.equal(s.json.caregiver.phone, '13912345603');
      file = r.json;
    });

    it('PUT with the current version: 200, and the history says who changed what', async () => {
      const newId = makeId(fx.birth, true);
      const body = {
        ...file,
        id_number: newId,
        current_address: '重庆市秀山土家族苗族自治县中和街道东风社区8号',
        school_grade: '五年级',
        members: file.members.map((m) => (m.relation === 'mother' ? { ...m, status: 'home', outside_county: false, away_place: null } : m)),
      };
      const r = await director.put(`/api/v1/children/${file.id}`, body);
      assert.equal(r.status, 200, r.text);
      seen.push(['Child', r.json]);
      assert.equal(r.json.version, file.version + 1);
      assert.equal(r.json.current_address, body.current_address);
      assert.equal(r.json.school_grade, '五年级');
      assert.equal(r.json.id_number_masked, masked(newId));
      assert.deepEqual(r.json.categories, [], 'mother at home now: no longer left behind');
      const h = await director.get(`/api/v1/children/${file.id}/history`);
      assert.equal(h.status, 200, h.text);
      seen.push(['ChildHistory', h.json]);
      const row = (label) => h.json.find((x) => x.field === label);
      assert.equal(row('现住址')?.new, body.current_address, h.text);
      assert.equal(row('现住址').old, fx.body.current_address);
      assert.equal(row('现住址').username, 'director');
      assert.equal(row('年级')?.new, '五年级');
      assert.ok(row('家庭成员'), 'members changed');
      const idRow = row('身份证号码');
      assert.ok(idRow, h.text);
      assert.equal(idRow.old, masked(fx.id));
      assert.equal(idRow.new, masked(newId));
      for (const secret of [fx.id, newId, fx.body.members[0].id_number, '13912345601']) {
        assert.ok(!h.text.includes(secret), `history holds ${secret}`);
      }
      file = r.json;
      fx.id = newId;
    });

    it('PUT with a stale version: 409 conflict and nothing changes', async () => {
      const r = await director.put(`/api/v1/children/${file.id}`, { ...file, version: file.version - 1, notes: '不应保存' });
      assert.equal(r.status, 409, r.text);
      assert.equal(r.json.error.code, 'conflict');
      assert.match(r.json.error.message, CJK);
      const now = await director.get(`/api/v1/children/${file.id}`);
      assert.equal(now.json.version, file.version);
      assert.equal(now.json.notes, null);
    });

    it('PUT without a version is refused', async () => {
      const { version: _v, ...body } = file;
      const r = await director.put(`/api/v1/children/${file.id}`, body);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'version');
    });

    it('id_number left out or null keeps the stored number', async () => {
      const { id_number_masked: _m, ...body } = file;
      let r = await director.put(`/api/v1/children/${file.id}`, { ...body, notes: '第一次' });
      assert.equal(r.status, 200, r.text);
      r = await director.put(`/api/v1/children/${file.id}`, { ...body, version: r.json.version, id_number: null, notes: '第二次' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id_number_masked, masked(fx.id));
      const s = await director.get(`/api/v1/children/${file.id}/sensitive`);
      assert.equal(s.json.id_number, fx.id);
      file = r.json;
    });

    it('changing to another registered child\'s number is a duplicate', async () => {
      const other = leftBehind({ name: '闵另一' });
      const o = await director.post('/api/v1/children', other.body);
      assert.equal(o.status, 201, o.text);
      const r = await director.put(`/api/v1/children/${file.id}`, { ...file, id_number: other.id, birth_date: null, sex: null });
      assert.equal(r.status, 409, r.text);
      assert.equal(r.json.error.code, 'duplicate');
      assert.equal(r.json.error.existing_id, o.json.id);
    });

    it('a file outside the scope cannot be changed (404)', async () => {
      const f = leftBehind({ name: '闵新院', region: REGION.xinyuan });
      const c = await town.post('/api/v1/children', f.body);
      assert.equal(c.status, 201, c.text);
      const r = await director.put(`/api/v1/children/${c.json.id}`, { ...c.json, notes: '越界' });
      assert.equal(r.status, 404, r.text);
      const m = await director.put(`/api/v1/children/${c.json.id}`, { ...c.json, region_code: REGION.pingsuo });
      assert.equal(m.status, 404, m.text);
    });
  });

  describe('exit and reactivation', () => {
    let file;
    before(async () => {
      const f = leftBehind({ name: '闵退出', age: 15 });
      const r = await director.post('/api/v1/children', f.body);
      assert.equal(r.status, 201, r.text);
      file = r.json;
    });

    it('a future exit date, an unknown reason or a missing date are refused', async () => {
      let r = await director.post(`/api/v1/children/${file.id}/exit`, { reason: 'age_16', date: addDays(TODAY, 1) });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'date');
      r = await director.post(`/api/v1/children/${file.id}/exit`, { reason: 'bored', date: TODAY });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'reason');
      r = await director.post(`/api/v1/children/${file.id}/exit`, { reason: 'age_16' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'date');
      r = await director.post(`/api/v1/children/${file.id}/exit`, { reason: 'age_16', date: '2026-02-30' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'date');
      const still = await director.get(`/api/v1/children/${file.id}`);
      assert.equal(still.json.status, 'active');
    });

    it('exit with reason and date: status exited, the file is read-only, the list finds it', async () => {
      const r = await director.post(`/api/v1/children/${file.id}/exit`, { reason: 'age_16', date: TODAY, note: '年满16周岁' });
      assert.equal(r.status, 200, r.text);
      seen.push(['Child', r.json]);
      assert.equal(r.json.status, 'exited');
      assert.equal(r.json.exit.reason, 'age_16');
      assert.equal(r.json.exit.date, TODAY);
      assert.equal(r.json.exit.note, '年满16周岁');
      const put = await director.put(`/api/v1/children/${file.id}`, { ...r.json, notes: '退出后修改' });
      assert.equal(put.status, 400, put.text);
      assert.match(put.json.error.message, CJK);
      const again = await director.post(`/api/v1/children/${file.id}/exit`, { reason: 'age_16', date: TODAY });
      assert.equal(again.status, 400, again.text);
      const q = encodeURIComponent('闵退出');
      const exited = await director.get(`/api/v1/children?status=exited&q=${q}`);
      assert.deepEqual(exited.json.items.map((c) => c.id), [file.id]);
      assert.equal(exited.json.items[0].status, 'exited');
      const active = await director.get(`/api/v1/children?status=active&q=${q}`);
      assert.equal(active.json.total, 0);
      const all = await director.get(`/api/v1/children?q=${q}`);
      assert.equal(all.json.total, 1, 'without a status filter the file is still listed');
      const x = await director.get(`/api/v1/children/export.xlsx?status=exited&q=${q}`);
      assert.ok(xlsxText(x.buf).includes('已退出'));
    });

    it('reactivate: active again and editable; the history records both', async () => {
      const r = await director.post(`/api/v1/children/${file.id}/reactivate`, { note: '误操作，恢复' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'active');
      assert.equal(r.json.exit, null);
      const again = await director.post(`/api/v1/children/${file.id}/reactivate`, {});
      assert.equal(again.status, 400, 'already active');
      const put = await director.put(`/api/v1/children/${file.id}`, { ...r.json, notes: '恢复后修改' });
      assert.equal(put.status, 200, put.text);
      const h = await director.get(`/api/v1/children/${file.id}/history`);
      const fields = h.json.map((x) => x.field);
      assert.ok(fields.includes('退出关爱') && fields.includes('恢复关爱'), fields.join());
      const noBody = await director.post(`/api/v1/children/${file.id}/exit`, { reason: 'moved_away', date: addDays(TODAY, -3) });
      assert.equal(noBody.status, 200, noBody.text);
      const back = await director.post(`/api/v1/children/${file.id}/reactivate`);
      assert.equal(back.status, 200, `reactivate without a body: ${back.text}`);
    });

    it('roles without child:write cannot exit or reactivate', async () => {
      const police = await loginFresh(srv.url, 'police');
      const r = await police.post(`/api/v1/children/${file.id}/exit`, { reason: 'other', date: TODAY });
      assert.equal(r.status, 403, r.text);
      const p = await police.put(`/api/v1/children/${file.id}`, file);
      assert.equal(p.status, 403, p.text);
      const c = await police.post('/api/v1/children', leftBehind({ name: '闵警察' }).body);
      assert.equal(c.status, 403, c.text);
    });
  });

  describe('bad input', () => {
    const base = () => leftBehind({ name: '葛输入' }).body;
    const post = (body) => director.post('/api/v1/children', body);
    const expectField = async (body, field, what) => {
      const r = await post(body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid', what);
      assert.equal(r.json.error.field, field, `${what}: ${r.text}`);
      assert.match(r.json.error.message, CJK, what);
    };

    it('an unknown field names it', async () => {
      await expectField({ ...base(), nickname: '小葛' }, 'nickname', 'unknown top-level field');
      const b = base();
      b.members[0].hobby = 'x';
      await expectField(b, 'members[0].hobby', 'unknown member field');
      const c = base();
      c.caregiver.age = 60;
      await expectField(c, 'caregiver.age', 'unknown caregiver field');
    });

    it('a member\'s bad value names members[i].field', async () => {
      const b = base();
      b.members[1].status = 'abroad';
      await expectField(b, 'members[1].status', 'member status');
      const c = base();
      c.members[2].relation = 'cousin';
      await expectField(c, 'members[2].relation', 'member relation');
      const d = base();
      d.members[0].id_number = badCheck(d.members[0].id_number);
      await expectField(d, 'members[0].id_number', 'member ID number');
      const e = base();
      e.members[1].phone = '12345';
      await expectField(e, 'members[1].phone', 'member phone');
      const f = base();
      f.members[0].since = addDays(TODAY, 10);
      await expectField(f, 'members[0].since', 'member since in the future');
      const g = base();
      delete g.members[1].name;
      await expectField(g, 'members[1].name', 'member without a name');
    });

    it('wrong types are refused with the field', async () => {
      await expectField({ ...base(), name: 123 }, 'name', 'name as a number');
      await expectField({ ...base(), boarding: 'yes' }, 'boarding', 'boolean as a string');
      await expectField({ ...base(), members: { relation: 'father' } }, 'members', 'members as an object');
      await expectField({ ...base(), recorded_categories: 'rural_left_behind' }, 'recorded_categories', 'categories as a string');
      await expectField({ ...base(), disability_grade: '2' }, 'disability_grade', 'grade as a string');
      const b = base();
      b.members[0].outside_county = 1;
      await expectField(b, 'members[0].outside_county', 'member boolean as a number');
      await expectField({ ...base(), caregiver: '冉桂花' }, 'caregiver', 'caregiver as a string');
    });

    it('bad values and missing fields are refused with the field', async () => {
      const { name: _n, ...noName } = base();
      await expectField(noName, 'name', 'no name');
      const { id_number: _i, ...noId } = base();
      await expectField(noId, 'id_number', 'no ID number');
      const { region_code: _r, ...noRegion } = base();
      await expectField(noRegion, 'region_code', 'no village');
      const { hukou_type: _h, ...noHukou } = base();
      await expectField(noHukou, 'hukou_type', 'no hukou type');
      await expectField({ ...base(), hukou_type: 'city' }, 'hukou_type', 'bad hukou type');
      await expectField({ ...base(), ethnicity: '火星族' }, 'ethnicity', 'unknown ethnicity');
      await expectField({ ...base(), school_stage: 'college' }, 'school_stage', 'bad school stage');
      await expectField({ ...base(), recorded_categories: ['rich'] }, 'recorded_categories', 'bad category');
      await expectField({ ...base(), health: 'disabled' }, 'disability_kind', 'disabled without a kind');
      await expectField({ ...base(), health: 'ill' }, 'illness', 'ill without an illness');
      const c = base();
      c.caregiver.phone = '1391234';
      await expectField(c, 'caregiver.phone', 'caregiver phone');
      const d = base();
      d.caregiver.checks = ['sleeps_late'];
      await expectField(d, 'caregiver.checks', 'caregiver check');
      await expectField({ ...base(), region_code: '5002411032' }, 'region_code', 'short region code');
    });

    it('a body that is not a JSON object is bad_json; nothing was stored', async () => {
      for (const body of ['{"name":', '[]', '"x"']) {
        const r = await director.post('/api/v1/children', body);
        assert.equal(r.status, 400, `${body}: ${r.text}`);
        assert.equal(r.json.error.code, 'bad_json');
      }
      const l = await county.get(`/api/v1/children?q=${encodeURIComponent('葛输入')}`);
      assert.equal(l.json.total, 0);
    });
  });

  it('the answers follow the schemas of openapi.json', async () => {
    const dicts = await director.get('/api/v1/child-dicts');
    assert.equal(dicts.status, 200);
    seen.push(['ChildDicts', dicts.json]);
    const some = (await county.get('/api/v1/children?page_size=100')).json;
    seen.push(['ChildList', some]);
    for (const c of some.items.slice(0, 30)) seen.push(['Child', (await county.get(`/api/v1/children/${c.id}`)).json]);
    seen.push(['ChildSensitive', (await county.get(`/api/v1/children/${some.items[0].id}/sensitive`)).json]);
    const schema = (name) =>
      name === 'ChildHistory' ? { type: 'array', items: { $ref: '#/components/schemas/ChildHistoryEntry' } } : { $ref: `#/components/schemas/${name}` };
    const errors = [];
    for (const [name, value] of seen) {
      for (const e of checkSchema(openapi, schema(name), value)) errors.push(`${name} ${e}`);
    }
    assert.deepEqual(errors.slice(0, 20), []);
    // every code the dictionaries list is one the schemas allow
    const cats = openapi.components.schemas.ChildSummary.properties.categories.items.enum;
    assert.deepEqual(dicts.json.categories.map((c) => c.code).sort(), [...cats].sort());
    const statuses = openapi.components.schemas.Member.properties.status.enum;
    assert.deepEqual(dicts.json.member_statuses.map((c) => c.code).sort(), [...statuses].sort());
  });

  it('the dictionaries: every list of docs/API.md, and each category with its rule', async () => {
    const r = await town.get('/api/v1/child-dicts');
    assert.equal(r.status, 200, r.text);
    for (const k of ['ethnicities', 'relations', 'member_statuses', 'categories', 'school_stages', 'schooling_statuses', 'health', 'disability_kinds', 'exit_reasons', 'economic', 'caregiver_checks']) {
      assert.ok(Array.isArray(r.json[k]) && r.json[k].length > 0, `child-dicts lacks ${k}`);
      for (const x of r.json[k]) assert.ok(x.code && CJK.test(x.name), `${k}: ${JSON.stringify(x)}`);
    }
    assert.equal(r.json.ethnicities.length, 56);
    assert.ok(r.json.ethnicities.some((x) => x.code === '土家族'));
    assert.deepEqual(r.json.exit_reasons.map((x) => x.code), ['age_16', 'age_18', 'parents_returned', 'moved_away', 'died', 'other']);
    const rural = r.json.categories.find((x) => x.code === 'rural_left_behind');
    assert.equal(rural?.name, '农村留守儿童');
    for (const x of r.json.categories) assert.match(x.rule ?? '', CJK, `category ${x.code} has no rule: ${JSON.stringify(x)}`);
  });
});
