#!/usr/bin/env node
// bench/children/gen.mjs — deterministic synthetic children for bench/run-children.sh.
//
//   node bench/children/gen.mjs --villages V.tsv --headers H.txt --out DIR
//        [--count 1000000] [--batch 5000] [--seed 20261122] [--today YYYY-MM-DD]
//        [--cipher-lengths id=90,phone=80]
//
// V.tsv: one village a line, "code<TAB>village<TAB>town<TAB>county" (the server's regions table,
// level 5, in code order). H.txt: the header row of GET /api/v1/children/import-template.xlsx,
// one header a line; every column this script fills must be one of them (it stops otherwise).
//
// Writes, in DIR:
//   batches/NNNN.json  {"mode":"valid_rows","rows":[...]} with BATCH rows keyed by the template's
//                      Chinese headers, for POST /api/v1/children/import (NNNN from 0000)
//   raw/NNNN.sql       the same rows as they are stored (codes, not Chinese names), as plain
//                      INSERTs into children, child_members and child_caregivers: explicit ids,
//                      BEGIN/COMMIT around the batch (one transaction per BATCH rows), 500 rows
//                      per INSERT statement.
//                      No validation, encryption, name grams, history or audit: the encrypted
//                      columns get placeholders of the same length as the server's ciphertexts
//                      (--cipher-lengths) and the blind indexes a SHA-256 hex of the number
//                      (64 characters, random order, unique — like the real HMAC index).
//                      Valid SQL for SQLite and PostgreSQL alike.
//   names.txt          2,000 two-character name parts to search for, drawn from the generated
//                      names (a random adjacent pair of a random child's name: common parts
//                      come up as often as they are common)
//   meta.json          counts
//
// Same seed, villages, count and today: byte-identical output.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// ---- arguments --------------------------------------------------------------------------------
const args = Object.create(null);
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i];
  if (!k.startsWith('--') || i + 1 >= process.argv.length) {
    console.error(`gen.mjs: bad argument ${k}`);
    process.exit(2);
  }
  args[k.slice(2)] = process.argv[i + 1];
}
for (const k of ['villages', 'headers', 'out']) {
  if (!args[k]) {
    console.error(`gen.mjs: --${k} is required`);
    process.exit(2);
  }
}
const COUNT = Number(args.count ?? 1000000);
const BATCH = Number(args.batch ?? 5000);
const SEED = Number(args.seed ?? 20261122);
const ROWS_PER_INSERT = 500;
const cipherLen = { id: 90, phone: 80 };   // field_encrypt() of 18 and 11 bytes
for (const kv of (args['cipher-lengths'] ?? '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  cipherLen[k] = Number(v);
}
function cstToday() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}
const TODAY = args.today ?? cstToday();
const NOW_MS = Date.parse(`${TODAY}T12:00:00+08:00`);

// ---- deterministic randomness (xoshiro128**) ------------------------------------------------
let s0 = 0x9e3779b9 ^ SEED, s1 = 0x243f6a88, s2 = 0xb7e15162 ^ (SEED >>> 3), s3 = 0x85a308d3;
function next32() {
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
  return r;
}
function rotl(x, k) { return (x << k) | (x >>> (32 - k)); }
for (let i = 0; i < 32; i++) next32();
const rand = () => next32() / 4294967296;
const int = (n) => Math.floor(rand() * n);            // 0 .. n-1
const pick = (a) => a[int(a.length)];
const chance = (p) => rand() < p;
// weighted pick from [[value, weight], ...]
function weighted(list) {
  let total = 0;
  for (const [, w] of list) total += w;
  let x = rand() * total;
  for (const [v, w] of list) if ((x -= w) < 0) return v;
  return list[list.length - 1][0];
}
// Zipf-like pick: index i has weight 1/(i+1)^s
function zipfTable(n, s) {
  const cum = [];
  let t = 0;
  for (let i = 0; i < n; i++) cum.push((t += 1 / Math.pow(i + 1, s)));
  return cum.map((c) => c / t);
}
function zipfPick(a, cum) {
  const x = rand();
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < x) lo = mid + 1; else hi = mid;
  }
  return a[lo];
}

