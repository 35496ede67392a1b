// Code values and display helpers of issue 4 (docs/API.md "Visits — 走访" and after): visit
// kinds, checklist, problems, care, risk levels, schedule states, warning kinds; and the
// calendar arithmetic the forms need, in China Standard Time whatever the browser's zone.
// The server's GET /visit-dicts is the authority (composables/useVisitDicts.js); the fixed
// names here fill in until it has answered and name what it does not list (levels, states).
import { formatTime } from './format.js'

export const VISIT_KINDS = { phone_video: '电话/视频联系', home_visit: '入户走访', school_visit: '到校走访' }

export const CHECKLIST = {
  living: '生活状况',
  guardianship: '监护和委托照护',
  schooling: '就学',
  health: '健康',
  psychological: '心理状况',
  safety: '家庭安全隐患',
  parents_contact: '与外出父母联系',
}

export const HAZARDS = { water: '溺水', electricity: '用电', fire: '用火', falls: '跌落' }

export const CAREGIVER_CAPACITIES = { adequate: '有照护能力', lacking: '缺乏照护能力', neglecting: '怠于履行照护职责' }

export const PROBLEM_CATEGORIES = {
  guardianship_gap: '监护缺失或不当',
  illness_disability: '疾病或残疾',
  return_to_school: '控辍保学',
  household_registration: '户籍登记',
  assistance_need: '帮扶救助需求',
  safety_hazard: '安全隐患',
  psychological_behavioural: '心理或行为问题',
  other: '其他',
}

export const CARE_KINDS = {
  material: '物资帮扶',
  financial: '资金救助',
  study: '学业辅导',
  psychological: '心理关爱',
  medical: '医疗救助',
  companionship: '亲情陪伴',
  legal: '法律援助',
  other: '其他',
}

// The fixed lists above by the names GET /visit-dicts gives them.
export const VISIT_DICT_FALLBACK = {
  visit_kinds: VISIT_KINDS,
  checklist: CHECKLIST,
  hazards: HAZARDS,
  caregiver_capacities: CAREGIVER_CAPACITIES,
  problem_categories: PROBLEM_CATEGORIES,
  care_kinds: CARE_KINDS,
}

export const CHECK_STATUS = { ok: '正常', concern: '关注' }

// Risk levels, most serious first.
export const RISK_LEVELS = [
  { code: 'red', name: '红', long: '红色（高风险）' },
  { code: 'orange', name: '橙', long: '橙色（较高风险）' },
  { code: 'yellow', name: '黄', long: '黄色（一般风险）' },
  { code: 'green', name: '绿', long: '绿色（低风险）' },
]
export const riskName = (code) => (RISK_LEVELS.find((l) => l.code === code) || {}).name || ''

export const SCHEDULE_STATES = [
  { code: 'overdue', name: '已逾期', tag: 'danger' },
  { code: 'due_today', name: '今日到期', tag: 'warning' },
  { code: 'due_soon', name: '即将到期', tag: 'primary' },
  { code: 'not_due', name: '未到期', tag: 'success' },
  { code: 'none', name: '无需走访', tag: 'info' },
]
export const scheduleState = (code) => SCHEDULE_STATES.find((s) => s.code === code) || { code, name: code || '', tag: 'info' }

export const WARNING_KINDS = {
  contact_overdue: '联系逾期',
  visit_overdue: '走访逾期',
  high_risk_no_visit: '高风险未走访',
  newly_red: '新增高风险',
  caregiver_followup: '照护跟进',
  problem_overdue: '问题逾期',
  turning_16: '即将年满16周岁',
  turning_18: '即将年满18周岁',
  file_incomplete: '档案不完整',
  guardianship_absent: '监护缺失',
  guardianship_reassess: '监护复评到期',
  case_followup_overdue: '案后回访逾期',
  placement_review_due: '安置复查到期',
}
const WARNING_TAGS = {
  contact_overdue: 'warning',
  visit_overdue: 'warning',
  high_risk_no_visit: 'danger',
  newly_red: 'danger',
  caregiver_followup: 'danger',
  problem_overdue: 'danger',
  turning_16: 'primary',
  turning_18: 'primary',
  file_incomplete: 'info',
  guardianship_absent: 'danger',
  guardianship_reassess: 'warning',
  case_followup_overdue: 'danger',
  placement_review_due: 'warning',
}
export const warningTag = (kind) => WARNING_TAGS[kind] || 'info'

