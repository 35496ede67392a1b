// The visit code lists (GET /visit-dicts, docs/API.md "Visits"), used until the workspace has
// been downloaded once; the downloaded lists replace them.
export const VISIT_DICTS = {
  visit_kinds: [
    { code: 'phone_video', name: '电话/视频联系' },
    { code: 'home_visit', name: '入户走访' },
    { code: 'school_visit', name: '到校走访' },
  ],
  checklist: [
    { code: 'living', name: '生活状况' },
    { code: 'guardianship', name: '监护和委托照护' },
    { code: 'schooling', name: '就学' },
    { code: 'health', name: '健康' },
    { code: 'psychological', name: '心理状况' },
    { code: 'safety', name: '家庭安全隐患' },
    { code: 'parents_contact', name: '与外出父母联系' },
  ],
  hazards: [
    { code: 'water', name: '溺水' },
    { code: 'electricity', name: '用电' },
    { code: 'fire', name: '用火' },
    { code: 'falls', name: '跌落' },
  ],
  caregiver_capacities: [
    { code: 'adequate', name: '有照护能力' },
    { code: 'lacking', name: '缺乏照护能力' },
    { code: 'neglecting', name: '怠于履行照护职责' },
  ],
  problem_categories: [],
  care_kinds: [],
}

export const RISK_TAG = { red: 'danger', orange: 'warning', yellow: 'warning', green: 'success' }

// The outbox row's kind in words.
export function rowKindName(row, dicts = VISIT_DICTS) {
  if (row.kind === 'note') return '问题进展'
  if (row.kind === 'resolve') return '问题解决'
  const hit = (dicts.visit_kinds || []).find((k) => k.code === row.body.kind)
  return hit ? hit.name : '走访记录'
}

export const ROW_STATUS = {
  pending: { text: '待发送', type: 'warning' },
  failed: { text: '发送失败', type: 'danger' },
  conflict: { text: '有冲突', type: 'danger' },
  sent: { text: '已发送', type: 'success' },
}
