// tests/http/openapi.test.mjs — /api/v1/openapi.json is the embedded src/http/openapi.json, and
// every route the server has (`shouhu routes`) is documented in it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, request, loginFresh, ROOT } from '../lib/server.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

describe('openapi', () => {
  let srv;
  let doc;
  let routes;
  before(async () => {
    srv = await startServer();
    let r = await request(srv.url, 'GET', '/api/v1/openapi.json');
    if (r.status === 401) r = await (await loginFresh(srv.url, 'county')).get('/api/v1/openapi.json');
    assert.equal(r.status, 200, r.text);
    doc = r.json;
    const out = await srv.run(['routes']);
    assert.equal(out.code, 0, out.stderr);
    routes = out.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  });
  after(async () => {
    await srv?.stop();
  });

  it('is served as JSON and equals src/http/openapi.json', async () => {
    const file = JSON.parse(await readFile(path.join(ROOT, 'src/http/openapi.json'), 'utf8'));
    assert.deepEqual(doc, file);
    assert.match(doc.openapi, /^3\.0\.\d+$/);
    assert.match(doc.info.title, /shouhu/);
  });

  it('`shouhu routes` prints METHOD /path lines', () => {
    assert.ok(routes.length >= 20, `only ${routes.length} routes`);
    for (const l of routes) assert.match(l, /^(GET|PUT|POST|DELETE|PATCH|HEAD) \/\S*$/, l);
  });

  it('every route is in the document', () => {
    const missing = [];
    for (const l of routes) {
      const [m, p] = l.split(' ');
      if (!doc.paths[p]?.[m.toLowerCase()]) missing.push(l);
    }
    assert.deepEqual(missing, [], `routes missing from openapi.json:\n${missing.join('\n')}`);
  });

  it('every documented operation is a route', () => {
    const have = new Set(routes);
    const extra = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const m of METHODS) if (item[m] && !have.has(`${m.toUpperCase()} ${p}`)) extra.push(`${m.toUpperCase()} ${p}`);
    }
    assert.deepEqual(extra, [], `documented but not routed:\n${extra.join('\n')}`);
  });

  it('every $ref resolves', () => {
    const bad = [];
    const walk = (v) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (v && typeof v === 'object') {
        if (typeof v.$ref === 'string') {
          const target = v.$ref
            .replace(/^#\//, '')
            .split('/')
            .reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
          if (target === undefined) bad.push(v.$ref);
        }
        Object.values(v).forEach(walk);
      }
    };
    walk(doc);
    assert.deepEqual(bad, []);
  });
});
