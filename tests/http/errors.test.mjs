// tests/http/errors.test.mjs — the error envelope, input limits, security headers, /healthz
// and static files (docs/API.md "Errors" and "Other").
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, loginFresh, request, makeWebRoot } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';

function assertError(r, status, code, field) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${r.text}`);
  assert.match(r.headers.get('content-type') ?? '', /application\/json/, 'error is JSON');
  assert.equal(r.json?.error?.code, code, r.text);
  assert.match(r.json.error.message ?? '', /[\u4e00-\u9fff]/, 'error message is in Chinese');
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
}

function assertSecurityHeaders(r, what) {
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy missing`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP ${csp}`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.ok(r.headers.get('referrer-policy'), `${what}: Referrer-Policy missing`);
}

/** A raw HTTP request (no URL normalisation, custom framing); resolves {status, headers, body}. */
function raw(url, { method = 'GET', path: p, headers = {}, body } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: p, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Send BYTES on a fresh TCP connection; resolve what came back before close (or 3 s). */
function rawBytes(url, bytes) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect(Number(u.port), u.hostname);
    const chunks = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    sock.setTimeout(3000, () => {
      sock.destroy();
      done();
    });
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', done);
    sock.on('close', done);
    sock.end(bytes);
  });
}

const maxAge = (cc) => Number((cc ?? '').match(/max-age=(\d+)/)?.[1] ?? 0);

describe('errors and limits', () => {
  let srv;
  let admin;
  let web;
  let webDir;
  before(async () => {
    webDir = await mkdtemp(path.join(tmpdir(), 'shouhu-www-'));
    web = await makeWebRoot(webDir);
    srv = await startServer({ settings: { web_root: web.root } });
    admin = await loginFresh(srv.url, 'sysadmin');
  });
  after(async () => {
    await srv?.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  it('GET /healthz answers 200 {"status":"ok"} without a session', async () => {
    const r = await request(srv.url, 'GET', '/healthz');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: 'ok' });
  });

  it('malformed JSON answers 400 bad_json', async () => {
    for (const body of ['{"username":', 'not json', '[1,2]', '"a string"', '']) {
      const r = await request(srv.url, 'POST', '/api/v1/session', { body });
      assertError(r, 400, 'bad_json');
    }
    const r = await admin.post('/api/v1/orgs', '{"name": "x",');
    assertError(r, 400, 'bad_json');
  });

  it('invalid UTF-8 in a JSON body is refused', async () => {
    const body = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]);
    const r = await request(srv.url, 'POST', '/api/v1/session', { body });
    assert.equal(r.status, 400, r.text);
    assert.ok(['bad_json', 'invalid'].includes(r.json?.error?.code), r.text);
  });

  it('a wrong type, a missing field or an unknown field answers 400 invalid naming the field', async () => {
    assertError(
      await request(srv.url, 'POST', '/api/v1/session', { body: { username: 123, password: 'x' } }),
      400,
      'invalid',
      'username',
    );
    assertError(
      await request(srv.url, 'POST', '/api/v1/session', { body: { username: 'county' } }),
      400,
      'invalid',
      'password',
    );
    assertError(
      await request(srv.url, 'POST', '/api/v1/session', { body: { username: 'county', password: 'x', remember: true } }),
      400,
      'invalid',
      'remember',
    );
    assertError(
      await admin.post('/api/v1/orgs', { name: '测试机构', type: 'school', region_code: 500241103000 }),
      400,
      'invalid',
      'region_code',
    );
    assertError(
      await admin.post('/api/v1/orgs', { name: '测试机构', type: 'spaceship', region_code: REGION.aikou }),
      400,
      'invalid',
      'type',
    );
    assertError(
      await admin.post('/api/v1/orgs', { name: '', type: 'school', region_code: REGION.aikou }),
      400,
      'invalid',
      'name',
    );
    assertError(
      await admin.post('/api/v1/users', {
        username: 'typo_user',
        display_name: '字段',
        password: 'Abcd#2026xy',
        region_code: REGION.aikou,
        rol: 'town',
      }),
      400,
      'invalid',
      'rol',
    );
  });

  it('paging: page_size over 100 is refused or capped at 100', async () => {
    for (let i = 0; i < 101; i++) {
      const r = await admin.post('/api/v1/orgs', { name: `分页测试${String(i).padStart(3, '0')}`, type: 'civil', region_code: REGION.aikou });
      assert.equal(r.status, 201, r.text);
    }
    const q = encodeURIComponent('分页测试');
    const r = await admin.get(`/api/v1/orgs?q=${q}&page_size=1000`);
    if (r.status === 200) {
      assert.equal(r.json.items.length, 100);
      assert.equal(r.json.total, 101);
    } else {
      assertError(r, 400, 'invalid', 'page_size');
    }
    const p2 = await admin.get(`/api/v1/orgs?q=${q}&page=2&page_size=100`);
    assert.equal(p2.json.items.length, 1);
    const dflt = await admin.get(`/api/v1/orgs?q=${q}`);
    assert.equal(dflt.json.items.length, 20, 'default page_size is 20');
    for (const bad of ['page=0', 'page_size=abc', 'page=-1', 'page_size=0', 'page=1.5']) {
      const x = await admin.get(`/api/v1/orgs?q=${q}&${bad}`);
      assertError(x, 400, 'invalid', bad.split('=')[0]);
    }
  });

  it('a body over 1 MiB answers 413 too_large', async () => {
    const big = JSON.stringify({ username: 'county', password: 'x'.repeat(1024 * 1024 + 10) });
    let r;
    try {
      r = await request(srv.url, 'POST', '/api/v1/session', { body: big });
    } catch (e) {
      // The server may close the connection after answering; read the answer with a raw request.
      const rr = await raw(srv.url, {
        method: 'POST',
        path: '/api/v1/session',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big) },
        body: big,
      }).catch(() => null);
      assert.ok(rr, `connection failed without an answer: ${e.message}`);
      r = { status: rr.status, text: rr.body, json: JSON.parse(rr.body), headers: new Headers(rr.headers) };
    }
    assertError(r, 413, 'too_large');
    const authed = await admin.post('/api/v1/orgs', { name: 'x'.repeat(1100 * 1024), type: 'school', region_code: REGION.aikou });
    assertError(authed, 413, 'too_large');
    // The server is still fine afterwards.
    assert.equal((await request(srv.url, 'GET', '/healthz')).status, 200);
  });

  it('an unknown /api path answers a JSON 404', async () => {
    for (const p of ['/api/v1/no-such-thing', '/api/v2/me', '/api/', '/api/v1/orgs/123/nope']) {
      const r = await admin.get(p);
      assertError(r, 404, 'not_found');
    }
  });

  it('an unknown method on a known path answers 405 method_not_allowed', async () => {
    const r = await admin.del('/api/v1/org-types');
    assertError(r, 405, 'method_not_allowed');
  });

  it('a nonexistent record answers 404 not_found', async () => {
    assertError(await admin.get('/api/v1/orgs/999999999'), 404, 'not_found');
    assertError(await admin.get('/api/v1/users/999999999'), 404, 'not_found');
    assertError(await admin.get('/api/v1/regions/999999999999'), 404, 'not_found');
    const bad = await admin.get('/api/v1/orgs/abc');
    assert.ok([400, 404].includes(bad.status), bad.text);
  });

  it('security headers are on API, error and static responses', async () => {
    assertSecurityHeaders(await admin.get('/api/v1/me'), 'GET /api/v1/me');
    assertSecurityHeaders(await request(srv.url, 'GET', '/api/v1/me'), '401 /api/v1/me');
    assertSecurityHeaders(await request(srv.url, 'GET', '/healthz'), '/healthz');
    assertSecurityHeaders(await request(srv.url, 'GET', '/'), '/');
    assertSecurityHeaders(await request(srv.url, 'GET', web.assetPath), web.assetPath);
    assertSecurityHeaders(await admin.get('/api/v1/no-such-thing'), '404');
  });

  it('API responses are not cached (Cache-Control: no-store: personal data)', async () => {
    const r = await admin.get('/api/v1/me');
    assert.match(r.headers.get('cache-control') ?? '', /no-store/);
  });

  it('static: / and client routes answer index.html', async () => {
    for (const p of ['/', '/users', '/orgs/12', '/login?next=%2Fusers']) {
      const r = await request(srv.url, 'GET', p);
      assert.equal(r.status, 200, `${p}: ${r.status}`);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(r.text, web.index, `${p} serves index.html`);
      assert.ok(maxAge(r.headers.get('cache-control')) < 3600, `${p}: index.html must not be cached long`);
    }
  });

  it('static: /assets/ files have long cache headers and the right type', async () => {
    const r = await request(srv.url, 'GET', web.assetPath);
    assert.equal(r.status, 200);
    assert.equal(r.text, web.asset);
    assert.match(r.headers.get('content-type') ?? '', /javascript/);
    const cc = r.headers.get('cache-control') ?? '';
    assert.ok(maxAge(cc) >= 7 * 86400, `Cache-Control: ${cc}`);
  });

  it('static: path traversal does not escape the web root', async () => {
    for (const p of [
      '/../../../../etc/passwd',
      '/assets/../../../../etc/passwd',
      '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    ]) {
      const r = await raw(srv.url, { path: p });
      assert.ok(!r.body.includes('root:x:0:0'), `${p} leaked /etc/passwd`);
      assert.ok([200, 400, 403, 404].includes(r.status), `${p}: ${r.status}`);
    }
  });

  it('malformed HTTP gets a 4xx (505 for a bad version) or a closed connection, and the server stays up', async () => {
    const cases = [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
      'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}',
      'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(200000)}\r\n\r\n`,
      'GET /api/v1/orgs/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'GET /api/v1/me\x00 HTTP/1.1\r\nHost: x\r\n\r\n',
    ];
    for (const c of cases) {
      const out = await rawBytes(srv.url, c);
      const status = Number(out.match(/^HTTP\/1\.[01] (\d{3})/)?.[1] ?? 0);
      assert.ok(status === 0 || status === 505 || (status >= 400 && status < 500), `${JSON.stringify(c.slice(0, 60))} → ${out.slice(0, 80)}`);
    }
    assert.equal((await request(srv.url, 'GET', '/healthz')).status, 200);
  });

  it('deeply nested or huge JSON is refused without harm', async () => {
    const deep = '['.repeat(100000) + ']'.repeat(100000);
    const r = await request(srv.url, 'POST', '/api/v1/session', { body: deep });
    assert.equal(r.status, 400, r.text);
    const obj = `{"username":"a","password":"b",${Array.from({ length: 5000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const r2 = await request(srv.url, 'POST', '/api/v1/session', { body: obj });
    assertError(r2, 400, 'invalid');
    const nul = await request(srv.url, 'POST', '/api/v1/session', { body: '{"username":"coun\\u0000ty","password":"x"}' });
    assert.ok([400, 401].includes(nul.status), nul.text);
    assert.equal((await request(srv.url, 'GET', '/healthz')).status, 200);
  });
});
