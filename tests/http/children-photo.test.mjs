// tests/http/children-photo.test.mjs — the child's optional photo (R3): a director uploads a JPEG
// or PNG to a file of its village, anyone who may read the file gets the same bytes back (each
// view audited), other types and oversized uploads are refused in Chinese, and a file outside the
// caller's scope answers 404 as if it did not exist.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';

// The smallest valid PNG (1x1, transparent) and a JPEG header followed by filler.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);

async function put(client, url, path, body) {
  return fetch(url + path, {
    method: 'PUT',
    headers: { Cookie: `shouhu_sid=${client.cookie}`, 'X-CSRF-Token': client.csrf, 'Content-Type': 'application/octet-stream' },
    body,
  });
}

describe('children: the photo', () => {
  let srv, director, county, town, auditor, mine, other;
  before(async () => {
    srv = await startServer({ demo: true });
    [director, county, town, auditor] = await Promise.all(
      ['director', 'county', 'town', 'auditor'].map((u) => loginFresh(srv.url, u)),
    );
    // a child of the director's village, and one of 中和街道 (outside 隘口镇)
    const inVillage = await director.get(`/api/v1/children?region=${REGION.pingsuo}&page_size=1`);
    mine = inVillage.json.items[0];
    const elsewhere = await county.get(`/api/v1/children?region=${REGION.zhonghe}&page_size=1`);
    other = elsewhere.json.items[0];
    assert.ok(mine && other, 'the demo county has children in both places');
  });
  after(() => srv?.stop());

  it('a director uploads a PNG; the file says it has one; the bytes come back with their type', async () => {
    const r = await put(director, srv.url, `/api/v1/children/${mine.id}/photo`, PNG);
    assert.equal(r.status, 204, await r.text());
    const file = await director.get(`/api/v1/children/${mine.id}`);
    assert.equal(file.json.has_photo, true);
    const back = await fetch(`${srv.url}/api/v1/children/${mine.id}/photo`, { headers: { Cookie: `shouhu_sid=${town.cookie}` } });
    assert.equal(back.status, 200);
    assert.equal(back.headers.get('content-type'), 'image/png');
    assert.equal(back.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await back.arrayBuffer()), PNG);
  });

  it('a JPEG replaces it; the type follows the bytes, not the request', async () => {
    const r = await put(director, srv.url, `/api/v1/children/${mine.id}/photo`, JPEG);
    assert.equal(r.status, 204);
    const back = await fetch(`${srv.url}/api/v1/children/${mine.id}/photo`, { headers: { Cookie: `shouhu_sid=${county.cookie}` } });
    assert.equal(back.headers.get('content-type'), 'image/jpeg');
    assert.equal(Buffer.from(await back.arrayBuffer()).length, JPEG.length);
  });

  it('other types and photos over 2 MB are refused with a Chinese message', async () => {
    const gif = await put(director, srv.url, `/api/v1/children/${mine.id}/photo`, Buffer.from('GIF89a......'));
    assert.equal(gif.status, 400);
    const e1 = (await gif.json()).error;
    assert.equal(e1.field, 'photo');
    assert.match(e1.message, /JPEG|PNG/);
    const big = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024, 1)]);
    const tooBig = await put(director, srv.url, `/api/v1/children/${mine.id}/photo`, big);
    assert.equal(tooBig.status, 400);
    assert.match((await tooBig.json()).error.message, /2MB/);
  });

  it('outside the scope it is as if the file did not exist, for reading and for writing', async () => {
    const get = await fetch(`${srv.url}/api/v1/children/${other.id}/photo`, { headers: { Cookie: `shouhu_sid=${director.cookie}` } });
    assert.equal(get.status, 404);
    const set = await put(director, srv.url, `/api/v1/children/${other.id}/photo`, PNG);
    assert.equal(set.status, 404);
  });

  it('each view and upload is in the audit trail', async () => {
    const r = await auditor.get(`/api/v1/audit-log?object_type=child&page_size=100`);
    const mineRows = r.json.items.filter((x) => String(x.object_id) === String(mine.id));
    assert.ok(mineRows.some((x) => x.action === 'child.photo' && x.username === 'town'));
    assert.ok(mineRows.some((x) => x.action === 'child.photo_update' && x.username === 'director'));
  });
});
