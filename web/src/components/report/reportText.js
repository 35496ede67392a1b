// Mandatory reports (强制报告, docs/API.md "Mandatory reports"): the codes' Chinese names (the
// server sends *_name too; these are the fallback and the filters' options), the deadline's
// wording, and the report's meta (GET /reports/meta) fetched once per page load.
import { ref } from 'vue'
import { api } from '../../api.js'

// src/domain/report_flow.c, in its order.
export const SITUATIONS = {
  sexual_assault: '性侵害',
  abuse_violence: '虐待或暴力伤害',
  abandonment: '遗弃',
  left_without_care: '无人照料',
  self_harm: '自伤自杀风险',
  missing: '失踪',
  trafficking: '疑似被拐卖',
  unexplained_injury: '不明原因受伤',
  other: '其他',
}
export const URGENCIES = { immediate: '紧急', urgent: '较急', normal: '一般' }
export const DEPTS = { police: '公安', civil_affairs: '民政', education: '教育' }
export const STATES = {
  reported: '已报告',
  accepted: '已受理',
  handling: '处置中',
  concluded: '已办结',
  outcome_told: '已反馈报告人',
}
export const EVENTS = {
  file: '报告',
  accept: '受理',
  start_handling: '开始处置',
  conclude: '办结',
  tell_outcome: '反馈报告人',
  transfer: '移送',
  note: '处置记录',
  link: '关联档案',
  escalate: '升级督办',
}
// The provisional child's sex as POST /reports takes it: the child file's codes "M" / "F"
// (src/app/reports.c checks them; a registered child's copy carries its file's).
export const SEX = { male: 'M', female: 'F' }
export const sexName = (s) => ({ M: '男', F: '女' })[s] || ''

export const STAGES = { accept: '受理', conclude: '办结', tell: '反馈' }

export const list = (table) => Object.entries(table).map(([code, name]) => ({ code, name }))

export function stateTagType(state) {
  if (state === 'outcome_told') return 'success'
  if (state === 'concluded') return 'info'
  if (state === 'reported') return 'warning'
  return 'primary'
}

export function urgencyTagType(urgency) {
  if (urgency === 'immediate') return 'danger'
  if (urgency === 'urgent') return 'warning'
  return 'info'
}

/** An instant of the API (UTC ms, or ISO text) as ms; NaN when absent. */
export function toMs(v) {
  if (v === null || v === undefined || v === '') return NaN
  return typeof v === 'number' ? v : Date.parse(v)
}

const HOUR = 3600 * 1000

/** "x 小时" / "x 天 y 小时" / "x 分钟" for a positive duration. */
export function spanText(ms) {
  if (!(ms > 0)) return '0 分钟'
  if (ms < HOUR) return `${Math.max(1, Math.floor(ms / 60000))} 分钟`
  const hours = Math.floor(ms / HOUR)
  if (hours < 48) return `${hours} 小时`
  const days = Math.floor(hours / 24)
  const rest = hours % 24
  return rest ? `${days} 天 ${rest} 小时` : `${days} 天`
}

/** Whole hours a deadline is past (at least 1 once past it). */
export function hoursOverdue(deadline, now) {
  const due = toMs(deadline && deadline.due_at)
  if (Number.isNaN(due) || now <= due) return 0
  return Math.max(1, Math.floor((now - due) / HOUR))
}

/** The open stage's countdown: { text, overdue, soon } or null when no stage runs. */
export function deadlineInfo(deadline, now) {
  if (!deadline || !deadline.stage) return null
  const due = toMs(deadline.due_at)
  if (Number.isNaN(due)) return null
  const stage = STAGES[deadline.stage] || deadline.stage
  if (deadline.overdue || now > due) return { overdue: true, soon: false, text: `${stage}已逾期 ${hoursOverdue(deadline, now)} 小时` }
  const left = due - now
  return { overdue: false, soon: left < 6 * HOUR, text: `${stage}期限剩 ${spanText(left)}` }
}

// One clock for every countdown on the page, ticking each half minute.
const now = ref(Date.now())
let ticking = null
export function useNow() {
  if (!ticking && typeof window !== 'undefined') ticking = window.setInterval(() => (now.value = Date.now()), 30000)
  return now
}

// GET /reports/meta, asked once; `meta.value` is null until it answers.
const meta = ref(null)
let asking = null
export function useReportMeta() {
  if (!meta.value && !asking) {
    asking = api
      .get('/reports/meta', undefined, { toast: false })
      .then((m) => (meta.value = m))
      .catch(() => null)
      .finally(() => (asking = null))
  }
  return meta
}

/** The situations to offer: the server's (with routing), else the fallback list. */
export function situationsOf(m) {
  if (m && Array.isArray(m.situations) && m.situations.length) return m.situations
  return list(SITUATIONS).map((s) => ({ ...s, depts: null, pupil_depts: null }))
}

export function deptsOf(m) {
  if (m && Array.isArray(m.depts) && m.depts.length) return m.depts
  return list(DEPTS)
}

/** The default departments of situation CODE (pupil: the child is a school pupil); [] unknown. */
export function defaultRouting(m, code, pupil) {
  const s = situationsOf(m).find((x) => x.code === code)
  if (!s) return []
  const depts = (pupil ? s.pupil_depts : s.depts) || s.depts
  if (depts) return [...depts]
  // Without the server's list: src/domain/report_flow.h's rule (civil affairs always, police
  // for harm by others and a child out of guardianship, education for a pupil).
  const out = POLICE_TOO.includes(code) ? ['police', 'civil_affairs'] : ['civil_affairs']
  if (pupil) out.push('education')
  return out
}
const POLICE_TOO = ['sexual_assault', 'abuse_violence', 'abandonment', 'left_without_care', 'missing', 'trafficking', 'unexplained_injury']

export const deptNames = (codes, m) => (codes || []).map((c) => (deptsOf(m).find((d) => d.code === c) || {}).name || DEPTS[c] || c)

/** What a report says about the child, on one line: 姓名 · 男 · 约9岁 · 学校 · 描述. */
export function childText(child) {
  if (!child) return ''
  const parts = [child.name || '姓名不详']
  if (sexName(child.sex)) parts.push(sexName(child.sex))
  if (child.age !== null && child.age !== undefined && child.age !== '') parts.push(`约${child.age}岁`)
  if (child.school) parts.push(child.school)
  if (child.description) parts.push(child.description)
  return parts.join(' · ')
}
