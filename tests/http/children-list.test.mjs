// tests/http/children-list.test.mjs — the children list's filters as a county user uses them
// (docs/API.md "Children"): derived category, age bounds judged on today's date in China Standard
// Time (a child whose 16th birthday is today is 16), school stage and status, the mismatch view,
// children turning 16 or 18 within 60 days, name search with one, two, three and four characters,
// sorting and paging, and bad parameters.
//
// Fixtures all carry the compound surname 欧阳, which no demo child has, so `q=欧阳` isolates them
// from the demo county's ~5,000 children; the same filters without q are checked on the demo data.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION, todayCST } from '../lib/demo.mjs';
import { xlsxText } from '../lib/xlsx.mjs';

const TODAY = todayCST();
const pad = (n) => String(n).padStart(2, '0');
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function yearsBefore(n, date = TODAY) {
  const [y, m, d] = date.split('-').map(Number);
  return m === 2 && d === 29 && !leap(y - n) ? `${y - n}-02-28` : `${y - n}-${pad(m)}-${pad(d)}`;
}
/** The day someone born on BIRTH turns N (29 February counts on 1 March in common years). */
function birthday(birth, n) {
  const [y, m, d] = birth.split('-').map(Number);
  return m === 2 && d === 29 && !leap(y + n) ? `${y + n}-03-01` : `${y + n}-${pad(m)}-${pad(d)}`;
}
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (s17) => '10X98765432'[[...s17].reduce((s, c, i) => s + Number(c) * W[i], 0) % 11];
const issued = new Set();
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
const enc = encodeURIComponent;

const away = (since) => [
  { relation: 'father', name: '欧阳国强', status: 'away', away_place: '江苏省苏州市', outside_county: true, since },
  { relation: 'mother', name: '彭春燕', status: 'away', away_place: '江苏省苏州市', outside_county: true, since },
];
const home = [
  { relation: 'father', name: '欧阳国富', status: 'home' },
  { relation: 'mother', name: '吴春兰', status: 'home' },
];

/**
 * key: name, birth date, the rest of the body. The birth dates put the boundaries on today:
 * F2 turns 16 today, F3 turns 16 tomorrow, F7 in 60 days, F8 in 61 days, F5 turns 18 in 30 days.
 */
const FIXTURES = {
  F1: ['欧阳翀', addDays(yearsBefore(10), -50), { school_stage: 'primary', members: away(yearsBefore(2)), recorded_categories: ['rural_left_behind'] }],
  F2: ['欧阳珂', yearsBefore(16), { school_stage: 'senior', members: away(yearsBefore(2)), recorded_categories: ['rural_left_behind'] }],
  F3: ['欧阳岚', addDays(yearsBefore(16), 1), { school_stage: 'junior', members: away(yearsBefore(2)), recorded_categories: [] }],
  F4: ['欧阳骁', addDays(yearsBefore(5), -100), { school_stage: 'kindergarten', hukou_type: 'urban', economic: 'dibao', members: home, recorded_categories: ['dibao', 'hardship_poverty'] }],
  F5: ['欧阳沅澧', addDays(yearsBefore(18), 30), { school_stage: 'vocational', health: 'disabled', disability_kind: 'physical', disability_grade: 2, members: home, recorded_categories: ['disabled', 'hardship_disability'] }],
  F6: ['欧阳翀岚', addDays(yearsBefore(14), -10), {
    school_stage: 'junior',
    schooling_status: 'dropped_out',
    members: [{ relation: 'father', name: '欧阳国安', status: 'dead' }, home[1]],
    recorded_categories: ['single_parent'],
  }],
  F7: ['欧阳曦', addDays(yearsBefore(16), 60), { school_stage: 'junior', members: home, recorded_categories: [] }],
  F8: ['欧阳澜', addDays(yearsBefore(16), 61), { school_stage: 'junior', members: home, recorded_categories: [] }],
};

