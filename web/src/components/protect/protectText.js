// Code values and small helpers of issue 5's protection screens (docs/API.md "## Protection —
// 保护"). The server sends the names (`*_name`) with every record; these fill the forms' options
// and name what a list has not named.
import { todayCST } from '../../utils/visitText.js'

export { todayCST }

export const GUARD_RESULTS = { absent: '监护缺失', improper: '监护失当', insufficient: '监护不足', normal: '监护正常' }
// absent is the one that needs action at once: red (class guard-absent), the others by weight.
export const GUARD_TAGS = { absent: 'danger', improper: 'danger', insufficient: 'warning', normal: 'success' }

export const PSYCH_RESULTS = { normal: '正常', watch: '关注', abnormal: '异常' }
export const PSYCH_TAGS = { normal: 'success', watch: 'warning', abnormal: 'danger' }

export const CAPACITIES = { adequate: '有照护能力', lacking: '照护能力不足', neglecting: '怠于履行照护职责' }

export const EDU_FORMS = { home: '入户指导', class: '家长课堂', online: '线上指导', ordered: '责令接受指导' }

export const INTERVENTION_KINDS = {
  admonition: '村(居)委会劝诫',
  police_reprimand: '公安训诫',
  education_order: '家庭教育指导令',
  supervision_order: '督促监护令',
  protection_order: '人身安全保护令',
  revocation: '撤销监护资格',
  litigation_support: '支持起诉',
  public_interest_suit: '公益诉讼',
  judicial_suggestion: '司法建议',
  procuratorial_suggestion: '检察建议',
}

export const PLACEMENT_KINDS = { relatives: '亲属抚养', foster: '家庭寄养', rescue: '未成年人救助保护机构', welfare: '儿童福利机构' }
export const PLACEMENT_TERMS = { temporary: '临时监护', long_term: '长期监护' }

export const SERVICE_TYPES = { school_counsellor: '学校心理辅导', hospital: '医院心理/精神科', social_org: '社会服务机构' }
export const REFERRAL_STATES = { referred: '已转介', accepted: '已接收', in_care: '干预/治疗中', closed: '已结案', declined: '未接收' }
export const REFERRAL_TAGS = { referred: 'warning', accepted: 'primary', in_care: 'primary', closed: 'info', declined: 'info' }
// The events a referral may take in each state (docs/API.md: referred → accepted → in_care →
// closed, or declined from referred); the server is the judge (409 otherwise).
export const REFERRAL_EVENTS = {
  referred: [
    { event: 'accept', name: '已接收' },
    { event: 'decline', name: '未接收' },
  ],
  accepted: [{ event: 'start', name: '开始干预' }],
  in_care: [{ event: 'close', name: '结案' }],
}

export const options = (map) => Object.entries(map).map(([code, name]) => ({ code, name }))

/** An object's list answer: `{items}` or a bare array. */
export const itemsOf = (answer) => (Array.isArray(answer) ? answer : (answer && answer.items) || [])

/** The first server error among ERRORS whose field starts with PREFIX (e.g. "checks."). */
export function errorUnder(errors, prefix) {
  for (const [k, v] of Object.entries(errors)) if (k === prefix || k.startsWith(prefix + '.')) return v
  return ''
}

/** A picker's disabled-date test: days after today in CST. */
export { afterTodayCST } from '../../utils/visitText.js'