// ---- calendar -----------------------------------------------------------------------------------
const DAY = 86400000;
const today = Date.UTC(+TODAY.slice(0, 4), +TODAY.slice(5, 7) - 1, +TODAY.slice(8, 10));
const ymd = (t) => new Date(t).toISOString().slice(0, 10);
function yearsAgo(y) {
  const d = new Date(today);
  d.setUTCFullYear(d.getUTCFullYear() - y);
  return d.getTime();
}
const oldestChild = yearsAgo(18) + 7 * DAY;   // a week of margin: nobody turns 18 during a run
function ageOn(birth) {
  const b = new Date(birth), t = new Date(today);
  let a = t.getUTCFullYear() - b.getUTCFullYear();
  if (t.getUTCMonth() < b.getUTCMonth() ||
      (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate())) a--;
  return a;
}

// ---- identity numbers (GB 11643-1999) -----------------------------------------------------------
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * W[i];
  return '10X98765432'[sum % 11];
}
const usedSeq = new Map();   // county+birth+sex -> next k (children's numbers are unique)
function childId(county, birth, male) {
  const ds = ymd(birth).replaceAll('-', '');
  const key = county + ds + (male ? 1 : 0);
  const k = usedSeq.get(key) ?? 0;
  if (k >= 495) return null;
  usedSeq.set(key, k + 1);
  const seq = String(10 + 2 * k + (male ? 1 : 0)).padStart(3, '0');
  const f = county + ds + seq;
  return f + checkChar(f);
}
function adultId(county, birth, male) {   // parents: random sequence, not tracked
  const seq = String(2 * int(499) + (male ? 1 : 2)).padStart(3, '0');   // odd: men
  const f = county + ymd(birth).replaceAll('-', '') + seq;
  return f + checkChar(f);
}
const maskId = (n) => n.slice(0, 6) + '*'.repeat(10) + n.slice(16);   // as idcard_mask()
const maskPhone = (p) => p.slice(0, 3) + '****' + p.slice(7);
function phone() {
  return pick(['13', '15', '17', '18', '19']) + String(int(10)) + String(int(100000000)).padStart(8, '0');
}

// ---- names --------------------------------------------------------------------------------------
// Surnames roughly in the order of their frequency in Chongqing (陈 李 张 王 刘 ...).
const SURNAMES = [...'陈李张王刘杨周黄何谭罗邓唐吴赵徐胡冉谢彭向曾冯田蒋袁秦熊杜余汪郑程廖龙孙朱马高肖梁邹石韩付蒲文江蔡雷任苏段夏魏董姚钟叶卢潘万鲁覃黎卿牟游左涂易严方贺龚甘何'];
const SURNAME_CUM = zipfTable(SURNAMES.length, 1.0);
const GIVEN_CHARS = [...'子梓宇浩欣怡涵轩雨思佳俊杰博文一诗晨嘉明睿泽阳诺辰萱妍琪昊然馨悦瑶逸豪鑫婷颖雪晴彤芯若依心语可乐安航铭哲宸伟强勇磊军平华红丽芳敏静燕玲霞洋鹏飞翔宏家成志建国兴福春秋霖沐溪景皓奕恒煜'];
const GIVEN_CUM = zipfTable(GIVEN_CHARS.length, 0.9);
const POPULAR = ['梓涵', '子轩', '欣怡', '浩宇', '一诺', '雨桐', '梓萱', '宇轩', '诗涵', '俊杰', '思雨', '佳怡',
  '梓轩', '子墨', '若汐', '可欣', '浩然', '雨涵', '紫涵', '博文', '子涵', '欣妍', '梓睿', '诗琪', '明轩', '思涵',
  '语嫣', '皓轩', '雨萱', '嘉怡'];
const POPULAR_CUM = zipfTable(POPULAR.length, 0.8);
function givenName() {
  if (chance(0.3)) return zipfPick(POPULAR, POPULAR_CUM);
  const a = zipfPick(GIVEN_CHARS, GIVEN_CUM);
  return chance(0.7) ? a + zipfPick(GIVEN_CHARS, GIVEN_CUM) : a;
}
const surname = () => zipfPick(SURNAMES, SURNAME_CUM);
const ADULT_CHARS = [...'伟强勇磊军平华红丽芳敏静燕玲霞洋鹏飞翔宏家成志建国兴福春秋英秀兰桂珍梅琴云德明刚林波斌超涛'];
const ADULT_CUM = zipfTable(ADULT_CHARS.length, 0.7);
const adultGiven = () => zipfPick(ADULT_CHARS, ADULT_CUM) + (chance(0.75) ? zipfPick(ADULT_CHARS, ADULT_CUM) : '');

