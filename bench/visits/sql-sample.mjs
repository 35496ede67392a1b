#!/usr/bin/env node
// bench/visits/sql-sample.mjs — the SQL the server runs for one request, for the database-only
// reference of bench/run-visits.sh, with the values of sampled requests, wrapped in the CLI's own
// timing (the approach of bench/children/sql-sample.mjs).
//
//   node bench/visits/sql-sample.mjs sqlite|pg due|overdue|visit VALUES_FILE [SCOPE_CODE] [USER_ID] > q.sql
//   node bench/visits/sql-sample.mjs sqlite|pg explain due|overdue|visit VALUE [SCOPE_CODE] [USER_ID]
//
//   due      a director's due list, GET /api/v1/schedule: VALUE = the director's village code
//            (its scope); the statements of the schedule list in src/store (see SCHED below)
//   overdue  a town's overdue list, GET /api/v1/schedule?state=overdue: VALUE = the town code
//   visit    recording a visit, POST /api/v1/children/{id}/visits: VALUE = "CHILD_ID REGION";
//            SCOPE_CODE = the caller's county, USER_ID = the caller. One transaction of
//            rec_child_in_scope's read of the child, st_visit_by_client, st_visit_insert
//            (a fresh UUID-shaped client_id per request), st_child_touch_visit and the history row
//            (rec_history) — not the audit row, nor what the stored standing adds (see the
//            report: the standing refresh is measured end to end only).
// SQLite: `.timer on`, one "Run Time:" line per statement. PostgreSQL: PREPARE once per statement
// and EXECUTE per request (the server uses PQprepare / PQexecPrepared), `\timing on`, one "Time:"
// line per statement. Prints the number of statements per request on stderr as "per=N".
import { readFileSync } from 'node:fs';

const [backend, kind0, arg] = process.argv.slice(2);
const explain = kind0 === 'explain';
const kind = explain ? arg : kind0;
const rest = process.argv.slice(5);
const valueArg = explain ? rest.shift() : null;
const scopeArg = rest[0];
const userId = BigInt(rest[1] ?? '1');
if (!['sqlite', 'pg'].includes(backend) || !['due', 'overdue', 'visit'].includes(kind)) {
  console.error('usage: sql-sample.mjs sqlite|pg [explain] due|overdue|visit VALUES_FILE|VALUE [SCOPE] [USER]');
  process.exit(2);
}
// region_range() of src/domain/region.c
function range(code) {
  const s = code.toString().padStart(12, '0');
  const span = s.slice(2) === '0000000000' ? 10n ** 10n : s.slice(4) === '00000000' ? 10n ** 8n
    : s.slice(6) === '000000' ? 10n ** 6n : s.slice(9) === '000' ? 1000n : 1n;
  return [code, code + span - 1n];
}
const TODAY = (() => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10))();

// ---- the statements --------------------------------------------------------------------------------
// The schedule list as src/store/visits.c reads it (st_sched_rows with qb_list: COUNT, then one
// page ordered by the stored next due day; kept in step with the server by hand).
const SCHED_SELECT = 'SELECT c.id, c.region_code, c.director_id, c.created_at, c.name, r.name,' +
  ' u.display_name, c.health, c.last_contact_on, c.last_home_visit_on, c.contact_due_on,' +
  ' c.visit_due_on, c.next_due_on, c.risk_level, c.derived_categories,' +
  ' CASE WHEN EXISTS (SELECT 1 FROM child_members m WHERE m.child_id = c.id' +
  " AND m.relation IN ('father', 'mother') AND m.status = 'severe_disability')" +
  ' THEN 1 ELSE 0 END, c.psych_result' +
  ' FROM children c JOIN regions r ON r.code = c.region_code' +
  ' LEFT JOIN users u ON u.id = c.director_id';
const CHILD_COLS = 'c.id, c.region_code, c.school_org_id, c.director_id, c.created_at, c.created_by,' +
  ' c.updated_at, c.name, c.sex, c.ethnicity, c.birth_date, c.id_cipher, c.id_index,' +
  ' c.id_masked, c.hukou_registered, c.hukou_type, c.hukou_address, c.current_address,' +
  ' c.health, c.disability_kind, c.disability_grade, c.illness, c.school_stage,' +
  ' c.schooling_status, c.school_name, c.school_grade, c.boarding, c.economic,' +
  ' c.parents_divorced, c.harmed, c.misbehaviour, c.guardianship_note, c.notes,' +
  ' c.recorded_categories, c.derived_categories, c.mismatch, c.recheck_on, c.turning_on,' +
  ' c.status, c.exit_reason, c.exit_date, c.exit_note, c.version,' +
  ' r.name, t.name, u.display_name, o.name';
const CHILD_FROM = ' FROM children c JOIN regions r ON r.code = c.region_code' +
  ' LEFT JOIN regions t ON t.code = r.parent' +
  ' LEFT JOIN users u ON u.id = c.director_id' +
  ' LEFT JOIN orgs o ON o.id = c.school_org_id';

