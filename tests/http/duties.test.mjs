// tests/http/duties.test.mjs — separation of duties (三员分立, R2): the system administrator
// manages accounts, the security administrator assigns business roles, the auditor alone reads
// the logs, and business roles cannot touch user management (docs/API.md "Roles", "Users",
// "Logs", "Settings").
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh, login, tryLogin, changePassword, INITIAL_PASSWORD } from '../lib/server.mjs';
import { REGION, ROLE_NAME, PERMISSIONS } from '../lib/demo.mjs';

function assertError(r, status, code, field) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${r.text}`);
  assert.equal(r.json?.error?.code, code, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
}

const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'];
const BUSINESS_NEVER = ['user:manage', 'user:read', 'role:assign', 'user:unlock', 'security:settings', 'audit:read', 'org:manage'];
/** Permissions each role must never hold: the other administrators' duties. */
const FORBIDDEN = {
  sysadmin: ['role:assign', 'user:unlock', 'security:settings', 'audit:read'],
  secadmin: ['user:manage', 'org:manage', 'audit:read'],
  auditor: ['user:manage', 'org:manage', 'role:assign', 'user:unlock', 'security:settings', 'user:read'],
  county: BUSINESS_NEVER,
  town: BUSINESS_NEVER,
};

describe('separation of duties', () => {
  let srv;
  const c = {};
  let newUser;
  before(async () => {
    srv = await startServer();
    for (const u of ['sysadmin', 'secadmin', 'auditor', 'county', 'town']) c[u] = await loginFresh(srv.url, u);
  });
  after(async () => {
    await srv?.stop();
  });

  it('each demo account has the permissions of its role', async () => {
    for (const [u, client] of Object.entries(c)) {
      const me = (await client.get('/api/v1/me')).json;
      for (const p of PERMISSIONS[me.role]) assert.ok(me.permissions.includes(p), `${u} (${me.role}) lacks ${p}`);
      for (const p of FORBIDDEN[me.role]) assert.ok(!me.permissions.includes(p), `${u} (${me.role}) has ${p}`);
      assert.equal(me.role_name, ROLE_NAME[me.role]);
    }
  });

  it('GET /roles lists every role with kind and needs_org', async () => {
    const r = await c.secadmin.get('/api/v1/roles');
    assert.equal(r.status, 200, r.text);
    const byCode = Object.fromEntries(r.json.map((x) => [x.code, x]));
    for (const code of Object.keys(ROLE_NAME)) {
      if (code === 'none') continue;
      assert.ok(byCode[code], `role ${code} listed`);
      assert.equal(byCode[code].name, ROLE_NAME[code]);
      assert.equal(byCode[code].kind, ADMIN_ROLES.includes(code) ? 'admin' : 'business', code);
      assert.equal(typeof byCode[code].needs_org, 'boolean');
    }
    assert.equal(byCode.school.needs_org, true, 'a school account belongs to a school');
    assert.equal(byCode.dept.needs_org, true, 'a department account belongs to a department');
  });

  it('the system administrator creates a user: 201, role none, must change password', async () => {
    const r = await c.sysadmin.post('/api/v1/users', {
      username: 'duty_user1',
      display_name: '职责测试一',
      password: 'Duty#2026abc',
      region_code: REGION.aikou,
      phone: '13812345678',
    });
    assert.equal(r.status, 201, r.text);
    newUser = r.json;
    assert.equal(newUser.username, 'duty_user1');
    assert.equal(newUser.role, 'none');
    assert.equal(newUser.role_name, ROLE_NAME.none);
    assert.equal(newUser.must_change_password, true);
    assert.equal(newUser.status, 'active');
    assert.equal(newUser.region_code, REGION.aikou);
    assert.ok(!('password' in newUser) && !('password_hash' in newUser), 'User leaks a password field');
  });

  it('a taken username answers 409 conflict', async () => {
    const r = await c.sysadmin.post('/api/v1/users', {
      username: 'duty_user1',
      display_name: '重名',
      password: 'Duty#2026abc',
      region_code: REGION.aikou,
    });
    assertError(r, 409, 'conflict');
    const demo = await c.sysadmin.post('/api/v1/users', {
      username: 'county',
      display_name: '重名',
      password: 'Duty#2026abc',
      region_code: REGION.aikou,
    });
    assertError(demo, 409, 'conflict');
  });

  it('a new password must follow the password rule', async () => {
    const r = await c.sysadmin.post('/api/v1/users', {
      username: 'duty_weak',
      display_name: '弱口令',
      password: 'abc12345',
      region_code: REGION.aikou,
    });
    assertError(r, 400, 'invalid', 'password');
  });

  it('the system administrator cannot assign roles', async () => {
    const r = await c.sysadmin.put(`/api/v1/users/${newUser.id}/role`, { role: 'town', region_code: REGION.aikou });
    assertError(r, 403, 'forbidden');
    assert.equal((await c.sysadmin.get(`/api/v1/users/${newUser.id}`)).json.role, 'none');
  });

  it('the security administrator cannot create users', async () => {
    const r = await c.secadmin.post('/api/v1/users', {
      username: 'duty_user2',
      display_name: '职责测试二',
      password: 'Duty#2026abc',
      region_code: REGION.aikou,
    });
    assertError(r, 403, 'forbidden');
  });

  it('the security administrator cannot assign an administrator role', async () => {
    for (const role of ADMIN_ROLES) {
      const r = await c.secadmin.put(`/api/v1/users/${newUser.id}/role`, { role, region_code: REGION.xiushan });
      assert.ok([400, 403].includes(r.status), `assign ${role}: ${r.status} ${r.text}`);
      if (r.status === 400) assert.equal(r.json.error.field, 'role');
      else assert.equal(r.json.error.code, 'forbidden');
    }
    assert.equal((await c.secadmin.get(`/api/v1/users/${newUser.id}`)).json.role, 'none');
  });

  it('the security administrator cannot change an administrator account', async () => {
    const list = await c.secadmin.get('/api/v1/users?q=sysadmin');
    const sys = list.json.items.find((u) => u.username === 'sysadmin');
    assert.ok(sys);
    const r = await c.secadmin.put(`/api/v1/users/${sys.id}/role`, { role: 'county', region_code: REGION.xiushan });
    assert.ok([400, 403].includes(r.status), `demoting sysadmin: ${r.status} ${r.text}`);
  });

  it('a role that needs an org is refused without org_id', async () => {
    const r = await c.secadmin.put(`/api/v1/users/${newUser.id}/role`, { role: 'school', region_code: REGION.aikou });
    assertError(r, 400, 'invalid', 'org_id');
  });

  it('the security administrator assigns a business role', async () => {
    const r = await c.secadmin.put(`/api/v1/users/${newUser.id}/role`, { role: 'town', region_code: REGION.aikou });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.role, 'town');
    assert.equal(r.json.role_name, ROLE_NAME.town);
    assert.equal(r.json.region_code, REGION.aikou);
  });

  it('an account without a role can log in but has no permissions', async () => {
    const r = await c.sysadmin.post('/api/v1/users', {
      username: 'duty_norole',
      display_name: '未分配',
      password: 'Duty#2026abc',
      region_code: REGION.aikou,
    });
    assert.equal(r.status, 201, r.text);
    const u = await changePassword(await login(srv.url, 'duty_norole', 'Duty#2026abc'), 'Duty#2026abc', 'Fresh#2026abc');
    const me = await u.get('/api/v1/me');
    assert.equal(me.json.role, 'none');
    assert.deepEqual(me.json.permissions, []);
    assertError(await u.get('/api/v1/regions'), 403, 'forbidden');
    assertError(await u.get('/api/v1/orgs'), 403, 'forbidden');
  });

  it('the system administrator resets a password; the user must change it', async () => {
    const r = await c.sysadmin.post(`/api/v1/users/${newUser.id}/password`, { password: 'Reset#2026abc' });
    assert.equal(r.status, 204, r.text);
    const u = await login(srv.url, 'duty_user1', 'Reset#2026abc');
    assert.equal(u.me.must_change_password, true);
    assertError(await u.get('/api/v1/orgs'), 403, 'password_change_required');
  });

  it('a disabled account cannot log in', async () => {
    const r = await c.sysadmin.put(`/api/v1/users/${newUser.id}`, { status: 'disabled' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'disabled');
    const { response } = await tryLogin(srv.url, 'duty_user1', 'Reset#2026abc');
    assert.notEqual(response.status, 200, 'disabled user logged in');
  });

  it('the auditor alone reads the login and audit logs', async () => {
    for (const p of ['/api/v1/login-log', '/api/v1/audit-log', '/api/v1/audit-log/verify', '/api/v1/audit-actions']) {
      const r = await c.auditor.get(p);
      assert.equal(r.status, 200, `${p}: ${r.text}`);
      for (const u of ['sysadmin', 'secadmin', 'county', 'town']) {
        assertError(await c[u].get(p), 403, 'forbidden');
      }
    }
  });

  it('no API deletes or edits audit rows', async () => {
    const first = (await c.auditor.get('/api/v1/audit-log?page_size=1')).json.items[0];
    assert.ok(first, 'the audit log has rows');
    const attempts = [
      ['DELETE', '/api/v1/audit-log'],
      ['DELETE', `/api/v1/audit-log/${first.id}`],
      ['PUT', `/api/v1/audit-log/${first.id}`],
      ['POST', '/api/v1/audit-log'],
      ['DELETE', '/api/v1/login-log'],
    ];
    for (const [m, p] of attempts) {
      for (const u of ['auditor', 'sysadmin']) {
        const r = await c[u].req(m, p, m === 'DELETE' ? undefined : { detail: 'x' });
        assert.ok([404, 405].includes(r.status), `${u} ${m} ${p}: ${r.status} ${r.text}`);
      }
    }
    const again = (await c.auditor.get('/api/v1/audit-log?page_size=1')).json;
    assert.ok(again.total > 0);
  });

  it('business roles cannot use user management', async () => {
    for (const u of ['county', 'town']) {
      assertError(await c[u].get('/api/v1/users'), 403, 'forbidden');
      assertError(await c[u].get(`/api/v1/users/${newUser.id}`), 403, 'forbidden');
      assertError(await c[u].get('/api/v1/users/export.xlsx'), 403, 'forbidden');
      assertError(
        await c[u].post('/api/v1/users', {
          username: 'duty_x',
          display_name: 'x',
          password: 'Duty#2026abc',
          region_code: REGION.aikou,
        }),
        403,
        'forbidden',
      );
      assertError(await c[u].put(`/api/v1/users/${newUser.id}`, { display_name: '改名' }), 403, 'forbidden');
      assertError(
        await c[u].put(`/api/v1/users/${newUser.id}/role`, { role: 'county', region_code: REGION.xiushan }),
        403,
        'forbidden',
      );
      assertError(await c[u].post(`/api/v1/users/${newUser.id}/unlock`), 403, 'forbidden');
      assertError(await c[u].post(`/api/v1/users/${newUser.id}/password`, { password: 'Duty#2026abc' }), 403, 'forbidden');
      assertError(await c[u].get('/api/v1/settings/security'), 403, 'forbidden');
    }
  });

  it('the auditor cannot manage users or settings', async () => {
    assertError(
      await c.auditor.post('/api/v1/users', {
        username: 'duty_y',
        display_name: 'y',
        password: 'Duty#2026abc',
        region_code: REGION.aikou,
      }),
      403,
      'forbidden',
    );
    assertError(await c.auditor.get('/api/v1/settings/security'), 403, 'forbidden');
    assertError(await c.auditor.get('/api/v1/users'), 403, 'forbidden');
  });

  it('only the security administrator reads and changes security settings', async () => {
    const r = await c.secadmin.get('/api/v1/settings/security');
    assert.equal(r.status, 200, r.text);
    const s = r.json;
    for (const k of ['lock_failures', 'lock_minutes', 'password_max_age_days', 'session_idle_minutes']) {
      assert.equal(typeof s[k], 'number', `settings.${k}`);
    }
    assert.equal(s.lock_failures, 5);
    assert.equal(s.lock_minutes, 10);
    assert.equal(s.session_idle_minutes, 30);
    const put = await c.secadmin.put('/api/v1/settings/security', { ...s, lock_minutes: 15 });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.lock_minutes, 15);
    assert.equal((await c.secadmin.get('/api/v1/settings/security')).json.lock_minutes, 15);
    assertError(await c.secadmin.put('/api/v1/settings/security', { ...s, lock_failures: 'five' }), 400, 'invalid', 'lock_failures');
    assertError(await c.sysadmin.get('/api/v1/settings/security'), 403, 'forbidden');
    assertError(await c.sysadmin.put('/api/v1/settings/security', s), 403, 'forbidden');
  });

  it('demo initial password still works for an untouched account', async () => {
    const { response } = await tryLogin(srv.url, 'police', INITIAL_PASSWORD);
    assert.equal(response.status, 200, response.text);
  });
});