// ---- places and texts ---------------------------------------------------------------------------
const AWAY = [['广东省广州市', 14], ['广东省深圳市', 12], ['广东省东莞市', 10], ['浙江省宁波市', 7],
  ['浙江省杭州市', 5], ['福建省厦门市', 5], ['福建省泉州市', 4], ['江苏省苏州市', 5], ['上海市', 6],
  ['四川省成都市', 6], ['重庆市渝北区', 8], ['重庆市江北区', 5], ['新疆维吾尔自治区乌鲁木齐市', 2],
  ['北京市', 3]];
const ETHNIC = [['汉族', 90], ['土家族', 6], ['苗族', 3], ['侗族', 0.5], ['回族', 0.5]];
const ILLNESS = ['先天性心脏病', '白血病', '肾病综合征', '癫痫', '哮喘'];
const DISABILITY = ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'];
const DISABILITY_CODE = { 视力残疾: 'visual', 听力残疾: 'hearing', 言语残疾: 'speech', 肢体残疾: 'physical',
  智力残疾: 'intellectual', 精神残疾: 'mental', 多重残疾: 'multiple' };
const GRADES = ['一级', '二级', '三级', '四级'];
const CN_NUM = ['一', '二', '三', '四', '五', '六'];

// ---- inputs -------------------------------------------------------------------------------------
const villages = readFileSync(args.villages, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [code, name, town, county] = l.split('\t');
  return { code, name, town, county, countyCode: code.slice(0, 6), urban: /社区|居委会/.test(name) };
});
if (villages.length === 0) throw new Error('no villages');
const headers = new Set(readFileSync(args.headers, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean));

// ---- one child ----------------------------------------------------------------------------------
const STAGE = { none: '未入学', kindergarten: '幼儿园', primary: '小学', junior: '初中', senior: '高中',
  vocational: '中职' };
const STATUS = { home: '在家', away: '外出务工', dead: '死亡', prison: '服刑在押', lost_contact: '失联' };

function parent(v, male, childBirth, homeP) {
  const p = { male };
  p.name = (male ? v.surname : surname()) + adultGiven();
  const minAge = 20, span = 17;
  const birth = childBirth - (minAge + int(span)) * 365.25 * DAY - int(365) * DAY;
  p.birth = Math.floor(birth / DAY) * DAY;
  p.id = chance(0.85) ? adultId(chance(0.8) ? v.countyCode : pick(villages).countyCode, p.birth, male) : null;
  p.phone = chance(0.9) ? phone() : null;
  p.status = weighted([['away', 1 - homeP - 0.03], ['home', homeP], ['dead', 0.012], ['prison', 0.006],
    ['lost_contact', 0.012]]);
  if (p.status === 'away') {
    p.place = weighted(AWAY);
    p.outside = !p.place.startsWith('重庆市') || chance(0.7);
    p.since = ymd(today - (30 + int(5 * 365)) * DAY);
  } else if (p.status === 'dead' || p.status === 'lost_contact') {
    p.since = ymd(today - (30 + int(8 * 365)) * DAY);
  } else if (p.status === 'prison') {
    p.months = 12 + int(120);
  }
  return p;
}

