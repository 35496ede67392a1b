#!/usr/bin/env node
// bench/visits/load-sql.mjs — the SQL that loads synthetic children and their visit records
// straight into a shouhu database, for bench/run-visits.sh (no HTTP import: that is measured by
// bench/run-children.sh). Prints one script for one backend on stdout; the rows are generated
// inside the database (a recursive CTE in SQLite, generate_series in PostgreSQL), so nothing big
// is written to disk but the database itself.
//
//   node bench/visits/load-sql.mjs sqlite|pg --count N --visits V --today YYYY-MM-DD [--seed S]
//
// Before it runs, the database holds the schema (`shouhu init`), the regions (`shouhu region
// import 50`) and one child director per village (users with role 'director' and the village's
// region_code; the script takes the lowest id per village). Children are numbered 1..N and
// spread over the villages in code order, N/villages each, contiguous (as imports go, village by
// village). Columns are those the server writes (src/store/children.c, visits.c; migrations
// 0002–0004), every NOT NULL column set:
//   children     no household registration (hukou_registered 0, ID columns NULL: the server
//                encrypts ID numbers), rural, a birth date 1–17 years ago, school stage by age,
//                2 % disabled, 2 % seriously ill, 5 % dibao; the village's director;
//                recheck_on = today (so the first sweep re-derives the categories by the
//                server's own rules: derived_categories 0 until then); standing columns NULL
//                (never graded); last_contact_on / last_home_visit_on = the latest visit of
//                any kind / of kind home_visit, as st_child_touch_visit() keeps them
//   child_members father away outside the county; mother away (70 %), severely disabled (10 %)
//                or at home (20 %)
//   child_caregivers  a grandmother for children whose mother is away (phone: placeholder
//                ciphertext of the server's length, never decrypted here)
//   visits       3 % of children never visited; the others 1..2m-1 visits (m = V/0.97, so V
//                on average over all children), evenly spread over the 3 years (1,095 days)
//                before a last contact 1–30 days ago (80 %) or 30–119 days ago (20 %); every
//                third one a home visit (full checklist, caregiver capacity, location), the
//                others phone/video or school visits; by the village's director; client_id a
//                UUID-shaped text unique per director; never late
//   problems     1 % of children: one guardianship_gap problem (half open, deadlines from 20
//                days ago to 20 days ahead), the latest home visit recording 'lacking'
// Secondary indexes of the loaded tables are dropped first and rebuilt after (same definitions,
// read from the catalogue), foreign keys are not checked during the load (SQLite
// foreign_keys=OFF; PostgreSQL session_replication_role=replica), PostgreSQL's identity
// sequences are moved past the explicit ids, then ANALYZE (PostgreSQL only; the server never
// runs it on SQLite, so neither does this).
const args = { seed: '20261122' };
const backend = process.argv[2];
for (let i = 3; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!['sqlite', 'pg'].includes(backend) || !args.count || !args.visits || !/^\d{4}-\d\d-\d\d$/.test(args.today ?? '')) {
  console.error('usage: load-sql.mjs sqlite|pg --count N --visits V --today YYYY-MM-DD [--seed S]');
  process.exit(2);
}
const N = Number(args.count);
const V = Number(args.visits);
const SEED = Number(args.seed) % 1000003;
const T = Date.parse(`${args.today}T00:00:00Z`) / 86400000;   // epoch day of today (CST)
const M = Math.max(1, Math.round(V / 0.97));                     // mean visits of a visited child
const SPAN = 2 * M - 1;                                          // 1..SPAN visits
const WINDOW = 1095;
const pg = backend === 'pg';
const DAY = pg ? '86400000::bigint' : '86400000';
const CST = 8 * 3600000;
const TABLES = ['children', 'child_members', 'child_caregivers', 'visits', 'problems'];

// ---- backend-specific pieces ------------------------------------------------------------------
const dayText = (d) => (pg ? `(DATE '1970-01-01' + (${d})::int)::text` : `date((${d}) * 86400, 'unixepoch')`);
const hex = (x, w) => (pg ? `lpad(to_hex((${x})::bigint), ${w}, '0')` : `printf('%0${w}x', ${x})`);
const idiv = (a, b) => (pg ? `((${a}) / ${b})` : `((${a}) / ${b})`);   // integers on both
const sub = (s, i) => (pg ? `substr('${s}', ((${i}) + 1)::int, 1)` : `substr('${s}', (${i}) + 1, 1)`);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '子梓浩宇欣怡俊杰雨涵思博文轩佳琪嘉诗晨一诺若曦明瑞承泽锦程心悦语桐可馨天佑';
const nameOf = (h) =>
  `${sub(SURNAMES, `${h} % 20`)} || ${sub(GIVEN, `${idiv(h, 20)} % 40`)} || CASE WHEN ${idiv(h, 800)} % 3 > 0 THEN ${sub(GIVEN, `${idiv(h, 2400)} % 40`)} ELSE '' END`;

