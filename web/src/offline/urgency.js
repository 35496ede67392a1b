// How urgent a child of the workspace is today, recomputed on the device from the due days the
// server sent (src/domain/schedule.c: overdue, due today, due soon within `due_soon_days`, not
// due), so the order stays right on days without a network. A contact or home visit recorded on
// the device (queued or sent since the last download) counts as done until the next download
// brings the server's new due days.
import { daysBetween } from './dates.js'

export const STATE_NAMES = {
  overdue: '已逾期',
  due_today: '今天到期',
  due_soon: '即将到期',
  not_due: '未到期',
  done: '已记录',
  none: '无需走访',
}

const RANK = { overdue: 0, due_today: 1, due_soon: 2, not_due: 3, done: 4, none: 5 }

// One ScheduleItem ({ due, ... } or null) on day TODAY → { state, days_left, due }.
export function itemState(item, today, dueSoonDays, done) {
  if (!item || !item.due) return { state: 'none', days_left: null, due: null }
  if (done) return { state: 'done', days_left: null, due: item.due }
  const left = daysBetween(today, item.due)
  let state = 'not_due'
  if (left < 0) state = 'overdue'
  else if (left === 0) state = 'due_today'
  else if (left <= dueSoonDays) state = 'due_soon'
  return { state, days_left: left, due: item.due }
}

// The words for an item's state: 逾期3天 / 今天到期 / 5天后到期 / 未到期 / 已记录.
export function itemText(s) {
  if (s.state === 'overdue') return `逾期${-s.days_left}天`
  if (s.state === 'due_soon' || s.state === 'not_due') return `${s.days_left}天后到期`
  return STATE_NAMES[s.state] || ''
}

export function stateTagType(state) {
  if (state === 'overdue') return 'danger'
  if (state === 'due_today') return 'warning'
  if (state === 'due_soon') return 'primary'
  if (state === 'done') return 'success'
  return 'info'
}

// A child's contact and visit states and the more urgent of the two. RECORDED = { contact, visit }
// booleans: what the device recorded since the data was downloaded (a home visit is also a
// contact; a phone contact or a school visit is a contact only).
export function childUrgency(child, today, dueSoonDays, recorded = {}) {
  const contact = itemState(child.contact, today, dueSoonDays, recorded.contact)
  const visit = itemState(child.visit, today, dueSoonDays, recorded.visit)
  const worse = compareItems(contact, visit) <= 0 ? contact : visit
  return { contact, visit, state: worse.state, days_left: worse.days_left }
}

function compareItems(a, b) {
  if (RANK[a.state] !== RANK[b.state]) return RANK[a.state] - RANK[b.state]
  const la = a.days_left === null ? Infinity : a.days_left
  const lb = b.days_left === null ? Infinity : b.days_left
  return la - lb
}

// Most urgent first: overdue by most days, due today, due soon, not due, then recorded; ties by
// the server's order.
export function byUrgency(a, b) {
  return compareItems(a.urgency, b.urgency) || (a.rank ?? 0) - (b.rank ?? 0)
}

// What a visit of KIND satisfies.
export function recordedBy(kind) {
  return { contact: true, visit: kind === 'home_visit' }
}
