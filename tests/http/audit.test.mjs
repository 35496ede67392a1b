// tests/http/audit.test.mjs — the audit trail and the login log (R2: who, when, what, outcome;
// protected from change). Changes and log reads show up in the audit log; a row edited behind
// the server's back is found by `shouhu audit verify` and GET /api/v1/audit-log/verify.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, tryLogin, request } from '../lib/server.mjs';
import { REGION, todayCST } from '../lib/demo.mjs';

const ISO_CST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/;

async function auditRows(c, query = '') {
  const r = await c.get(`/api/v1/audit-log?page_size=100${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

/** Find the name of the audit table and a column to tamper with, on either backend. */
async function auditTable(srv) {
  let tables;
  if (srv.backend === 'pg') {
    tables = (await srv.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
      .split('\n')
      .filter(Boolean);
  } else {
    tables = (await srv.sql("SELECT name FROM sqlite_master WHERE type = 'table'")).split('\n').filter(Boolean);
  }
  const table = tables.find((t) => /^audit(_log)?$/i.test(t)) ?? tables.find((t) => /audit/i.test(t) && !/login/i.test(t));
  assert.ok(table, `no audit table among ${tables}`);
  let cols;
  if (srv.backend === 'pg') {
    cols = (await srv.sql(`SELECT column_name FROM information_schema.columns WHERE table_name = '${table}'`))
      .split('\n')
      .filter(Boolean);
  } else {
    cols = (await srv.sql(`SELECT name FROM pragma_table_info('${table}')`)).split('\n').filter(Boolean);
  }
  return { table, cols };
}

/**
 * Run SQL that changes the audit table the way someone with the database file would: if a
 * trigger refuses it, drop (SQLite) or disable (PostgreSQL) the table's triggers and retry.
 */
async function tamper(srv, table, sql) {
  try {
    await srv.sql(sql);
    return;
  } catch (e) {
    if (srv.backend === 'pg') {
      await srv.sql(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    } else {
      const triggers = (await srv.sql(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '${table}'`))
        .split('\n')
        .filter(Boolean);
      if (!triggers.length) throw e;
      await srv.sql(triggers.map((t) => `DROP TRIGGER "${t}";`).join(' '));
    }
    await srv.sql(sql);
  }
}