const out = [];
const emit = (s) => out.push(s.trim() + (s.trim().endsWith(';') ? '' : ';'));

if (pg) {
  emit('SET session_replication_role = replica');
  emit("SET maintenance_work_mem = '512MB'");
  emit("SET work_mem = '256MB'");
  emit("SET temp_buffers = '512MB'");
} else {
  // one big transaction: no journal at all while loading (WAL would hold a second copy of the
  // whole load until the checkpoint); the server puts the file back into WAL when it opens it
  emit('PRAGMA journal_mode=OFF');
  emit('PRAGMA synchronous=OFF');
  emit('PRAGMA foreign_keys=OFF');
  emit('PRAGMA cache_size=-1048576');
  emit('PRAGMA temp_store=MEMORY');
}

// ---- drop the secondary indexes, keeping their definitions --------------------------------
const tableList = TABLES.map((t) => `'${t}'`).join(', ');
if (pg) {
  emit(`CREATE TEMP TABLE saved_idx AS SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename IN (${tableList})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  out.push(`DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM saved_idx LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP;
END $$;`);
}
// (SQLite cannot EXECUTE a string: run-visits.sh drops and recreates them around this script.)

emit('BEGIN');
// villages in code order, numbered from 0, with their director
emit(`CREATE TEMP TABLE vil AS SELECT (row_number() OVER (ORDER BY r.code)) - 1 AS n, r.code AS code,
        (SELECT min(u.id) FROM users u WHERE u.region_code = r.code AND u.role = 'director') AS director
      FROM regions r WHERE r.level = 5`);
if (!pg) emit('CREATE UNIQUE INDEX temp.vil_n ON vil(n)');
else emit('CREATE UNIQUE INDEX vil_n ON vil(n)');

// one row per child: its hash and derived numbers
const H = `((i * 2654435761 + ${SEED}) % 4294967296)`;
const kidCols = `i AS id, ${H} AS h`;
if (pg) {
  emit(`CREATE TEMP TABLE kid AS SELECT ${kidCols} FROM generate_series(1, ${N}) AS s(i)`);
} else {
  emit(`CREATE TEMP TABLE kid(id INTEGER PRIMARY KEY, h INTEGER NOT NULL)`);
  emit(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${N})
        INSERT INTO kid SELECT ${kidCols} FROM s`);
}
// k visits, g days since the last contact, j0 = index (0 = latest) of the latest home visit,
// the village's code and director, birth and registration epoch days
const kid2Cols = `kid.id AS id, kid.h AS h,
        CASE WHEN kid.h % 100 < 3 THEN 0 ELSE 1 + ${idiv('kid.h', 100)} % ${SPAN} END AS k,
        CASE WHEN ${idiv('kid.h', 10000)} % 100 < 80 THEN 1 + ${idiv('kid.h', 1000000)} % 30
             ELSE 30 + ${idiv('kid.h', 1000000)} % 90 END AS g,
        (3 - kid.h % 3) % 3 AS j0, vil.code AS code, vil.director AS director,
        ${T} - 365 - ${idiv('kid.h', 7)} % ${16 * 365} AS birth,
        ${T} - ${WINDOW} - 30 - ${idiv('kid.h', 13)} % 300 AS registered`;
const kid2From = `FROM kid JOIN vil ON vil.n = ${idiv(`(kid.id - 1) * (SELECT count(*) FROM vil)`, N)} ORDER BY kid.id`;
if (pg) {
  emit(`CREATE TEMP TABLE kid2 AS SELECT ${kid2Cols} ${kid2From}`);
  emit('CREATE UNIQUE INDEX kid2_id ON kid2(id)');
} else {
  emit(`CREATE TEMP TABLE kid2(id INTEGER PRIMARY KEY, h INTEGER, k INTEGER, g INTEGER, j0 INTEGER,
          code INTEGER, director INTEGER, birth INTEGER, registered INTEGER)`);
  emit(`INSERT INTO kid2 SELECT ${kid2Cols} ${kid2From}`);
}

