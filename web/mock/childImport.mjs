// The mock's spreadsheet import: a subset of the real template's Chinese headers and how a row
// (an object keyed by header text) becomes a child body for create/update. Only for the mock.
import { CHILD_DICTS } from './childDicts.mjs'

const byName = (kind, name) => (CHILD_DICTS[kind].find((x) => x.name === name) || {}).code
const yesNo = (t) => ({ 是: true, 否: false })[t]
const parent = (who, label) => [
  [`${label}姓名`, `${who}.name`],
  [`${label}状况`, `${who}.status`, (t) => byName('member_statuses', t)],
  [`${label}务工地点`, `${who}.away_place`],
  [`${label}是否县外`, `${who}.outside_county`, yesNo],
  [`${label}起始日期`, `${who}.since`],
]

// [header, field, how to read the text]
export const COLUMNS = [
  ['姓名', 'name'],
  ['身份证号码', 'id_number'],
  ['性别', 'sex', (t) => ({ 男: 'M', 女: 'F' })[t]],
  ['出生日期', 'birth_date'],
  ['所在村（社区）代码', 'region_code'],
  ['户口性质', 'hukou_type', (t) => byName('hukou_types', t)],
  ['是否登记户口', 'hukou_registered', yesNo],
  ['民族', 'ethnicity', (t) => byName('ethnicities', t)],
  ['现住址', 'current_address'],
  ['就学阶段', 'school_stage', (t) => byName('school_stages', t)],
  ['学校名称', 'school_name'],
  ...parent('father', '父亲'),
  ...parent('mother', '母亲'),
]

const names = (kind) => CHILD_DICTS[kind].map((x) => x.name)
const indexOf = (header) => COLUMNS.findIndex((c) => c[0] === header)
export const TEMPLATE_LISTS = {
  [indexOf('性别')]: ['男', '女'],
  [indexOf('户口性质')]: names('hukou_types'),
  [indexOf('就学阶段')]: names('school_stages'),
  [indexOf('父亲状况')]: names('member_statuses'),
  [indexOf('母亲状况')]: names('member_statuses'),
  [indexOf('父亲是否县外')]: ['是', '否'],
  [indexOf('母亲是否县外')]: ['是', '否'],
}

// Answers { body } or { field, reason } for the first unreadable cell.
export function rowToBody(row) {
  const body = { hukou_type: 'rural', health: 'healthy', economic: 'none', members: [], recorded_categories: [] }
  const parents = { father: null, mother: null }
  for (const [header, field, read] of COLUMNS) {
    const text = String(row[header] ?? '').trim()
    if (!text) continue
    const value = read ? read(text) : text
    if (value === undefined) return { field: header, reason: `“${text}”不是有效的${header}` }
    const [who, key] = field.split('.')
    if (key) {
      parents[who] = parents[who] || { relation: who, name: '', status: 'home', outside_county: false }
      parents[who][key] = value
    } else body[field] = value
  }
  for (const p of [parents.father, parents.mother]) if (p) body.members.push(p)
  return { body }
}
