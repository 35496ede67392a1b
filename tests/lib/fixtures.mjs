// tests/lib/fixtures.mjs — made-up children, visits and days for the issue 4 tests (warnings,
// problem preconditions, visit photos, the offline workspace). Every name, ID number and phone
// number is synthetic: valid ID numbers use the sequence numbers 900-999, which the demo leaves
// free, and callers pass a surname the demo never uses.
import { randomUUID } from 'node:crypto';
import { todayCST } from './demo.mjs';

export const TODAY = todayCST();
export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;
const CST = 8 * HOUR;
const pad = (n) => String(n).padStart(2, '0');
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** DATE + N days (YYYY-MM-DD). */
export function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** DATE + N calendar months; a day missing in the month becomes its last day. */
export function addMonths(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The day N years before DATE (29 February becomes 28 February in a common year). */
export function yearsBefore(n, date = TODAY) {
  const [y, m, d] = date.split('-').map(Number);
  return m === 2 && d === 29 && !leap(y - n) ? `${y - n}-02-28` : `${y - n}-${pad(m)}-${pad(d)}`;
}

/** The instant MS as ISO 8601 in CST with its offset. */
export const isoCST = (ms) => `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (s17) => '10X98765432'[[...s17].reduce((s, c, i) => s + Number(c) * W[i], 0) % 11];
const issued = new Set();
/** A valid 18-digit ID number of 秀山 for BIRTH (YYYY-MM-DD), unused in this process. */
export function makeId(birth, male = true) {
  for (let s = 900 + (male ? 1 : 0); s < 1000; s += 2) {
    const n17 = `500241${birth.replaceAll('-', '')}${s}`;
    const id = n17 + checkChar(n17);
    if (!issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
  throw new Error(`no free sequence for ${birth}`);
}

let made = 0;
/**
 * A rural left-behind child (both parents working outside the county for two years, in the care
 * of a grandmother with a phone) in REGION, with a complete file: born BIRTH, or about AGE years
 * ago. EXTRA overrides fields.
 */
export function childBody(name, { region, age = 9, birth, extra = {} } = {}) {
  made += 1;
  const born = birth ?? addDays(yearsBefore(age), -(30 + made * 7));
  const since = yearsBefore(2);
  return {
    name,
    id_number: makeId(born, made % 2 === 1),
    region_code: region,
    hukou_type: 'rural',
    school_stage: 'primary',
    schooling_status: 'in_school',
    school_name: '隘口镇中心小学',
    members: [
      { relation: 'father', name: `${name.slice(0, 1)}国强`, status: 'away', away_place: '广东省东莞市', outside_county: true, since },
      { relation: 'mother', name: '吴秀兰', status: 'away', away_place: '浙江省宁波市', outside_county: true, since },
    ],
    caregiver: {
      name: '杨桂芝',
      relation: '祖母',
      phone: '13900001111',
      school_notified: true,
      village_notified: true,
      checks: [],
    },
    ...extra,
  };
}

/** A home visit an hour ago; OVER overrides fields. */
export function visitBody(over = {}) {
  return {
    kind: 'home_visit',
    client_id: randomUUID(),
    occurred_at: isoCST(Date.now() - HOUR),
    met: '祖母杨桂芝',
    checklist: { living: { status: 'ok' }, safety: { status: 'ok', hazards: [] } },
    caregiver_capacity: 'adequate',
    ...over,
  };
}

/** A 1×1 PNG and a tiny JPEG (valid headers), for photo uploads. */
export const PNG_1x1 = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082',
  'hex',
);
export const JPEG_TINY = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64, 0x20), Buffer.from('ffd9', 'hex')]);