// day of visit j (0 = latest) of a child: (T - g) - j * (WINDOW - g) / k
const visitDay = (j) => `(${T} - k2.g - ${idiv(`(${j}) * (${WINDOW} - k2.g)`, 'k2.k')})`;
const age = `${idiv(`${T} - k2.birth`, 365)}`;
emit(`INSERT INTO children (id, region_code, name, sex, ethnicity, birth_date, hukou_registered,
        hukou_type, current_address, health, disability_kind, disability_grade, illness,
        school_stage, schooling_status, school_name, boarding, economic, parents_divorced, harmed,
        misbehaviour, director_id, recorded_categories, derived_categories, mismatch, recheck_on,
        status, version, created_at, updated_at, last_contact_on, last_home_visit_on)
      SELECT k2.id, k2.code, ${nameOf('k2.h')}, CASE WHEN k2.h % 2 = 0 THEN 'M' ELSE 'F' END, '汉族',
        ${dayText('k2.birth')}, 0, 'rural', '本村' || (k2.h % 12 + 1) || '组',
        CASE WHEN ${idiv('k2.h', 3)} % 50 = 0 THEN 'disabled' WHEN ${idiv('k2.h', 3)} % 50 = 1 THEN 'ill' ELSE 'healthy' END,
        CASE WHEN ${idiv('k2.h', 3)} % 50 = 0 THEN 'physical' END,
        CASE WHEN ${idiv('k2.h', 3)} % 50 = 0 THEN 2 END,
        CASE WHEN ${idiv('k2.h', 3)} % 50 = 1 THEN '慢性肾病' END,
        CASE WHEN ${age} < 3 THEN 'none' WHEN ${age} < 6 THEN 'kindergarten' WHEN ${age} < 12 THEN 'primary'
             WHEN ${age} < 15 THEN 'junior' ELSE 'senior' END,
        CASE WHEN ${age} < 3 THEN 'not_in_school' ELSE 'in_school' END,
        CASE WHEN ${age} < 3 THEN NULL WHEN ${age} < 6 THEN '中心幼儿园' WHEN ${age} < 12 THEN '中心小学'
             WHEN ${age} < 15 THEN '镇中学' ELSE '县第一中学' END,
        0, CASE WHEN ${idiv('k2.h', 7)} % 20 = 0 THEN 'dibao' ELSE 'none' END, 0, 0, 0,
        k2.director, 0, 0, 0, ${dayText(T)}, 'active', 1,
        k2.registered * ${DAY} - ${CST} + 36000000, k2.registered * ${DAY} - ${CST} + 36000000,
        CASE WHEN k2.k > 0 THEN ${dayText(`${T} - k2.g`)} END,
        CASE WHEN k2.j0 < k2.k THEN ${dayText(visitDay('k2.j0'))} END
      FROM kid2 k2 ORDER BY k2.id`);

// parents: father away; mother away (70 %), severely disabled (10 %), home (20 %)
const motherPick = `${idiv('k2.h', 100)} % 10`;
emit(`INSERT INTO child_members (child_id, region_code, position, relation, name, birth_date,
        status, away_place, outside_county, since, work_place)
      SELECT k2.id, k2.code, 0, 'father', ${sub(SURNAMES, 'k2.h % 20')} || '建国', ${dayText('k2.birth - 9500 - k2.h % 3000')},
        'away', '广东省东莞市', 1, ${dayText(`${T} - 210 - ${idiv('k2.h', 17)} % 2000`)}, '电子厂'
      FROM kid2 k2 ORDER BY k2.id`);
emit(`INSERT INTO child_members (child_id, region_code, position, relation, name, birth_date,
        status, away_place, outside_county, since, disability_grade, disability_kind)
      SELECT k2.id, k2.code, 1, 'mother', '李秀英', ${dayText('k2.birth - 8500 - k2.h % 2500')},
        CASE WHEN ${motherPick} < 7 THEN 'away' WHEN ${motherPick} = 7 THEN 'severe_disability' ELSE 'home' END,
        CASE WHEN ${motherPick} < 7 THEN '浙江省宁波市' END,
        CASE WHEN ${motherPick} < 7 THEN 1 ELSE 0 END,
        CASE WHEN ${motherPick} < 7 THEN ${dayText(`${T} - 200 - ${idiv('k2.h', 19)} % 1500`)} END,
        CASE WHEN ${motherPick} = 7 THEN 1 END,
        CASE WHEN ${motherPick} = 7 THEN 'physical' END
      FROM kid2 k2 ORDER BY k2.id`);
emit(`INSERT INTO child_caregivers (child_id, region_code, name, relation, phone_cipher, phone_index,
        phone_masked, address, agreement_date, school_notified, village_notified)
      SELECT k2.id, k2.code, '张桂兰', 'grandmother_p', ${pg ? "repeat('x', 80)" : "printf('%.80c', 'x')"},
        ${hex('k2.id', 16)} || ${hex('k2.h', 16)} || ${hex('k2.h + 1', 16)} || ${hex('k2.id + 7', 16)},
        '138****' || (k2.h % 9000 + 1000), '本村', ${dayText('k2.registered')}, 1, 1
      FROM kid2 k2 WHERE ${motherPick} < 7 ORDER BY k2.id`);

