// tests/e2e/child-photo.test.mjs — the child's photo in a real browser against the real server
// with a fresh demo database: the child director of 平所村 opens a child of the village, sees the
// placeholder, and is refused in Chinese for a file over 2 MB and a .gif (both checked in the
// browser, nothing sent) and for a text file renamed .png (sent; the server, which goes by the
// bytes, refuses it). A real PNG is uploaded: the header shows it (loaded, naturalWidth > 0,
// under a new address), the button becomes 更换照片 and 变更记录 lists it. The page fits a 360 px
// phone, and the print view has the photo in its ID-photo box before the print dialog opens.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTarget, launchBrowser, newPage, screenshot, firstLogin, DESKTOP, PHONE } from './browser.mjs';

const TIMEOUT = 15000;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid RGB PNG of WIDTH × HEIGHT whose pixels are COLOR(x, y) → [r, g, b]. */
function makePng(width, height, color) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push(...color(x, y));
  }
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// 30 × 40: a blue background with a lighter "head" — enough to see in a screenshot.
const PHOTO = makePng(30, 40, (x, y) =>
  (x - 15) ** 2 + (y - 15) ** 2 < 64 || (y > 26 && Math.abs(x - 15) < y - 18) ? [240, 205, 170] : [70, 130, 200],
);

let srv;
let browser;
let dir;
const files = {};

before(async () => {
  srv = await startTarget();
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'shouhu-e2e-photo-'));
  const write = async (name, data) => {
    files[name] = path.join(dir, name);
    await writeFile(files[name], data);
  };
  await write('photo.png', PHOTO);
  await write('animation.gif', Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(64, 1)]));
  await write('notes.png', '这不是图片，只是改了扩展名的文本文件。\n');
  await write('large.png', Buffer.concat([PHOTO, Buffer.alloc(2 * 1024 * 1024, 0)]));
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Choose FILE in the chooser that BUTTON opens. */
async function choosePhoto(page, button, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  assert.equal(await chooser.element().getAttribute('accept'), 'image/jpeg,image/png');
  await chooser.setFiles(file);
}

/** Wait for the error message TEXT, then for it to go (so the next one is a new message). */
async function errorShown(page, text) {
  const message = page.locator('.el-message--error', { hasText: text });
  await message.waitFor();
  await message.waitFor({ state: 'detached', timeout: 10000 });
}

test('a child director uploads a photo for a child of 平所村; wrong files are refused in Chinese', async () => {
  const page = await newPage(browser, DESKTOP);
  page.setDefaultTimeout(TIMEOUT);
  const puts = [];
  page.on('request', (req) => {
    if (req.method() === 'PUT' && /\/photo$/.test(new URL(req.url()).pathname)) puts.push(req);
  });
  await firstLogin(page, srv.url, 'director', 'Shouhu#Director9');

  // A child of the director's village (平所村 is the director's whole scope).
  await page.locator('.app-aside .el-menu-item', { hasText: '儿童档案' }).click();
  await page.waitForURL((u) => u.pathname === '/children');
  const first = page.locator('.el-table__body .name-link').first();
  const name = (await first.textContent()).trim();
  await first.click();
  await page.waitForURL((u) => /^\/children\/\d+$/.test(u.pathname));
  const fileUrl = new URL(page.url()).pathname;
  const head = page.locator('.file-head');
  await head.getByText(name).first().waitFor();
  await head.getByText('平所村').first().waitFor();

  // No photo yet: the placeholder, and 上传照片.
  await head.locator('.child-photo.empty').waitFor();
  assert.equal(await head.locator('.child-photo img').count(), 0);
  const upload = head.getByRole('button', { name: '上传照片' });
  await screenshot(page, 'child-photo-none.png');

  // Over 2 MB and a GIF: refused in the browser, nothing is sent.
  await choosePhoto(page, upload, files['large.png']);
  await errorShown(page, '照片不能超过2MB');
  await choosePhoto(page, upload, files['animation.gif']);
  await errorShown(page, '照片应为 JPEG 或 PNG 图片');
  assert.equal(puts.length, 0, 'nothing was uploaded');

  // A text file named .png passes the browser's check; the server looks at the bytes.
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && /\/photo$/.test(new URL(r.url()).pathname)),
    choosePhoto(page, upload, files['notes.png']),
  ]);
  assert.equal(refused.status(), 400);
  await errorShown(page, '照片应为 JPEG 或 PNG 图片');
  await head.locator('.child-photo.empty').waitFor();

  // The PNG: sent as it is, shown under a new address once the file has been reloaded.
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && /\/photo$/.test(new URL(r.url()).pathname)),
    choosePhoto(page, upload, files['photo.png']),
  ]);
  assert.equal(saved.status(), 204);
  assert.equal(saved.request().headers()['content-type'], 'image/png');
  await page.locator('.el-message--success', { hasText: '照片已上传' }).waitFor();
  const img = head.locator('.child-photo img');
  await img.waitFor();
  await page.waitForFunction(() => {
    const i = document.querySelector('.file-head .child-photo img');
    return i && i.complete && i.naturalWidth > 0;
  });
  assert.equal(await img.evaluate((i) => i.naturalWidth), 30);
  assert.match(await img.getAttribute('src'), /^\/api\/v1\/children\/\d+\/photo\?t=\d+$/);
  // The server keeps the bytes as they were chosen.
  const back = await page.evaluate(async (src) => [...new Uint8Array(await (await fetch(src)).arrayBuffer())], await img.getAttribute('src'));
  assert.deepEqual(Buffer.from(back), PHOTO);
  await head.getByRole('button', { name: '更换照片' }).waitFor();
  await page.locator('.el-tabs__item', { hasText: '变更记录' }).click();
  await page.locator('.plain-table').getByText('照片').first().waitFor();
  await screenshot(page, 'child-photo-desktop.png');

  // The photo stays after a reload (has_photo from the server), and on a phone.
  await page.reload();
  await page.setViewportSize(PHONE);
  await page.waitForFunction(() => {
    const i = document.querySelector('.file-head .child-photo img');
    return i && i.complete && i.naturalWidth > 0;
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the file page is ${overflow}px wider than the phone screen`);
  const box = await img.boundingBox();
  assert.ok(box.width >= 60 && box.x >= 0 && box.x + box.width <= PHONE.width, `photo at ${JSON.stringify(box)}`);
  await screenshot(page, 'child-photo-phone.png');
  await page.setViewportSize(DESKTOP);

  // The print view: the photo is in its box, loaded, when the print dialog is asked for.
  await page.addInitScript(() => {
    window.printedWith = null;
    window.print = () => {
      const i = document.querySelector('.sheet-head .id-photo img');
      window.printedWith = i ? i.naturalWidth : -1;
    };
  });
  await page.goto(srv.url + fileUrl + '/print');
  await page.waitForFunction(() => window.printedWith !== null);
  assert.equal(await page.evaluate(() => window.printedWith), 30, 'the photo had loaded when print() ran');
  const sheet = await page.locator('.sheet').boundingBox();
  const photo = await page.locator('.sheet-head .id-photo').boundingBox();
  assert.ok(photo.x + photo.width > sheet.x + sheet.width * 0.8 && photo.y < sheet.y + 80, 'the photo is top right');
  await screenshot(page, 'child-photo-print.png');

  assert.deepEqual(page.problems, []);
  await page.context().close();
});