function makeChild() {
  const v = pick(villages);
  const male = chance(0.52);
  const birth = oldestChild + int(Math.floor((today - DAY - oldestChild) / DAY) + 1) * DAY;
  const id = childId(v.countyCode, birth, male);
  if (!id) return null;
  const age = ageOn(birth);
  v.surname = surname();
  const c = { v, id, age, birth, male, name: v.surname + givenName() };
  c.rural = v.urban ? chance(0.3) : chance(0.95);
  c.ethnicity = weighted(ETHNIC);
  c.health = weighted([['healthy', 97], ['disabled', 1.5], ['ill', 1.5]]);
  if (c.health === 'disabled') { c.dkind = pick(DISABILITY); c.dgrade = pick(GRADES); }
  if (c.health === 'ill') c.illness = pick(ILLNESS);
  c.stage = age < 3 ? 'none' : age < 6 ? (chance(0.85) ? 'kindergarten' : 'none')
    : age < 12 ? 'primary' : age < 15 ? 'junior'
    : weighted([['senior', 65], ['vocational', 25], ['none', 10]]);
  c.schooling = c.stage === 'none' ? (age >= 15 ? (chance(0.5) ? 'dropped_out' : 'not_in_school') : 'not_in_school')
    : (chance(0.995) ? 'in_school' : 'dropped_out');
  if (c.stage !== 'none') {
    const t = v.town.replace(/(街道|镇|乡)$/, '');
    c.school = c.stage === 'kindergarten' ? `${t}中心幼儿园` : c.stage === 'primary' ? `${t}中心小学`
      : c.stage === 'junior' ? `${t}初级中学` : c.stage === 'senior' ? `${v.county}第${CN_NUM[int(3)]}中学` : `${v.county}职业教育中心`;
    c.grade = c.stage === 'primary' ? `${CN_NUM[Math.min(age - 6, 5)]}年级` : c.stage === 'junior' ? `${CN_NUM[Math.min(age - 12, 2)]}年级`
      : c.stage === 'kindergarten' ? pick(['小班', '中班', '大班']) : `高${CN_NUM[Math.min(Math.max(age - 15, 0), 2)]}`;
    c.boarding = (c.stage === 'junior' || c.stage === 'senior' || c.stage === 'vocational') && chance(0.45);
  }
  c.economic = weighted([['none', 90], ['dibao', 6], ['tekun', 1], ['low_margin', 3]]);
  c.divorced = chance(0.06);
  c.harmed = chance(0.002);
  c.misbehaviour = chance(0.002);
  const group = 1 + int(12), house = 1 + int(80);
  let place = v.name.replace(/(村民委员会|居民委员会|居委会|村委会)$/, '');
  if (!/(村|社区)$/.test(place)) place += v.urban ? '社区' : '村';
  c.addr = `重庆市${v.county}${v.town}${place}${group}组${house}号`;
  c.father = parent(v, true, birth, 0.4);
  c.mother = parent(v, false, birth, 0.55);
  if (c.father.status === 'away' && c.mother.status === 'away') {
    c.cg = {
      name: (chance(0.6) ? v.surname : surname()) + givenName(),
      relation: weighted([['祖母', 45], ['祖父', 25], ['外祖母', 18], ['外祖父', 7], ['姑妈', 5]]),
      phone: chance(0.8) ? phone() : null,
      address: c.addr,
      agreement: ymd(today - int(3 * 365) * DAY),
      school: c.stage !== 'none' && chance(0.7),
      village: chance(0.8),
    };
    c.guardianship = `父母均外出务工，由${c.cg.relation}照料`;
    c.recorded = c.rural ? '农村留守儿童' : null;
  } else if (c.father.status === 'dead' || c.mother.status === 'dead') {
    c.guardianship = '单亲抚养';
  }
  return c;
}

// ---- the import row (Chinese headers) and the raw row (stored form) -----------------------------
const used = new Set();
function put(row, header, value) {
  if (value === null || value === undefined || value === '') return;
  used.add(header);
  row[header] = value;
}
const yesNo = (b) => (b ? '是' : '否');
function importRow(c) {
  const r = {};
  put(r, '姓名', c.name);
  put(r, '身份证号码', c.id);
  put(r, '性别', c.male ? '男' : '女');
  put(r, '出生日期', ymd(c.birth));
  put(r, '所在村（社区）代码', c.v.code);
  put(r, '户口性质', c.rural ? '农业户口' : '非农业户口');
  put(r, '民族', c.ethnicity);
  put(r, '户籍地址', c.addr);
  if (chance(0.1)) put(r, '现住址', c.addr.replace(/\d+号$/, `${1 + int(80)}号`));
  put(r, '健康状况', { healthy: '健康', disabled: '残疾', ill: '患病' }[c.health]);
  put(r, '残疾类别', c.dkind);
  put(r, '残疾等级', c.dgrade);
  put(r, '所患疾病', c.illness);
  put(r, '就学阶段', STAGE[c.stage]);
  put(r, '在校情况', { in_school: '在校', dropped_out: '辍学', not_in_school: '未在校' }[c.schooling]);
  put(r, '学校名称', c.school);
  put(r, '年级', c.grade);
  if (c.school) put(r, '是否寄宿', yesNo(c.boarding));
  put(r, '家庭经济状况', { none: '无', dibao: '低保', tekun: '特困', low_margin: '低保边缘' }[c.economic]);
  if (c.divorced) put(r, '父母离异', '是');
  if (c.harmed) put(r, '遭受侵害', '是');
  if (c.misbehaviour) put(r, '严重不良行为', '是');
  put(r, '监护情况', c.guardianship);
  put(r, '记录类别', c.recorded);
  for (const [P, p] of [['父亲', c.father], ['母亲', c.mother]]) {
    put(r, `${P}姓名`, p.name);
    put(r, `${P}身份证号码`, p.id);
    put(r, `${P}电话`, p.phone);
    put(r, `${P}状况`, STATUS[p.status]);
    put(r, `${P}务工地点`, p.place);
    if (p.status === 'away') put(r, `${P}是否县外`, yesNo(p.outside));
    put(r, `${P}起始日期`, p.since);
    put(r, `${P}期限（月）`, p.months === undefined ? null : String(p.months));
  }
  if (c.cg) {
    put(r, '委托照护人姓名', c.cg.name);
    put(r, '委托照护人关系', c.cg.relation);
    put(r, '委托照护人电话', c.cg.phone);
    put(r, '委托照护人住址', c.cg.address);
    put(r, '委托协议日期', c.cg.agreement);
    put(r, '已书面告知学校', yesNo(c.cg.school));
    put(r, '已书面告知村（居）委会', yesNo(c.cg.village));
  }
  return r;
}

