#!/usr/bin/env node
// bench/reports/sql-sample.mjs — the SQL the server runs for one page of a department's queue
// (GET /api/v1/reports?box=queue as the police user of the demo county), for the database-only
// reference of bench/run-reports.sh, wrapped in the CLI's own timing (as bench/visits/sql-sample.mjs).
//
//   node bench/reports/sql-sample.mjs sqlite|pg queue N > q.sql     N pages, one after another
//   node bench/reports/sql-sample.mjs sqlite|pg explain 1            the plans of one page
//
// The statements are those of st_report_list in src/store/reports.c (kept in step by hand): the
// COUNT of the caller's department inside its range, then the first page of 20 in the queue's
// order (escalated, then earliest deadline; finished ones last), with the reporter/handler
// columns the view needs. The police user's organisation is 秀山县公安局, scope the county
// 500241 (500241000000..500241999999); its own user and organisation ids do not change the cost
// (0 here). The audit row and the session lookup are not included.
// SQLite: `.timer on`, one "Run Time:" line per statement. PostgreSQL: PREPARE once, EXECUTE per
// page, `\timing on`. Prints the number of statements per page on stderr as "per=N".
const [backend, kind, countArg] = process.argv.slice(2);
if (!['sqlite', 'pg'].includes(backend) || !['queue', 'explain'].includes(kind)) {
  console.error('usage: sql-sample.mjs sqlite|pg queue|explain N');
  process.exit(2);
}
const N = Number(countArg || 1);
const LO = 500241000000n;
const HI = 500241999999n;
const DEPT = 'police';

const REPORT_COLS = 'r.id, r.region_code, r.child_id, r.reporter_user_id, r.reporter_org_id, r.filed_at,' +
  ' r.accepted_at, r.accepted_by, r.handling_at, r.concluded_at, r.told_at, r.due_at,' +
  ' r.escalate_at, r.escalated_at, r.qkey, r.updated_at, r.no, r.state, r.situation,' +
  ' r.urgency, r.seen, r.happened_at, r.place, r.child_name, r.child_sex,' +
  ' r.child_description, r.child_school, r.child_age, r.pupil, r.channel, r.reporter_name,' +
  ' r.reporter_unit, r.reporter_phone_masked, r.depts, r.accepted_dept, r.outcome,' +
  ' r.told_note, r.stage, r.client_id, g.name, au.display_name';
const ACCESS = ', CASE WHEN r.region_code BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM' +
  ' report_routes x WHERE x.report_id = r.id AND x.dept = ?) THEN 1 ELSE 0 END, 0,' +
  ' CASE WHEN r.reporter_user_id = ? OR r.reporter_org_id = ? THEN 1 ELSE 0 END';
const FROM = ' FROM report_routes q JOIN reports r ON r.id = q.report_id';
const JOINS = ' JOIN regions g ON g.code = r.region_code LEFT JOIN users au ON au.id = r.accepted_by';
const statements = [
  // The COUNT reads the routes alone, as the server's does when no filter needs the report.
  [`SELECT COUNT(*) FROM report_routes q WHERE q.dept = ? AND q.region_code BETWEEN ? AND ?`, [DEPT, LO, HI]],
  [`SELECT ${REPORT_COLS}${ACCESS}${FROM}${JOINS} WHERE q.dept = ? AND +q.region_code BETWEEN ? AND ?` +
    ' ORDER BY q.qkey, q.report_id LIMIT ? OFFSET ?', [LO, HI, DEPT, 0, 0, DEPT, LO, HI, 20, 0]],
];

const lit = (v) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
const inline = (sql, params) => { let i = 0; return sql.replace(/\?/g, () => lit(params[i++])); };
const numbered = (sql) => { let i = 0; return sql.replace(/\?/g, () => `$${++i}`); };
const out = [];
if (kind === 'explain') {
  for (const [sql, params] of statements) {
    out.push(backend === 'sqlite' ? `EXPLAIN QUERY PLAN ${inline(sql, params)};`
      : `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${inline(sql, params)};`);
  }
  console.log(out.join('\n'));
  process.exit(0);
}
if (backend === 'sqlite') {
  // as src/store/sqlite.c opens it
  out.push('.output /dev/null', 'PRAGMA foreign_keys=ON;', 'PRAGMA mmap_size=1073741824;',
    'PRAGMA cache_size=-16384;', '.timer on');
  for (let i = 0; i < N; i++) for (const [sql, params] of statements) out.push(`${inline(sql, params)};`);
} else {
  statements.forEach(([sql], k) => out.push(`PREPARE s${k} AS ${numbered(sql)};`));
  out.push('\\o /dev/null', '\\timing on');
  for (let i = 0; i < N; i++) statements.forEach(([, params], k) => out.push(`EXECUTE s${k}(${params.map(lit).join(', ')});`));
}
console.log(out.join('\n'));
process.stderr.write(`per=${statements.length}\n`);