describe('audit', () => {
  let srv;
  let sys;
  let sec;
  let aud;
  let created;
  before(async () => {
    srv = await startServer();
    sys = await loginFresh(srv.url, 'sysadmin');
    sec = await loginFresh(srv.url, 'secadmin');
    aud = await loginFresh(srv.url, 'auditor');
  });
  after(async () => {
    await srv?.stop();
  });

  it('creating a user is audited with who, action, object and outcome', async () => {
    const r = await sys.post('/api/v1/users', {
      username: 'audit_user1',
      display_name: '审计测试',
      password: 'Audit#2026abc',
      region_code: REGION.aikou,
    });
    assert.equal(r.status, 201, r.text);
    created = r.json;
    const rows = await auditRows(aud, '&username=sysadmin');
    const row = rows.find((x) => String(x.object_id) === String(created.id) && x.outcome === 'success');
    assert.ok(row, `no audit row for creating user ${created.id}: ${JSON.stringify(rows.slice(0, 5))}`);
    assert.equal(row.username, 'sysadmin');
    assert.match(row.object_type, /user|用户/i);
    assert.ok(row.action, 'action named');
    assert.match(row.action_name ?? '', /[\u4e00-\u9fff]/, 'action_name is Chinese');
    assert.match(row.object_type_name ?? '', /[\u4e00-\u9fff]/, 'object_type_name is Chinese');
    const actions = await aud.get('/api/v1/audit-actions');
    assert.equal(actions.status, 200, actions.text);
    const listed = actions.json.find((a) => a.code === row.action);
    assert.ok(listed, `${row.action} is in /audit-actions`);
    assert.equal(listed.name, row.action_name);
    assert.match(row.at, ISO_CST);
    assert.equal(row.ip, '127.0.0.1');
    assert.ok(!JSON.stringify(row).includes('Audit#2026abc'), 'the audit row must not hold the password');
  });

  it('assigning a role is audited', async () => {
    const r = await sec.put(`/api/v1/users/${created.id}/role`, { role: 'town', region_code: REGION.aikou });
    assert.equal(r.status, 200, r.text);
    const rows = await auditRows(aud, '&username=secadmin');
    const row = rows.find((x) => String(x.object_id) === String(created.id) && x.outcome === 'success');
    assert.ok(row, `no audit row for the role change: ${JSON.stringify(rows.slice(0, 5))}`);
    assert.match(JSON.stringify(row), /town/, 'the role assigned is recorded');
    const createRow = (await auditRows(aud, '&username=sysadmin')).find((x) => String(x.object_id) === String(created.id));
    assert.notEqual(row.action, createRow.action, 'role assignment and creation are distinct actions');
  });

  it('a refused attempt is audited as a failure', async () => {
    const r = await sys.put(`/api/v1/users/${created.id}/role`, { role: 'county', region_code: REGION.xiushan });
    assert.equal(r.status, 403);
    const rows = await auditRows(aud, '&username=sysadmin');
    assert.ok(
      rows.some((x) => String(x.object_id) === String(created.id) && x.outcome !== 'success'),
      'no failure row for the refused role change',
    );
    const denied = await aud.get('/api/v1/audit-log?outcome=denied&username=sysadmin');
    assert.equal(denied.status, 200, denied.text);
    assert.ok(denied.json.items.some((x) => String(x.object_id) === String(created.id)), 'outcome=denied finds it');
    for (const x of denied.json.items) assert.equal(x.outcome, 'denied');
  });

  it('reading the login log and the audit log is itself audited', async () => {
    const before = (await aud.get('/api/v1/audit-log?username=auditor&page_size=1')).json.total;
    assert.equal((await aud.get('/api/v1/login-log')).status, 200);
    const after = await aud.get('/api/v1/audit-log?username=auditor&page_size=100');
    assert.ok(after.json.total >= before + 1, `auditor rows ${before} → ${after.json.total}`);
    const actions = after.json.items.map((x) => `${x.action} ${x.object_type}`).join('\n');
    assert.match(actions, /login|登录/i, `reading the login log is not recorded: ${actions}`);
  });

  it('audit-log filters: username, action, from/to dates', async () => {
    const sysRows = await auditRows(aud, '&username=sysadmin');
    assert.ok(sysRows.length > 0);
    for (const x of sysRows) assert.equal(x.username, 'sysadmin');
    const action = sysRows[0].action;
    for (const x of await auditRows(aud, `&action=${encodeURIComponent(action)}`)) assert.equal(x.action, action);
    const today = await aud.get(`/api/v1/audit-log?from=${todayCST()}&to=${todayCST()}`);
    assert.ok(today.json.total > 0, 'today (CST) has rows');
    const tomorrow = await aud.get(`/api/v1/audit-log?from=${todayCST(1)}`);
    assert.equal(tomorrow.json.total, 0, 'nothing from tomorrow');
    const yesterday = await aud.get(`/api/v1/audit-log?to=${todayCST(-1)}`);
    assert.equal(yesterday.json.total, 0, 'nothing up to yesterday');
    const bad = await aud.get('/api/v1/audit-log?from=2026-13-45');
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.field, 'from');
  });

  it('the login log records successes and failures, for unknown names too', async () => {
    await tryLogin(srv.url, 'county', 'Wrong#2026pw');
    await tryLogin(srv.url, 'nobody_here', 'Wrong#2026pw');
    await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'town', password: 'Shouhu@2026' },
      headers: { 'User-Agent': 'shouhu-test-agent/1.0' },
    });
    const r = await aud.get('/api/v1/login-log?page_size=100');
    assert.equal(r.status, 200, r.text);
    const items = r.json.items;
    const fail = items.find((x) => x.username === 'county' && x.outcome === 'failure');
    assert.ok(fail, 'failed login of county');
    assert.ok(fail.reason, 'a failure has a reason');
    assert.equal(fail.ip, '127.0.0.1');
    assert.match(fail.at, ISO_CST);
    assert.ok(items.some((x) => x.username === 'nobody_here' && x.outcome === 'failure'), 'unknown username logged');
    const ok = items.find((x) => x.username === 'town' && x.outcome === 'success');
    assert.ok(ok, 'successful login of town');
    assert.equal(ok.user_agent, 'shouhu-test-agent/1.0');
    for (const x of items) assert.ok(!JSON.stringify(x).includes('Wrong#2026pw'), 'a password in the login log');
    const failures = await aud.get('/api/v1/login-log?outcome=failure&page_size=100');
    for (const x of failures.json.items) assert.equal(x.outcome, 'failure');
    const county = await aud.get('/api/v1/login-log?username=county&page_size=100');
    for (const x of county.json.items) assert.equal(x.username, 'county');
  });

  it('a locked attempt is logged with outcome locked', async () => {
    for (let i = 0; i < 6; i++) await tryLogin(srv.url, 'school', `Wrong#${i}abcd`);
    const r = await aud.get('/api/v1/login-log?username=school&outcome=locked');
    assert.equal(r.status, 200);
    assert.ok(r.json.total >= 1, 'no locked row');
  });

  it('untouched, the chain verifies (CLI exit 0, API ok)', async () => {
    const v = await aud.get('/api/v1/audit-log/verify');
    assert.equal(v.status, 200, v.text);
    assert.equal(v.json.ok, true, v.text);
    assert.ok(v.json.checked > 0);
    assert.deepEqual(v.json.problems, []);
    const cli = await srv.run(['audit', 'verify']);
    assert.equal(cli.code, 0, `shouhu audit verify: ${cli.stdout}${cli.stderr}`);
  });

  it('a row edited in the database is named by `shouhu audit verify` and the API', async () => {
    const { table, cols } = await auditTable(srv);
    const key = ['seq', 'id'].find((k) => cols.includes(k));
    assert.ok(key, `audit table ${table} has no seq/id column: ${cols}`);
    const col = ['detail', 'action', 'object_id', 'username'].find((k) => cols.includes(k));
    assert.ok(col, `audit table ${table} has none of detail/action/object_id/username: ${cols}`);
    // The second row: not the first, which a naive check might special-case.
    const seq = (await srv.sql(`SELECT ${key} FROM ${table} ORDER BY ${key} LIMIT 1 OFFSET 1`)).trim();
    assert.ok(seq, 'at least two audit rows');
    await tamper(srv, table, `UPDATE ${table} SET ${col} = COALESCE(${col}, '') || 'x' WHERE ${key} = ${seq}`);

    const cli = await srv.run(['audit', 'verify']);
    assert.notEqual(cli.code, 0, 'audit verify must fail on a tampered row');
    const out = `${cli.stdout}\n${cli.stderr}`;
    assert.match(out, new RegExp(`\\b${seq}\\b`), `the report names row ${seq}: ${out}`);

    const v = await aud.get('/api/v1/audit-log/verify');
    assert.equal(v.status, 200, v.text);
    assert.equal(v.json.ok, false);
    assert.ok(
      v.json.problems.some((p) => String(p.seq) === seq),
      `problems name row ${seq}: ${JSON.stringify(v.json.problems)}`,
    );
    assert.ok(v.json.problems.every((p) => typeof p.problem === 'string' && p.problem.length > 0));
  });

  it('a deleted row is found too', async () => {
    const { table, cols } = await auditTable(srv);
    const key = ['seq', 'id'].find((k) => cols.includes(k));
    const seq = (await srv.sql(`SELECT ${key} FROM ${table} ORDER BY ${key} LIMIT 1 OFFSET 3`)).trim();
    assert.ok(seq, 'at least four audit rows');
    await tamper(srv, table, `DELETE FROM ${table} WHERE ${key} = ${seq}`);
    const cli = await srv.run(['audit', 'verify']);
    assert.notEqual(cli.code, 0, 'audit verify must fail on a deleted row');
  });
});