// visits: child by child, latest last (j from k-1 down to 0: occurred_at ascending per child)
const seq = pg ? `generate_series(k2.k - 1, 0, -1) AS s(j)` : `seq s`;
if (!pg) {
  emit(`CREATE TEMP TABLE seq(j INTEGER PRIMARY KEY)`);
  emit(`WITH RECURSIVE s(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM s WHERE j < ${SPAN - 1})
        INSERT INTO seq SELECT j FROM s`);
}
const kindOf = `CASE WHEN (s.j + k2.h) % 3 = 0 THEN 'home_visit' WHEN (s.j + k2.h) % 3 = 1 THEN 'phone_video' ELSE 'school_visit' END`;
const home = `(s.j + k2.h) % 3 = 0`;
const phone = `(s.j + k2.h) % 3 = 1`;
const at = `(${visitDay('s.j')} * ${DAY} - ${CST} + 32400000 + (k2.h + s.j * 7919) % 28800000)`;
const ok = (cond) => `CASE WHEN ${cond} THEN 'ok' END`;
emit(`INSERT INTO visits (child_id, region_code, kind, occurred_at, occurred_on, user_id, client_id,
        met, living, guardianship, schooling, health, psychological, safety, safety_note,
        parents_contact, caregiver_capacity, notes, lat_e6, lng_e6, located_at, late, created_at)
      SELECT k2.id, k2.code, ${kindOf}, ${at}, ${dayText(visitDay('s.j'))}, k2.director,
        ${hex('k2.id', 8)} || '-' || ${hex('s.j', 4)} || '-4' || ${hex('k2.h % 4096', 3)} || '-8' || ${hex('(k2.h + s.j) % 4096', 3)} || '-' || ${hex(`k2.h * 1000 + s.j`, 12)},
        CASE WHEN ${home} THEN '儿童本人、照护人' WHEN ${phone} THEN '儿童本人' ELSE '儿童本人、班主任' END,
        ${ok(`${home} OR ${phone}`)}, ${ok(home)}, ${ok(`NOT ${phone}`)}, ${ok(`${home} OR ${phone}`)},
        'ok', ${ok(home)}, CASE WHEN ${home} THEN '水电气无隐患' END, ${ok(`${home} OR ${phone}`)},
        CASE WHEN ${home} THEN CASE WHEN k2.h % 100 = 5 AND s.j = k2.j0 THEN 'lacking' ELSE 'adequate' END END,
        CASE WHEN (s.j + k2.h) % 4 = 0 THEN '孩子在家，照护人在场，生活、学习情况正常，已叮嘱注意防溺水' END,
        CASE WHEN ${home} THEN 29000000 + k2.h % 2000000 END, CASE WHEN ${home} THEN 106000000 + k2.h % 3000000 END,
        CASE WHEN ${home} THEN ${at} END, 0, ${at} + 600000 + s.j * 1000
      FROM kid2 k2 ${pg ? `CROSS JOIN LATERAL ${seq}` : `JOIN ${seq} ON s.j < k2.k`}
      WHERE k2.k > 0${pg ? '' : '\n      ORDER BY k2.id, s.j DESC'}`);

// problems: 1 %, the follow-up of a 'lacking' caregiver, half still open
emit(`INSERT INTO problems (child_id, region_code, category, description, assignee_user_id, deadline,
        state, resolution, resolved_at, resolved_by, created_by, created_at, updated_at)
      SELECT k2.id, k2.code, 'guardianship_gap',
        '入户走访发现委托照护人照护能力不足：请告知其父母，另行委托照护人或督促其履行照护职责（000#5）',
        k2.director, ${dayText(`${T} - 20 + ${idiv('k2.h', 100)} % 41`)},
        CASE WHEN ${idiv('k2.h', 100)} % 2 = 0 THEN 'open' ELSE 'resolved' END,
        CASE WHEN ${idiv('k2.h', 100)} % 2 = 1 THEN '已督促照护人履行职责' END,
        CASE WHEN ${idiv('k2.h', 100)} % 2 = 1 THEN ${T} * ${DAY} - ${DAY} END,
        CASE WHEN ${idiv('k2.h', 100)} % 2 = 1 THEN k2.director END,
        k2.director, (${T} - 27) * ${DAY}, (${T} - 27) * ${DAY}
      FROM kid2 k2 WHERE k2.h % 100 = 5 AND k2.k > 0 ORDER BY k2.id`);
emit('COMMIT');
if (!pg) emit('PRAGMA journal_mode=WAL');

if (pg) {
  out.push(`DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM saved_idx LOOP EXECUTE r.indexdef; END LOOP;
END $$;`);
  for (const t of TABLES.filter((x) => x !== 'child_caregivers')) emit(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), greatest((SELECT max(id) FROM ${t}), 1))`);
  emit('SET session_replication_role = DEFAULT');
  emit(`VACUUM ANALYZE ${TABLES.join(', ')}`);
}
process.stdout.write(out.join('\n') + '\n');
