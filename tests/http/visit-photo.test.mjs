// tests/http/visit-photo.test.mjs — a visit's photo (docs/API.md "Visit photos"): the visitor
// uploads a JPEG or PNG (told by its bytes) within visit_late_days of the visit, again replaces
// it, and the Visit says has_photo; caseworkers in scope download it; anything else is refused
// with a Chinese message (400 not an image, 413 over 2 MiB, 403 another user, 404 outside the
// scope); uploads and downloads are audited.
//
// Fixtures use the surname 蔺, which the demo children never use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginFresh } from '../lib/server.mjs';
import { REGION } from '../lib/demo.mjs';
import { DAY, childBody, visitBody, isoCST, PNG_1x1, JPEG_TINY } from '../lib/fixtures.mjs';
import { openapi, schemaErrors } from '../lib/schema.mjs';

describe('visit photos', () => {
  let srv, county, town, director, school, auditor, child, visit, otherVisit;

  /** PUT the photo BYTES of visit ID as WHO. */
  const put = (who, id, bytes, type = 'image/jpeg') =>
    who.put(`/api/v1/visits/${id}/photo`, bytes, { headers: { 'Content-Type': type } });

  before(async () => {
    srv = await startServer();
    [county, town, director, school, auditor] = await Promise.all(
      ['county', 'town', 'director', 'school', 'auditor'].map((u) => loginFresh(srv.url, u)),
    );
    let r = await director.post('/api/v1/children', childBody('蔺小禾', { region: REGION.pingsuo }));
    assert.equal(r.status, 201, r.text);
    child = r.json;
    r = await director.post(`/api/v1/children/${child.id}/visits`, visitBody());
    assert.equal(r.status, 201, r.text);
    visit = r.json;
    // a visit in the town's other village, by the town supervisor
    r = await town.post('/api/v1/children', childBody('蔺小新', { region: REGION.xinyuan }));
    assert.equal(r.status, 201, r.text);
    r = await town.post(`/api/v1/children/${r.json.id}/visits`, visitBody());
    assert.equal(r.status, 201, r.text);
    otherVisit = r.json;
  });

  after(async () => {
    await srv?.stop();
  });

  it('a new visit has no photo', async () => {
    assert.equal(visit.has_photo, false);
    const r = await director.get(`/api/v1/visits/${visit.id}/photo`);
    assert.equal(r.status, 404, r.text);
    assert.match(r.json.error.message, /没有照片/);
  });

  it('the visitor uploads a PNG; the visit has_photo; caseworkers in scope download the same bytes', async () => {
    let r = await put(director, visit.id, PNG_1x1, 'image/png');
    assert.equal(r.status, 204, r.text);
    r = await director.get(`/api/v1/visits/${visit.id}`);
    assert.equal(r.json.has_photo, true);
    assert.deepEqual(schemaErrors(await openapi(), 'Visit', r.json), []);
    r = await director.get(`/api/v1/children/${child.id}/visits`);
    assert.equal(r.json.items.find((v) => v.id === visit.id).has_photo, true);
    for (const who of [director, town, county]) {
      r = await who.get(`/api/v1/visits/${visit.id}/photo`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('content-type'), 'image/png');
      assert.ok(r.buf.equals(PNG_1x1));
    }
  });

  it('uploading again replaces it (the type is what the bytes say)', async () => {
    const r = await put(director, visit.id, JPEG_TINY, 'image/png');
    assert.equal(r.status, 204, r.text);
    const g = await town.get(`/api/v1/visits/${visit.id}/photo`);
    assert.equal(g.headers.get('content-type'), 'image/jpeg');
    assert.ok(g.buf.equals(JPEG_TINY));
  });

  it('not an image: 400 with a Chinese message; nothing changes', async () => {
    let r = await put(director, visit.id, Buffer.from('GIF89a not allowed here'), 'image/gif');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'photo');
    assert.equal(r.json.error.message, '照片应为 JPEG 或 PNG 图片');
    r = await put(director, visit.id, Buffer.alloc(0));
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.message, /请选择照片/);
    const g = await director.get(`/api/v1/visits/${visit.id}/photo`);
    assert.ok(g.buf.equals(JPEG_TINY));
  });

  it('over 2 MiB: 413; exactly 2 MiB is accepted', async () => {
    const big = Buffer.concat([JPEG_TINY, Buffer.alloc(2 * 1024 * 1024 + 1 - JPEG_TINY.length, 0x20)]);
    let r = await put(director, visit.id, big);
    assert.equal(r.status, 413, r.text);
    assert.equal(r.json.error.code, 'too_large');
    assert.match(r.json.error.message, /2MB/);
    const max = big.subarray(0, 2 * 1024 * 1024);
    r = await put(director, visit.id, max);
    assert.equal(r.status, 204, r.text);
    const g = await director.get(`/api/v1/visits/${visit.id}/photo`);
    assert.equal(g.buf.length, max.length);
  });

  it('another user may not upload: 403 in scope, 404 outside; a school reads nothing', async () => {
    let r = await put(town, visit.id, PNG_1x1, 'image/png');
    assert.equal(r.status, 403, r.text);
    assert.match(r.json.error.message, /走访人本人/);
    r = await put(director, otherVisit.id, PNG_1x1, 'image/png');
    assert.equal(r.status, 404, r.text);
    r = await put(town, otherVisit.id, PNG_1x1, 'image/png');
    assert.equal(r.status, 204, r.text);
    r = await director.get(`/api/v1/visits/${otherVisit.id}/photo`);
    assert.equal(r.status, 404, r.text);
    r = await school.get(`/api/v1/visits/${visit.id}/photo`);
    assert.equal(r.status, 403, r.text);
    r = await put(school, visit.id, PNG_1x1, 'image/png');
    assert.equal(r.status, 403, r.text);
  });

  it('only within visit_late_days of the visit', async () => {
    const late = await director.post(
      `/api/v1/children/${child.id}/visits`,
      visitBody({ occurred_at: isoCST(Date.now() - 5 * DAY), late_reason: '山区无信号，返回后补录' }),
    );
    assert.equal(late.status, 201, late.text);
    const r = await put(director, late.json.id, PNG_1x1, 'image/png');
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.message, /超过3天/);
  });

  it('uploads and downloads are audited; the upload is in the child\'s history', async () => {
    let r = await auditor.get('/api/v1/audit-log?action=visit.photo_update&page_size=100');
    const ups = r.json.items.filter((x) => x.object_id === String(visit.id));
    assert.ok(ups.some((x) => x.outcome === 'success' && x.username === 'director'), r.text);
    assert.ok(ups.some((x) => x.outcome === 'denied' && x.username === 'town'), r.text);
    assert.ok(ups.every((x) => x.action_name === '上传走访照片'));
    r = await auditor.get('/api/v1/audit-log?action=visit.photo&page_size=100');
    assert.ok(r.json.items.some((x) => x.object_id === String(visit.id) && x.username === 'county'), r.text);
    r = await director.get(`/api/v1/children/${child.id}/history`);
    assert.ok(r.json.some((h) => h.field === '走访照片'), r.text);
  });
});