const q = (s) => (s === null || s === undefined ? 'NULL' : `'${String(s).replaceAll("'", "''")}'`);
const hex = (ctx, s) => createHash('sha256').update(`${ctx}\0${s}`).digest('hex');
function fakeCipher(kind, s) {   // base64url-looking text of the server's ciphertext length
  const n = cipherLen[kind];
  let out = '';
  for (let i = 0; out.length < n; i++) out += createHash('sha256').update(`${kind}${i}${s}`).digest('base64url');
  return out.slice(0, n);
}
function rawChild(c, id) {
  return `(${id}, ${c.v.code}, ${q(c.name)}, ${q(c.male ? 'M' : 'F')}, ${q(c.ethnicity)}, ${q(ymd(c.birth))}, ` +
    `${q(fakeCipher('id', c.id))}, ${q(hex('child.id_number', c.id))}, ${q(maskId(c.id))}, 1, ` +
    `${q(c.rural ? 'rural' : 'urban')}, ${q(c.addr)}, NULL, ${q(c.health)}, ${q(c.dkind ? DISABILITY_CODE[c.dkind] : null)}, ` +
    `${c.dgrade ? GRADES.indexOf(c.dgrade) + 1 : 'NULL'}, ${q(c.illness)}, ${q(c.stage)}, ${q(c.schooling)}, ` +
    `${q(c.school)}, ${q(c.grade)}, ${c.boarding ? 1 : 0}, ${q(c.economic)}, ${c.divorced ? 1 : 0}, ` +
    `${c.harmed ? 1 : 0}, ${c.misbehaviour ? 1 : 0}, ${q(c.guardianship)}, ${c.recorded ? 1 : 0}, ` +
    `${NOW_MS}, 1, ${NOW_MS})`;
}
function rawMember(c, childId, memberId, pos, relation, p) {
  return `(${memberId}, ${childId}, ${c.v.code}, ${pos}, ${q(relation)}, ${q(p.name)}, ${q(ymd(p.birth))}, ` +
    `${p.id ? q(fakeCipher('id', p.id)) : 'NULL'}, ${p.id ? q(hex('member.id_number', p.id)) : 'NULL'}, ` +
    `${p.id ? q(maskId(p.id)) : 'NULL'}, ${p.phone ? q(fakeCipher('phone', p.phone)) : 'NULL'}, ` +
    `${p.phone ? q(hex('member.phone', p.phone)) : 'NULL'}, ${p.phone ? q(maskPhone(p.phone)) : 'NULL'}, ` +
    `${q(p.status)}, ${q(p.place)}, ${p.status === 'away' && p.outside ? 1 : 0}, ${q(p.since)}, ` +
    `${p.months ?? 'NULL'})`;
}
function rawCaregiver(c, childId) {
  const g = c.cg;
  return `(${childId}, ${c.v.code}, ${q(g.name)}, ${q(g.relation)}, ${g.phone ? q(fakeCipher('phone', g.phone)) : 'NULL'}, ` +
    `${g.phone ? q(hex('caregiver.phone', g.phone)) : 'NULL'}, ${g.phone ? q(maskPhone(g.phone)) : 'NULL'}, ` +
    `${q(g.address)}, ${q(g.agreement)}, ${g.school ? 1 : 0}, ${g.village ? 1 : 0}, '')`;
}
const CHILD_COLS = 'id, region_code, name, sex, ethnicity, birth_date, id_cipher, id_index, id_masked, ' +
  'hukou_registered, hukou_type, hukou_address, current_address, health, disability_kind, disability_grade, ' +
  'illness, school_stage, schooling_status, school_name, school_grade, boarding, economic, parents_divorced, ' +
  'harmed, misbehaviour, guardianship_note, recorded_categories, created_at, created_by, updated_at';
