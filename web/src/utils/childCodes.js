// Labels of the child file's fixed code values (the longer lists come from GET /child-dicts)
// and of its fields, for the file page, the history and the print view.

export const SEX = { M: '男', F: '女' }
export const HUKOU_TYPES = { rural: '农业户口', urban: '非农业户口' }
export const CHILD_STATUS = { active: '在册', exited: '已退出' }
export const DISABILITY_GRADES = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' }

export const SORTS = [
  { value: 'name', label: '按姓名' },
  { value: '-updated_at', label: '最近更新在前' },
  { value: 'birth_date', label: '按出生日期' },
]

// Which extra member fields each member status asks for.
export const MEMBER_STATUS_FIELDS = {
  away: ['away_place', 'outside_county', 'since'],
  lost_contact: ['since'],
  missing: ['since'],
  prison: ['months'],
  rehab: ['months'],
  severe_disability: ['disability_grade', 'disability_kind'],
}

export const CHILD_FIELD_LABELS = {
  name: '姓名',
  id_number: '身份证号码',
  sex: '性别',
  birth_date: '出生日期',
  ethnicity: '民族',
  region_code: '所属村（社区）',
  hukou_registered: '是否登记户口',
  hukou_type: '户籍类型',
  hukou_address: '户籍地址',
  current_address: '现住址',
  health: '健康状况',
  disability_kind: '残疾类别',
  disability_grade: '残疾等级',
  illness: '所患疾病',
  school_stage: '就学阶段',
  schooling_status: '在学状态',
  school_name: '就读学校',
  school_grade: '年级',
  boarding: '是否寄宿',
  economic: '家庭经济状况',
  parents_divorced: '父母离异',
  harmed: '曾遭受侵害',
  misbehaviour: '严重不良行为',
  guardianship_note: '监护情况说明',
  notes: '备注',
  recorded_categories: '登记类别',
  members: '家庭成员',
  caregiver: '委托照护人',
  director_id: '儿童主任',
  status: '档案状态',
  exit: '退出关爱',
}

export const MEMBER_FIELD_LABELS = {
  relation: '与儿童关系',
  name: '姓名',
  id_number: '身份证号码',
  phone: '联系电话',
  birth_date: '出生日期',
  status: '状况',
  away_place: '外出地点',
  outside_county: '县外',
  since: '起始时间',
  months: '期限（月）',
  disability_grade: '残疾等级',
  disability_kind: '残疾类别',
  work_place: '工作单位',
}

export const yesNo = (v) => (v ? '是' : '否')
