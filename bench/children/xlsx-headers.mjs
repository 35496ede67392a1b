#!/usr/bin/env node
// bench/children/xlsx-headers.mjs — print the header row (row 1) of the first sheet of an .xlsx,
// one cell a line. Used by bench/run-children.sh on GET /api/v1/children/import-template.xlsx so
// that the generator writes exactly the template's column headers. Node only (zip + inflate).
//
//   node bench/children/xlsx-headers.mjs template.xlsx
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

function entries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    files.set(name, { method, csize, local });
    p += 46 + nlen + xlen + clen;
  }
  return (name) => {
    const f = files.get(name);
    if (!f) return null;
    const start = f.local + 30 + buf.readUInt16LE(f.local + 26) + buf.readUInt16LE(f.local + 28);
    const data = buf.subarray(start, start + f.csize);
    return (f.method === 0 ? data : inflateRawSync(data)).toString('utf8');
  };
}
const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unxml(m[1])).join('');

const get = entries(readFileSync(process.argv[2]));
const shared = [...(get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
const sheet = get('xl/worksheets/sheet1.xml');
const row1 = sheet.match(/<row[^>]*\br="1"[^>]*>([\s\S]*?)<\/row>/);
if (!row1) throw new Error('no header row');
for (const c of row1[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
  const attrs = c[1], body = c[2] ?? '';
  const v = body.match(/<v>([^<]*)<\/v>/);
  let text;
  if (/\bt="s"/.test(attrs)) text = shared[Number(v[1])];
  else if (/\bt="inlineStr"/.test(attrs)) text = texts(body);
  else text = v ? unxml(v[1]) : '';
  console.log(text);
}
