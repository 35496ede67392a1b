// Texts the file page and the print view build from a Child; `dicts` is the dict store.
import { DISABILITY_GRADES } from './childCodes.js'

// The status-specific facts of a family member, e.g. "广东省（县外），自 2024-01-01".
export function memberDetail(m, dicts) {
  switch (m.status) {
    case 'away':
      return [m.away_place, m.outside_county ? '（县外）' : '（县内）', m.since ? `，自 ${m.since}` : ''].join('')
    case 'lost_contact':
    case 'missing':
      return m.since ? `自 ${m.since}` : ''
    case 'prison':
    case 'rehab':
      return m.months ? `${m.months} 个月` : ''
    case 'severe_disability':
      return [DISABILITY_GRADES[m.disability_grade], dicts.childName('disability_kinds', m.disability_kind)].filter(Boolean).join(' · ')
    default:
      return ''
  }
}

export function healthText(c, dicts) {
  const base = dicts.childName('health', c.health)
  if (c.health === 'disabled') {
    const more = [dicts.childName('disability_kinds', c.disability_kind), DISABILITY_GRADES[c.disability_grade]].filter(Boolean)
    return more.length ? `${base}（${more.join('，')}）` : base
  }
  if (c.health === 'ill' && c.illness) return `${base}（${c.illness}）`
  return base
}

export function exitText(exit, dicts) {
  if (!exit) return ''
  const reason = dicts.childName('exit_reasons', exit.reason)
  return `${exit.date} 退出关爱：${reason}${exit.note ? `（${exit.note}）` : ''}`
}
