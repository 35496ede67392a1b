// tests/lib/xlsx.mjs — just enough of ZIP and SpreadsheetML to check what an .xlsx export holds.
//
//   const files = unzip(buf);          // Map name → Buffer (stored or deflated entries)
//   const cells = xlsxStrings(buf);    // every string cell's text, shared or inline
import { inflateRawSync } from 'node:zlib';

/** Read the central directory of the ZIP in BUF; return Map(name → contents). */
export function unzip(buf) {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(off + 10);
    const csize = buf.readUInt32LE(off + 20);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const local = buf.readUInt32LE(off + 42);
    const name = buf.toString('utf8', off + 46, off + 46 + nameLen);
    off += 46 + nameLen + extraLen + commentLen;
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    if (method === 0) files.set(name, Buffer.from(raw));
    else if (method === 8) files.set(name, inflateRawSync(raw));
    else throw new Error(`unsupported compression ${method} for ${name}`);
  }
  return files;
}

const unescapeXml = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

/** Every <t> text in the shared strings table and the worksheets (inline strings). */
export function xlsxStrings(buf) {
  const files = unzip(buf);
  if (!files.has('[Content_Types].xml')) throw new Error('zip has no [Content_Types].xml: not an xlsx');
  const out = [];
  for (const [name, data] of files) {
    if (name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      for (const m of data.toString('utf8').matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) out.push(unescapeXml(m[1]));
    }
  }
  return out;
}

/** Text of every cell, joined — handy for `includes` checks, including numbers. */
export function xlsxText(buf) {
  const files = unzip(buf);
  const parts = xlsxStrings(buf);
  for (const [name, data] of files) {
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      // Number cells; shared-string cells (t="s") hold an index, already resolved above.
      for (const m of data.toString('utf8').matchAll(/<c\b([^>]*)>(?:<f>[^<]*<\/f>)?<v>([^<]*)<\/v>/g)) {
        if (!/\bt="s"/.test(m[1])) parts.push(m[2]);
      }
    }
  }
  return parts.join('\n');
}