const MEMBER_COLS = 'id, child_id, region_code, position, relation, name, birth_date, id_cipher, id_index, ' +
  'id_masked, phone_cipher, phone_index, phone_masked, status, away_place, outside_county, since, months';
const CG_COLS = 'child_id, region_code, name, relation, phone_cipher, phone_index, phone_masked, address, ' +
  'agreement_date, school_notified, village_notified, checks';

// ---- main ---------------------------------------------------------------------------------------
const out = args.out;
mkdirSync(path.join(out, 'batches'), { recursive: true });
mkdirSync(path.join(out, 'raw'), { recursive: true });
const names = [];
let made = 0, memberId = 0, nMembers = 0, nCaregivers = 0, skipped = 0, batchNo = 0;
const sampleEvery = Math.max(1, Math.floor(COUNT / 4000));
while (made < COUNT) {
  const n = Math.min(BATCH, COUNT - made);
  const rows = [], kids = [], mem = [], cgs = [];
  while (rows.length < n) {
    const c = makeChild();
    if (!c) { skipped++; continue; }
    const childId = made + rows.length + 1;
    rows.push(importRow(c));
    kids.push(rawChild(c, childId));
    mem.push(rawMember(c, childId, ++memberId, 0, 'father', c.father));
    mem.push(rawMember(c, childId, ++memberId, 1, 'mother', c.mother));
    if (c.cg) cgs.push(rawCaregiver(c, childId));
    if ((made + rows.length) % sampleEvery === 0 && names.length < 4000) names.push(c.name);
  }
  const stem = String(batchNo++).padStart(4, '0');
  writeFileSync(path.join(out, 'batches', `${stem}.json`), JSON.stringify({ mode: 'valid_rows', rows }));
  let sql = 'BEGIN;\n';
  const chunks = (list, cols, table) => {
    for (let i = 0; i < list.length; i += ROWS_PER_INSERT)
      sql += `INSERT INTO ${table} (${cols}) VALUES\n${list.slice(i, i + ROWS_PER_INSERT).join(',\n')};\n`;
  };
  chunks(kids, CHILD_COLS, 'children');
  chunks(mem, MEMBER_COLS, 'child_members');
  chunks(cgs, CG_COLS, 'child_caregivers');
  sql += 'COMMIT;\n';
  writeFileSync(path.join(out, 'raw', `${stem}.sql`), sql);
  made += n;
  nMembers += mem.length;
  nCaregivers += cgs.length;
  if (batchNo % 20 === 0) process.stderr.write(`[gen] ${made} children\n`);
}
for (const h of used) {
  if (!headers.has(h)) {
    console.error(`gen.mjs: column "${h}" is not in the template's header row`);
    process.exit(1);
  }
}
// search terms: a random adjacent pair of characters of sampled names
const terms = [];
for (let i = 0; i < 2000; i++) {
  const nm = [...pick(names)];
  const k = int(nm.length - 1);
  terms.push(nm[k] + nm[k + 1]);
}
writeFileSync(path.join(out, 'names.txt'), terms.join('\n') + '\n');
writeFileSync(path.join(out, 'meta.json'), JSON.stringify({
  children: made, members: nMembers, caregivers: nCaregivers, batches: batchNo, batch: BATCH, seed: SEED,
  today: TODAY, villages: villages.length, skipped_ids: skipped, columns: [...used],
}, null, 1) + '\n');
process.stderr.write(`[gen] done: ${made} children, ${nMembers} members, ${nCaregivers} caregivers, ${batchNo} batches\n`);