describe('children: list filters', () => {
  let srv;
  let county;
  const kids = {}; // key → ChildSummary-like file
  const idOf = {}; // id → key
  before(async () => {
    srv = await startServer();
    county = await loginFresh(srv.url, 'county');
    let n = 0;
    for (const [key, [name, birth, extra]] of Object.entries(FIXTURES)) {
      const region = [REGION.pingsuo, REGION.xinyuan, REGION.dongfeng][n++ % 3];
      const r = await county.post('/api/v1/children', {
        name,
        id_number: makeId(birth, n % 2 === 1),
        region_code: region,
        hukou_type: 'rural',
        schooling_status: 'in_school',
        ...extra,
      });
      assert.equal(r.status, 201, `${name}: ${r.text}`);
      kids[key] = r.json;
      idOf[r.json.id] = key;
    }
  });
  after(async () => {
    await srv?.stop();
  });

  /** The fixture keys a list answers (with q=欧阳 added), in the order given. */
  async function keys(query, { sorted = true } = {}) {
    const r = await county.get(`/api/v1/children?q=${enc('欧阳')}&page_size=100${query ? `&${query}` : ''}`);
    assert.equal(r.status, 200, `${query}: ${r.text}`);
    assert.equal(r.json.total, r.json.items.length, 'total');
    const out = r.json.items.map((x) => idOf[x.id] ?? `other:${x.name}`);
    return sorted ? out.sort() : out;
  }
  /** Every item of the whole (demo) list under QUERY, up to 5 pages. */
  async function demoItems(query) {
    const out = [];
    let total = 0;
    for (let page = 1; page <= 5; page++) {
      const r = await county.get(`/api/v1/children?${query}&page=${page}&page_size=100`);
      assert.equal(r.status, 200, `${query}: ${r.text}`);
      out.push(...r.json.items);
      total = r.json.total;
      if (out.length >= total) break;
    }
    return { items: out, total };
  }

  it('fixtures: ages and derived categories as of today', () => {
    const age = (k) => kids[k].age;
    assert.equal(age('F2'), 16, 'the 16th birthday is today: 16');
    assert.equal(age('F3'), 15, 'the 16th birthday is tomorrow: 15');
    assert.equal(age('F5'), 17);
    assert.equal(age('F7'), 15);
    assert.deepEqual(kids.F1.categories, ['rural_left_behind']);
    assert.deepEqual(kids.F2.categories, [], 'not left behind from the 16th birthday on');
    assert.deepEqual(kids.F3.categories, ['rural_left_behind'], 'still left behind the day before');
    assert.deepEqual(kids.F4.categories, ['dibao', 'hardship_poverty']);
    assert.deepEqual(kids.F5.categories, ['disabled', 'hardship_disability']);
    assert.deepEqual(kids.F6.categories, ['single_parent']);
  });

  it('category filters by the derived categories', async () => {
    assert.deepEqual(await keys('category=rural_left_behind'), ['F1', 'F3']);
    assert.deepEqual(await keys('category=dibao'), ['F4']);
    assert.deepEqual(await keys('category=hardship_disability'), ['F5']);
    assert.deepEqual(await keys('category=single_parent'), ['F6']);
    assert.deepEqual(await keys('category=urban_left_behind'), []);
    const { items, total } = await demoItems('category=rural_left_behind');
    assert.ok(total > 100, `the demo county has left-behind children: ${total}`);
    for (const x of items) assert.ok(x.categories.includes('rural_left_behind'), x.name);
  });

  it('age_min and age_max count whole years on today\'s date', async () => {
    assert.deepEqual(await keys('age_min=16'), ['F2', 'F5']);
    assert.deepEqual(await keys('age_min=16&age_max=16'), ['F2']);
    assert.deepEqual(await keys('age_max=15'), ['F1', 'F3', 'F4', 'F6', 'F7', 'F8']);
    assert.deepEqual(await keys('age_min=15&age_max=15'), ['F3', 'F7', 'F8']);
    assert.deepEqual(await keys('age_min=17'), ['F5']);
    assert.deepEqual(await keys('age_min=5&age_max=5'), ['F4']);
    assert.deepEqual(await keys('age_max=4'), []);
    assert.deepEqual(await keys('age_min=0&age_max=17'), Object.keys(FIXTURES).sort());
    const { items } = await demoItems('age_min=6&age_max=11');
    for (const x of items) assert.ok(x.age >= 6 && x.age <= 11, `${x.name} is ${x.age}`);
  });

  it('school stage and schooling status', async () => {
    assert.deepEqual(await keys('school_stage=primary'), ['F1']);
    assert.deepEqual(await keys('school_stage=junior'), ['F3', 'F6', 'F7', 'F8']);
    assert.deepEqual(await keys('school_stage=vocational'), ['F5']);
    assert.deepEqual(await keys('school_stage=junior&schooling_status=dropped_out'), ['F6']);
    const { items } = await demoItems('school_stage=kindergarten');
    for (const x of items) assert.equal(x.school_stage, 'kindergarten');
  });

  it('mismatch=1 lists files whose recorded categories differ from the derived ones', async () => {
    assert.deepEqual(await keys('mismatch=1'), ['F2', 'F3']);
    assert.equal(kids.F2.category_mismatch, true);
    assert.equal(kids.F1.category_mismatch, false);
    const f2 = (await county.get(`/api/v1/children/${kids.F2.id}`)).json;
    assert.deepEqual(f2.mismatch, { missing: [], extra: ['rural_left_behind'] });
    const f3 = (await county.get(`/api/v1/children/${kids.F3.id}`)).json;
    assert.deepEqual(f3.mismatch, { missing: ['rural_left_behind'], extra: [] });
    const { items, total } = await demoItems('mismatch=1');
    assert.ok(total > 50, `the demo county has mismatched files: ${total}`);
    for (const x of items) assert.equal(x.category_mismatch, true, x.name);
  });

  it('turning=1 lists children turning 16 or 18 within 60 days', async () => {
    assert.deepEqual(await keys('turning=1'), ['F3', 'F5', 'F7']);
    assert.deepEqual(kids.F3.turning, { age: 16, on: birthday(FIXTURES.F3[1], 16) });
    assert.deepEqual(kids.F5.turning, { age: 18, on: birthday(FIXTURES.F5[1], 18) });
    assert.deepEqual(kids.F7.turning, { age: 16, on: birthday(FIXTURES.F7[1], 16) });
    assert.equal(kids.F8.turning, null, '61 days away');
    assert.equal(kids.F2.turning, null, 'turned 16 today; 18 is two years away');
    assert.equal(kids.F1.turning, null);
    const { items } = await demoItems('turning=1');
    for (const x of items) {
      assert.ok(x.turning && [16, 18].includes(x.turning.age), `${x.name}: ${JSON.stringify(x.turning)}`);
      assert.ok(x.turning.on > TODAY && x.turning.on <= addDays(TODAY, 60), x.turning.on);
    }
  });

  it('q finds names containing one, two, three or four characters', async () => {
    const search = async (q) => {
      const r = await county.get(`/api/v1/children?q=${enc(q)}&page_size=100`);
      assert.equal(r.status, 200, r.text);
      return r.json.items.map((x) => idOf[x.id] ?? `other:${x.name}`).sort();
    };
    assert.deepEqual(await search('珂'), ['F2']);
    assert.deepEqual(await search('翀'), ['F1', 'F6']);
    assert.deepEqual(await search('欧阳'), Object.keys(FIXTURES).sort());
    assert.deepEqual(await search('翀岚'), ['F6']);
    assert.deepEqual(await search('阳岚'), ['F3']);
    assert.deepEqual(await search('欧阳翀'), ['F1', 'F6']);
    assert.deepEqual(await search('阳翀岚'), ['F6']);
    assert.deepEqual(await search('欧阳沅澧'), ['F5']);
    assert.deepEqual(await search('欧阳沅'), ['F5']);
    assert.deepEqual(await search('沅欧'), []);
    assert.deepEqual(await search('欧阳岚翀'), []);
    const long = await county.get(`/api/v1/children?q=${enc('欧'.repeat(31))}`);
    assert.equal(long.status, 400, long.text);
    assert.equal(long.json.error.field, 'q');
  });

  it('q and the other filters apply to the export too', async () => {
    const r = await county.get(`/api/v1/children/export.xlsx?q=${enc('欧阳')}&category=rural_left_behind`);
    assert.equal(r.status, 200, r.text);
    const text = xlsxText(r.buf);
    for (const [key, [name]] of Object.entries(FIXTURES)) {
      assert.equal(text.split('\n').includes(name), ['F1', 'F3'].includes(key), `export and ${name}`);
    }
    assert.ok(text.includes('农村留守儿童'), 'the categories in Chinese');
  });

  it('sort=name, sort=birth_date and sort=-updated_at', async () => {
    const names = (await keys('sort=name', { sorted: false })).map((k) => FIXTURES[k][0]);
    assert.deepEqual(names, [...names].sort(), 'by name (code point order)');
    const births = (await keys('sort=birth_date', { sorted: false })).map((k) => FIXTURES[k][1]);
    assert.deepEqual(births, [...births].sort(), 'oldest first');
    assert.equal(births[0], FIXTURES.F5[1]);
    const f = (await county.get(`/api/v1/children/${kids.F4.id}`)).json;
    await new Promise((res) => setTimeout(res, 20));
    const put = await county.put(`/api/v1/children/${kids.F4.id}`, { ...f, notes: '最近修改' });
    assert.equal(put.status, 200, put.text);
    const recent = await keys('sort=-updated_at', { sorted: false });
    assert.equal(recent[0], 'F4', `most recently changed first: ${recent}`);
    const bad = await county.get('/api/v1/children?sort=age');
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.field, 'sort');
  });

  it('paging: page_size pages through every match once', async () => {
    const seen = [];
    for (let page = 1; page <= 4; page++) {
      const r = await county.get(`/api/v1/children?q=${enc('欧阳')}&sort=name&page=${page}&page_size=3`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.total, 8);
      assert.equal(r.json.items.length, [3, 3, 2, 0][page - 1], `page ${page}`);
      seen.push(...r.json.items.map((x) => idOf[x.id]));
    }
    assert.deepEqual([...seen].sort(), Object.keys(FIXTURES).sort());
    assert.equal(new Set(seen).size, 8, 'no child twice');
    const first = await county.get('/api/v1/children');
    assert.equal(first.json.items.length, 20, 'default page size 20');
    assert.ok(first.json.total > 4000, 'the demo county');
    const capped = await county.get('/api/v1/children?page_size=500');
    assert.equal(capped.status, 200);
    assert.equal(capped.json.items.length, 100, 'page_size is capped at 100');
    for (const bad of ['page=0', 'page_size=0', 'page=x']) {
      const r = await county.get(`/api/v1/children?${bad}`);
      assert.equal(r.status, 400, `${bad}: ${r.text}`);
    }
  });

  it('status filter: active, exited, and both without it', async () => {
    const ex = await county.post(`/api/v1/children/${kids.F8.id}/exit`, { reason: 'moved_away', date: TODAY });
    assert.equal(ex.status, 200, ex.text);
    assert.deepEqual(await keys('status=exited'), ['F8']);
    assert.ok(!(await keys('status=active')).includes('F8'));
    assert.ok((await keys('')).includes('F8'));
    const back = await county.post(`/api/v1/children/${kids.F8.id}/reactivate`, {});
    assert.equal(back.status, 200, back.text);
    assert.deepEqual(await keys('status=exited'), []);
    const { total } = await demoItems('status=exited');
    assert.ok(total > 0, 'the demo has a few exited files');
  });

  it('region narrows to a subtree inside the scope', async () => {
    assert.deepEqual(await keys(`region=${REGION.pingsuo}`), ['F1', 'F4', 'F7']);
    assert.deepEqual(await keys(`region=${REGION.aikou}`), ['F1', 'F2', 'F4', 'F5', 'F7', 'F8']);
    const town = await loginFresh(srv.url, 'town');
    const r = await town.get(`/api/v1/children?region=${REGION.dongfeng}`);
    assert.equal(r.status, 400, `a region outside the town: ${r.text}`);
    assert.equal(r.json.error.field, 'region');
  });

  it('bad parameters are 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['age_min=-1', 'age_min'],
      ['age_min=abc', 'age_min'],
      ['age_max=1.5', 'age_max'],
      ['category=rich', 'category'],
      ['school_stage=college', 'school_stage'],
      ['schooling_status=gone', 'schooling_status'],
      ['status=deleted', 'status'],
      ['id_number=123', 'id_number'],
      ['region=abc', 'region'],
      ['director=x', 'director'],
    ]) {
      const r = await county.get(`/api/v1/children?${query}`);
      assert.equal(r.status, 400, `${query}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid');
      assert.equal(r.json.error.field, field, query);
      const x = await county.get(`/api/v1/children/export.xlsx?${query}`);
      assert.equal(x.status, 400, `export ${query}: ${x.status}`);
    }
  });
});