const lit = (v) => (v === null ? 'NULL' : typeof v === 'bigint' || typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
// a fresh UUID-shaped client_id per request (the SELECT makes it, the INSERT reuses it)
let seq = 0;
let last = '';
const freshUuid = () => {
  seq++;
  const h = (n, w) => (BigInt(n) % 16n ** BigInt(w)).toString(16).padStart(w, '0');
  last = `${h(BigInt(Date.now()) + BigInt(seq) * 7919n, 8)}-${h(seq, 4)}-4${h(seq * 31, 3)}-a${h(seq * 17, 3)}-${h(BigInt(process.pid) * 1000000n + BigInt(seq), 12)}`;
  return last;
};
let statements;
let tx = false;
if (kind === 'due' || kind === 'overdue') {
  // a director: scope = the village, no filter; a town's overdue list: scope = the town and
  // next_due_on up to yesterday (state=overdue)
  const yesterday = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  const where = (v) => {
    const [lo, hi] = range(BigInt(v));
    return kind === 'due' ? [lo, hi] : [lo, hi, yesterday];
  };
  const w = ` WHERE c.next_due_on IS NOT NULL AND c.region_code BETWEEN ? AND ?${kind === 'overdue' ? ' AND c.next_due_on <= ?' : ''}`;
  statements = [
    [`SELECT COUNT(*) FROM children c${w}`, where],
    [`${SCHED_SELECT}${w} ORDER BY c.next_due_on, c.id LIMIT ? OFFSET ?`, (v) => [...where(v), 20, 0]],
  ];
} else {
  const [lo, hi] = range(BigInt(scopeArg ?? '500000000000'));
  const now = Date.now();
  const day = TODAY;
  tx = true;
  const id = (v) => BigInt(v.split(/\s+/)[0]);
  const region = (v) => BigInt(v.split(/\s+/)[1]);
  statements = [
    [`SELECT ${CHILD_COLS}${CHILD_FROM} WHERE c.id = ? AND c.region_code BETWEEN ? AND ?`, (v) => [id(v), lo, hi]],
    ['SELECT id FROM visits WHERE user_id = ? AND client_id = ?', () => [userId, freshUuid()]],
    ['INSERT INTO visits (child_id, region_code, kind, occurred_at, occurred_on, user_id, client_id, met,' +
      ' living, living_note, guardianship, guardianship_note, schooling, schooling_note, health, health_note,' +
      ' psychological, psychological_note, safety, safety_note, parents_contact, parents_contact_note,' +
      ' safety_hazards, caregiver_capacity, notes, lat_e6, lng_e6, located_at, late, late_reason, created_at)' +
      ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)' +
      ' ON CONFLICT (user_id, client_id) DO NOTHING RETURNING id',
    (v) => [id(v), region(v), 'phone_video', now - 60000, day, userId, last, '儿童本人',
      'ok', '', null, null, null, null, null, null, 'ok', '', null, null, null, null, null, null,
      '视频通话，孩子情绪稳定', null, null, null, 0, null, now]],
    ['UPDATE children SET last_contact_on = ? WHERE id = ? AND (last_contact_on IS NULL OR last_contact_on < ?)',
      (v) => [day, id(v), day]],
    ['INSERT INTO child_history (child_id, region_code, at, user_id, username, field, old_value, new_value)' +
      ' VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    (v) => [id(v), region(v), now, userId, 'bench', '电话/视频联系', null, `${day}，见到儿童本人`]],
  ];
}
const inline = (sql, params) => {
  let i = 0;
  return sql.replace(/\?/g, () => lit(params[i++]));
};
const numbered = (sql) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

const out = [];
if (explain) {
  for (const [sql, params] of statements) {
    out.push(backend === 'sqlite' ? `EXPLAIN QUERY PLAN ${inline(sql, params(valueArg))};`
      : `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${inline(sql, params(valueArg))};`);
  }
  if (backend === 'pg' && tx) out.unshift('BEGIN;'), out.push('ROLLBACK;');
  console.log(out.join('\n'));
  process.exit(0);
}
const values = readFileSync(arg, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
// BEGIN and COMMIT are timed too (COMMIT is where a write costs)
const per = statements.length + (tx ? 2 : 0);
if (backend === 'sqlite') {
  // as src/store/sqlite.c opens it
  out.push('.output /dev/null', 'PRAGMA foreign_keys=ON;', 'PRAGMA synchronous=NORMAL;', 'PRAGMA mmap_size=1073741824;',
    'PRAGMA cache_size=-16384;', '.timer on');
  for (const v of values) {
    if (tx) out.push('BEGIN IMMEDIATE;');
    for (const [sql, params] of statements) out.push(`${inline(sql, params(v))};`);
    if (tx) out.push('COMMIT;');
  }
} else {
  // the server sends every parameter as text with unspecified type, as PQprepare with NULL types
  statements.forEach(([sql], k) => out.push(`PREPARE s${k} AS ${numbered(sql)};`));
  out.push('\\o /dev/null', '\\timing on');
  for (const v of values) {
    if (tx) out.push('BEGIN;');
    statements.forEach(([, params], k) => out.push(`EXECUTE s${k}(${params(v).map(lit).join(', ')});`));
    if (tx) out.push('COMMIT;');
  }
}
console.log(out.join('\n'));
process.stderr.write(`per=${per}\n`);
