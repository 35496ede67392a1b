// tests/http/session.test.mjs — login, lockout, forced password change, logout, CSRF and idle
// timeout, as docs/API.md "Session and CSRF" describes them (R2 level-3 authentication).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  makeClient,
  tryLogin,
  login,
  loginFresh,
  request,
  freshPassword,
  INITIAL_PASSWORD,
  sleep,
} from '../lib/server.mjs';
import { USERS, PERMISSIONS, ROLE_NAME, REGION, REGION_NAME } from '../lib/demo.mjs';

const LOCK_MESSAGE = /^登录失败次数过多，账户已锁定，请 ?\d+ ?分钟后再试/;

function assertError(r, status, code, field) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${r.text}`);
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.equal(typeof r.json.error.message, 'string');
  assert.match(r.json.error.message, /[\u4e00-\u9fff]/, 'error message is in Chinese');
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
}

describe('session', () => {
  let srv;
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.stop();
  });

  it('unauthenticated /me answers 401 unauthenticated', async () => {
    const r = await request(srv.url, 'GET', '/api/v1/me');
    assertError(r, 401, 'unauthenticated');
    assert.equal(r.json.error.message, '未登录或会话已过期，请重新登录');
  });

  it('login sets an HttpOnly SameSite=Strict session cookie and returns Me', async () => {
    const r = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'county', password: INITIAL_PASSWORD },
    });
    assert.equal(r.status, 200, r.text);
    const cookies = r.headers.getSetCookie();
    const sid = cookies.find((c) => c.startsWith('shouhu_sid='));
    assert.ok(sid, `Set-Cookie shouhu_sid missing: ${cookies}`);
    assert.match(sid, /;\s*HttpOnly/i);
    assert.match(sid, /;\s*SameSite=Strict/i);
    assert.match(sid, /;\s*Path=\//i);
    assert.ok(sid.split(';')[0].length > 'shouhu_sid='.length + 20, 'session id is long and random');

    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(r.json.csrf_token.length >= 16);
    const me = r.json.user;
    assert.equal(me.username, 'county');
    assert.equal(me.role, 'county');
    assert.equal(me.role_name, ROLE_NAME.county);
    assert.deepEqual(me.region, { code: REGION.xiushan, name: REGION_NAME[REGION.xiushan], level: 3 });
    assert.equal(me.org?.name, USERS.county.org);
    assert.equal(me.must_change_password, true, 'demo users must change the initial password');
    assert.ok(Array.isArray(me.permissions));
    for (const p of PERMISSIONS.county) assert.ok(me.permissions.includes(p), `county lacks ${p}`);
    for (const k of ['id', 'display_name']) assert.ok(k in me, `Me lacks ${k}`);
    assert.ok(!('password' in me) && !('password_hash' in me), 'Me leaks a password field');
  });

  it('a wrong password answers 401 bad_credentials without a cookie', async () => {
    const r = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'county', password: 'Wrong#2026pw' },
    });
    assertError(r, 401, 'bad_credentials');
    assert.equal(r.json.error.message, '用户名或密码错误');
    assert.ok(!r.headers.getSetCookie().some((c) => /^shouhu_sid=[^;]+/.test(c)), 'no session on failure');
  });

  it('an unknown username gets a byte-identical answer to a known one with a wrong password', async () => {
    const known = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'town', password: 'Wrong#2026pw' },
    });
    const unknown = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'no_such_user_x', password: 'Wrong#2026pw' },
    });
    assert.equal(unknown.status, known.status);
    assert.equal(unknown.text, known.text);
    assert.equal(unknown.headers.get('content-type'), known.headers.get('content-type'));
  });

  it('5 failures lock a known account (423, Chinese message), even for the right password', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const r = await request(srv.url, 'POST', '/api/v1/session', {
        body: { username: 'volunteer', password: `Wrong#${i}abcd` },
      });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.ok([401, 423].includes(statuses[4]), `5th failure: ${statuses[4]}`);
    const wrong = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'volunteer', password: 'Wrong#9abcd' },
    });
    assertError(wrong, 423, 'account_locked');
    assert.match(wrong.json.error.message, LOCK_MESSAGE);
    const right = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'volunteer', password: INITIAL_PASSWORD },
    });
    assertError(right, 423, 'account_locked');
    assert.ok(!right.headers.getSetCookie().some((c) => /^shouhu_sid=[^;]+/.test(c)), 'no session while locked');
  });

  it('5 failures "lock" an unknown username the same way', async () => {
    const known = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'volunteer', password: 'Wrong#9abcd' },
    });
    for (let i = 0; i < 5; i++) {
      await request(srv.url, 'POST', '/api/v1/session', { body: { username: 'ghost_user', password: `Wrong#${i}abcd` } });
    }
    const r = await request(srv.url, 'POST', '/api/v1/session', {
      body: { username: 'ghost_user', password: 'Wrong#9abcd' },
    });
    assertError(r, 423, 'account_locked');
    assert.match(r.json.error.message, LOCK_MESSAGE);
    assert.equal(r.text, known.text, 'locked unknown and locked known answer alike');
  });

  it('the security administrator unlocks a locked account', async () => {
    const sec = await loginFresh(srv.url, 'secadmin');
    const list = await sec.get('/api/v1/users?q=volunteer');
    assert.equal(list.status, 200, list.text);
    const u = list.json.items.find((x) => x.username === 'volunteer');
    assert.ok(u, 'volunteer listed');
    assert.equal(u.locked, true, 'User.locked is true while locked');
    const r = await sec.post(`/api/v1/users/${u.id}/unlock`);
    assert.equal(r.status, 204, r.text);
    const again = await sec.get(`/api/v1/users/${u.id}`);
    assert.equal(again.json.locked, false);
    const { response } = await tryLogin(srv.url, 'volunteer', INITIAL_PASSWORD);
    assert.equal(response.status, 200, response.text);
  });

  it('must_change_password: other APIs answer 403 password_change_required', async () => {
    const c = await login(srv.url, 'director', INITIAL_PASSWORD);
    assert.equal(c.me.must_change_password, true);
    for (const p of ['/api/v1/regions', '/api/v1/orgs', '/api/v1/org-types']) {
      const r = await c.get(p);
      assertError(r, 403, 'password_change_required');
    }
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.must_change_password, true);
    assert.equal(typeof me.json.csrf_token, 'string');
  });

  it('password rules: length, 3 of 4 classes, differs from the old one; field new_password', async () => {
    const c = await login(srv.url, 'director', INITIAL_PASSWORD);
    const bad = [
      'Ab#1234', // 7 characters
      'abcdefgh1', // 2 classes
      'ABCDEFGH#', // 2 classes
      'abcdEFGHij', // 2 classes
      INITIAL_PASSWORD, // same as the old one
    ];
    for (const new_password of bad) {
      const r = await c.put('/api/v1/me/password', { old_password: INITIAL_PASSWORD, new_password });
      assertError(r, 400, 'invalid', 'new_password');
    }
    const wrongOld = await c.put('/api/v1/me/password', {
      old_password: 'Not@theOld1',
      new_password: freshPassword('director'),
    });
    assert.notEqual(wrongOld.status, 204, 'a wrong old password must not change the password');
    assert.ok(wrongOld.status >= 400 && wrongOld.status < 500, wrongOld.text);

    const ok = await c.put('/api/v1/me/password', {
      old_password: INITIAL_PASSWORD,
      new_password: freshPassword('director'),
    });
    assert.equal(ok.status, 204, ok.text);
    let me = await c.get('/api/v1/me');
    if (me.status === 401) {
      const again = await login(srv.url, 'director', freshPassword('director'));
      me = await again.get('/api/v1/me');
    }
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.must_change_password, false);

    const old = await tryLogin(srv.url, 'director', INITIAL_PASSWORD);
    assert.equal(old.response.status, 401, 'the old password no longer works');
    const fresh = await login(srv.url, 'director', freshPassword('director'));
    const regions = await fresh.get('/api/v1/regions');
    assert.equal(regions.status, 200, regions.text);
  });

  it('CSRF: writes without or with a wrong X-CSRF-Token answer 403 csrf', async () => {
    const c = await login(srv.url, 'director', freshPassword('director'));
    const body = { old_password: freshPassword('director'), new_password: 'Another#2026pw' };
    const none = await c.put('/api/v1/me/password', body, { csrf: false });
    assertError(none, 403, 'csrf');
    const wrong = await c.put('/api/v1/me/password', body, {
      csrf: false,
      headers: { 'X-CSRF-Token': 'x'.repeat(c.csrf.length) },
    });
    assertError(wrong, 403, 'csrf');
    const logout = await c.del('/api/v1/session', { csrf: false });
    assertError(logout, 403, 'csrf');
    // The session survived both refusals and the password is unchanged.
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200);
    const still = await tryLogin(srv.url, 'director', freshPassword('director'));
    assert.equal(still.response.status, 200);
  });

  it("CSRF: another session's token is refused", async () => {
    const a = await login(srv.url, 'director', freshPassword('director'));
    const b = await login(srv.url, 'director', freshPassword('director'));
    assert.notEqual(a.cookie, b.cookie, 'each login gets its own session');
    const r = await a.del('/api/v1/session', { csrf: false, headers: { 'X-CSRF-Token': b.csrf } });
    if (a.csrf !== b.csrf) assertError(r, 403, 'csrf');
  });

  it('logout ends the session (204, then 401 with the old cookie)', async () => {
    const c = await login(srv.url, 'director', freshPassword('director'));
    const sid = c.cookie;
    const r = await c.del('/api/v1/session');
    assert.equal(r.status, 204, r.text);
    const replay = makeClient(srv.url, { cookie: sid });
    const me = await replay.get('/api/v1/me');
    assertError(me, 401, 'unauthenticated');
  });

  it('a made-up session cookie is not a session', async () => {
    const c = makeClient(srv.url, { cookie: 'A'.repeat(43) });
    assertError(await c.get('/api/v1/me'), 401, 'unauthenticated');
  });
});

describe('session idle timeout', () => {
  let srv;
  before(async () => {
    srv = await startServer({ settings: { session_idle_seconds: 2 } });
  });
  after(async () => {
    await srv?.stop();
  });

  it('a session idle for 3 s ends (session_idle_seconds=2)', async () => {
    const c = await login(srv.url, 'county', INITIAL_PASSWORD);
    const first = await c.get('/api/v1/me');
    assert.equal(first.status, 200, first.text);
    await sleep(3000);
    const r = await c.get('/api/v1/me');
    assertError(r, 401, 'unauthenticated');
    assert.equal(r.json.error.message, '未登录或会话已过期，请重新登录');
  });

  it('a new login after expiry works', async () => {
    const c = await login(srv.url, 'county', INITIAL_PASSWORD);
    assert.equal((await c.get('/api/v1/me')).status, 200);
  });
});