export const PROBLEM_STATES = { open: '处理中', resolved: '已解决' }

// ---- calendar days and instants in China Standard Time (UTC+8, no daylight saving) ----
const CST = 8 * 3600 * 1000
const DAY = 24 * 3600 * 1000
const pad = (n) => String(n).padStart(2, '0')

/** Today's date in CST as YYYY-MM-DD (NOW: ms, for tests). */
export function todayCST(now = Date.now()) {
  return new Date(now + CST).toISOString().slice(0, 10)
}

/** DATE (YYYY-MM-DD) plus N days. */
export function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** Whole days from date A to date B (B − A). */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY)
}

/** The CST wall time of NOW as "YYYY-MM-DD HH:mm" (what the date-time picker holds). */
export function nowWallCST(now = Date.now()) {
  const d = new Date(now + CST)
  return `${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "YYYY-MM-DD HH:mm" read as CST → the instant in ms (NaN when malformed). */
export function wallToMs(wall) {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/.exec(wall || '')
  if (!m) return NaN
  return Date.parse(`${m[1]}T${m[2]}:${m[3]}:00+08:00`)
}

/** "YYYY-MM-DD HH:mm" (CST) → ISO 8601 with its offset, as the API takes instants. */
export function wallToIso(wall) {
  return `${wall.replace(' ', 'T')}:00+08:00`
}

/** A picker's disabled-date test for days after today in CST. */
export function afterTodayCST(date) {
  const d = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return d > todayCST()
}

/** A picker's disabled-date test for days before today in CST. */
export function beforeTodayCST(date) {
  const d = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return d < todayCST()
}

/** An interval {months, days} in words: "3个月", "1个月15天", "15天". */
export function intervalText(iv) {
  if (!iv) return ''
  const parts = []
  if (iv.months) parts.push(`${iv.months}个月`)
  if (iv.days) parts.push(`${iv.days}天`)
  return parts.join('') || '0天'
}

/** A schedule item's distance in words: "逾期5天", "今日到期", "还有12天". */
export function dueText(item) {
  if (!item) return ''
  if (item.state === 'overdue' || item.days_overdue > 0) return `逾期${item.days_overdue}天`
  if (item.state === 'due_today' || item.days_left === 0) return '今日到期'
  if (item.days_left !== null && item.days_left !== undefined) return `还有${item.days_left}天`
  return ''
}

/** Yuan as typed (at most two decimals) is valid money. */
export const MONEY = /^\d{1,9}(\.\d{1,2})?$/

/** A UUID for a record's client_id: crypto.randomUUID where the page is a secure context,
 *  else the same version-4 shape from crypto.getRandomValues. */
export function newClientId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** A blank visit checklist for the item codes ITEMS (nothing looked at yet). */
export function emptyChecklist(items = Object.keys(CHECKLIST)) {
  const out = {}
  for (const code of items) out[code] = code === 'safety' ? { status: null, note: '', hazards: [] } : { status: null, note: '' }
  return out
}

/** The checklist as the API takes it: items looked at or noted, hazards only under 关注. */
export function checklistBody(list) {
  const out = {}
  for (const [code, v] of Object.entries(list)) {
    const note = (v.note || '').trim()
    if (!v.status && !note) continue
    const item = { status: v.status || null, note }
    if (code === 'safety') item.hazards = v.status === 'concern' ? [...(v.hazards || [])] : []
    out[code] = item
  }
  return out
}

/** The checklist items a visit marked 关注, in words: "家庭安全隐患（溺水、跌落）". */
export function concernText(visit, name) {
  const out = []
  for (const [code, v] of Object.entries(visit.checklist || {})) {
    if (!v || v.status !== 'concern') continue
    const hazards = (v.hazards || []).map((h) => name('hazards', h))
    out.push(hazards.length ? `${name('checklist', code)}（${hazards.join('、')}）` : name('checklist', code))
  }
  return out.join('、')
}

/** An instant shown to the minute in CST: "2026-11-22 09:30". */
export function minuteText(iso) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso || '')
  return m ? `${m[1]} ${m[2]}` : iso || ''
}

/** An instant given as ISO 8601 or as UTC ms (Problem's updated_at) → "YYYY-MM-DD HH:mm:ss" CST. */
export function instantText(v) {
  if (v === null || v === undefined || v === '') return ''
  if (typeof v === 'number') return formatTime(new Date(v).toISOString())
  return formatTime(v)
}
