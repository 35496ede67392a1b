// Display helpers: times, region levels, statuses.

const CST_ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?\+08:00$/

// The API sends instants as ISO 8601 with +08:00; show them as "YYYY-MM-DD HH:mm:ss" in
// China Standard Time whatever the browser's own time zone is.
export function formatTime(value) {
  if (!value) return ''
  const m = CST_ISO.exec(value)
  if (m) return `${m[1]} ${m[2]}`
  const t = Date.parse(value)
  if (Number.isNaN(t)) return String(value)
  const d = new Date(t + 8 * 3600 * 1000)
  const p = (n) => String(n).padStart(2, '0')
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  )
}

export const REGION_LEVELS = { 1: '省', 2: '市', 3: '县', 4: '乡镇', 5: '村(社区)' }

export function levelName(level) {
  return REGION_LEVELS[level] || ''
}

export const USER_STATUS = { active: '启用', disabled: '停用' }

export const LOGIN_OUTCOMES = { success: '成功', failure: '失败', locked: '已锁定' }

export const AUDIT_OUTCOMES = { success: '成功', failure: '失败', denied: '拒绝' }

export function outcomeTagType(outcome) {
  if (outcome === 'success') return 'success'
  if (outcome === 'locked') return 'warning'
  return 'danger'
}

// What each permission lets the user do, for the home page.
export const PERMISSION_TEXT = {
  'region:read': '浏览本辖区的行政区划',
  'org:read': '查看本辖区的部门、学校和机构',
  'org:manage': '新增和编辑部门、学校和机构',
  'user:read': '查看本辖区的用户账号',
  'user:manage': '新增、编辑、停用用户账号，重置用户密码',
  'role:assign': '为用户分配业务角色和所属区划、机构',
  'user:unlock': '解锁因多次登录失败而锁定的账号',
  'security:settings': '设置登录锁定、会话超时和密码有效期等安全策略',
  'audit:read': '查看登录日志和审计日志，校验审计日志的完整性',
  'child:read': '查看本辖区儿童的档案（一人一档）',
  'child:write': '登记儿童、编辑档案，办理退出关爱和恢复',
  'child:unmask': '查看完整的身份证号码和电话号码（每次查看均记录审计）',
  'child:import': '从 Excel 或 CSV 文件批量导入儿童信息',
  'child:export': '导出儿童花名册',
  'risk:override': '人工调整儿童的风险等级（须填写理由和有效期）',
  'visit:settings': '设置本县的走访间隔、预警天数和风险等级阈值',
  'report:file': '发现儿童遭受或疑似遭受侵害、面临危险时提交强制报告，并查看本单位所报事项的办理状态和结果',
  'report:handle': '受理、处置、办结分派给本部门的强制报告，并向报告人反馈结果',
  'guard:read': '查看监护能力评估、委托照护协议、家庭教育指导、干预措施和监护安置记录',
  'guard:write': '录入监护能力评估、委托照护协议和家庭教育指导记录',
  'case:write': '登记干预措施（训诫、督促监护令、人身安全保护令等）、案后回访和监护安置',
  'psych:read': '查看心理筛查结果和心理转介、随访记录',
  'psych:write': '录入心理筛查结果，办理心理转介和定期随访',
  'case:settings': '设置本县强制报告的受理、办结、反馈时限和监护能力评估的分级与复评周期',
}
