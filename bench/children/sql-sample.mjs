#!/usr/bin/env node
// bench/children/sql-sample.mjs — the SQL the server runs for one request, for the database-only
// reference of bench/run-children.sh: the statements of src/store/children.c (st_child_get +
// st_members_get + st_caregiver_get for a child's file; qb_list's COUNT and page for a list),
// with the values of sampled requests, wrapped in the CLI's own timing.
//
//   node bench/children/sql-sample.mjs sqlite|pg file|search|town|search2 VALUES_FILE [SCOPE_CODE] > q.sql
//   node bench/children/sql-sample.mjs sqlite|pg explain file|search|town|search2 VALUE [SCOPE_CODE]
//
// search2 is not what the server runs but the rewrite docs/PERFORMANCE.md proposes for a name
// search without other filters: COUNT on the gram index alone, and the page driven by the gram
// index, whose order (gram, region_code, child_id) is already the list's order
// (children.region_code = child_name_grams.region_code), so it stops after one page.
//
// VALUES_FILE: one child id, two-character name part, or town code a line. SCOPE_CODE: the
// caller's region (default 500000000000, the province). SQLite: `.timer on`, one
// "Run Time: real R user U sys S" line per statement. PostgreSQL: PREPARE once per statement
// kind and EXECUTE per request (the server uses PQprepare / PQexecPrepared), `\timing on`,
// one "Time: X ms" line per EXECUTE. Statements per request: file 3, search 2, town 2.
// Output rows go to /dev/null. "explain" prints EXPLAIN QUERY PLAN / EXPLAIN (ANALYZE, BUFFERS)
// of each statement of one request instead.
import { readFileSync } from 'node:fs';

const [backend, kind0, arg, scopeArg] = process.argv.slice(2);
const explain = kind0 === 'explain';
const kind = explain ? arg : kind0;
const valueArg = explain ? process.argv[5] : null;
const scopeCode = BigInt((explain ? process.argv[6] : scopeArg) ?? '500000000000');
if (!['sqlite', 'pg'].includes(backend) || !['file', 'search', 'town', 'search2'].includes(kind)) {
  console.error('usage: sql-sample.mjs sqlite|pg [explain] file|search|town|search2 VALUES_FILE|VALUE [SCOPE]');
  process.exit(2);
}
// region_range() of src/domain/region.c
function range(code) {
  const s = code.toString().padStart(12, '0');
  const span = s.slice(2) === '0000000000' ? 10n ** 10n : s.slice(4) === '00000000' ? 10n ** 8n
    : s.slice(6) === '000000' ? 10n ** 6n : s.slice(9) === '000' ? 1000n : 1n;
  return [code, code + span - 1n];
}
const [lo, hi] = range(scopeCode);

// ---- the statements of src/store/children.c ------------------------------------------------------
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
const MEMBER_COLS = 'id, child_id, relation, name, birth_date, id_cipher, id_index, id_masked,' +
  ' phone_cipher, phone_index, phone_masked, status, away_place, since, outside_county,' +
  ' months, disability_grade, disability_kind, work_place';
const ORDER = ' ORDER BY c.region_code, c.id';

// Each statement with ? placeholders and a function from the request's value to its parameters.
const lit = (v) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
let statements;
if (kind === 'file') {
  statements = [
    [`SELECT ${CHILD_COLS}${CHILD_FROM} WHERE c.id = ? AND c.region_code BETWEEN ? AND ?`, (v) => [BigInt(v), lo, hi]],
    [`SELECT ${MEMBER_COLS} FROM child_members WHERE child_id = ? ORDER BY position`, (v) => [BigInt(v)]],
    ['SELECT name, relation, phone_cipher, phone_index, phone_masked, id_cipher, id_index, id_masked, address,' +
      ' agreement_date, checks, school_notified, village_notified FROM child_caregivers WHERE child_id = ?', (v) => [BigInt(v)]],
  ];
} else if (kind === 'search') {
  const where = ' WHERE c.region_code BETWEEN ? AND ? AND c.id IN (SELECT g.child_id FROM child_name_grams g' +
    ' WHERE g.gram = ? AND g.region_code BETWEEN ? AND ?)';
  const p = (v) => [lo, hi, v, lo, hi];
  statements = [
    [`SELECT COUNT(*) FROM children c${where}`, p],
    [`SELECT ${CHILD_COLS}${CHILD_FROM}${where}${ORDER} LIMIT ? OFFSET ?`, (v) => [...p(v), 20, 0]],
  ];
} else if (kind === 'search2') {
  const grams = ' WHERE g.gram = ? AND g.region_code BETWEEN ? AND ?';
  statements = [
    [`SELECT COUNT(*) FROM child_name_grams g${grams}`, (v) => [v, lo, hi]],
    [`SELECT ${CHILD_COLS}${CHILD_FROM.replace(' FROM children c', ' FROM child_name_grams g JOIN children c ON c.id = g.child_id')}` +
      `${grams} ORDER BY g.region_code, g.child_id LIMIT ? OFFSET ?`, (v) => [v, lo, hi, 20, 0]],
  ];
} else {
  const where = ' WHERE c.region_code BETWEEN ? AND ? AND c.region_code BETWEEN ? AND ?';
  const p = (v) => [lo, hi, ...range(BigInt(v))];
  statements = [
    [`SELECT COUNT(*) FROM children c${where}`, p],
    [`SELECT ${CHILD_COLS}${CHILD_FROM}${where}${ORDER} LIMIT ? OFFSET ?`, (v) => [...p(v), 20, 0]],
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
  console.log(out.join('\n'));
  process.exit(0);
}
const values = readFileSync(arg, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
if (backend === 'sqlite') {
  out.push('.output /dev/null', '.timer on');
  for (const v of values) for (const [sql, params] of statements) out.push(`${inline(sql, params(v))};`);
} else {
  // the server sends every parameter as text with unspecified type, as PQprepare with NULL types
  statements.forEach(([sql], k) => out.push(`PREPARE s${k} AS ${numbered(sql)};`));
  out.push('\\o /dev/null', '\\timing on');
  for (const v of values) {
    statements.forEach(([, params], k) => out.push(`EXECUTE s${k}(${params(v).map(lit).join(', ')});`));
  }
}
console.log(out.join('\n'));
