// The registration form's model and the request body built from it (docs/API.md "Children").
// Blank ID and phone numbers are left out of the body: on an update that keeps the stored ones
// (a child whose household is not registered may have no ID number at all). Blank optional
// text goes as "" (the server stores it as absent); blank dates and codes go as null. No
// director chosen leaves director_id out: the server keeps the stored one, or on create
// takes the registering director.
import { MEMBER_STATUS_FIELDS } from './childCodes.js'

// A key for v-for that stays with a member row while rows are added and removed.
let rowKey = 0

export function emptyMember(relation = 'other') {
  return {
    key: ++rowKey,
    id: null, relation, name: '', birth_date: '', id_number: '', phone: '', status: 'home', away_place: '',
    outside_county: true, since: '', months: null, disability_grade: null, disability_kind: '', work_place: '',
    id_number_masked: null, phone_masked: null,
  }
}

export function emptyCaregiver() {
  return {
    name: '', relation: '', phone: '', id_number: '', address: '', agreement_date: '', school_notified: false,
    village_notified: false, checks: [], phone_masked: null, id_number_masked: null, warnings: [],
  }
}

export function emptyChild(regionCode = '') {
  return {
    name: '', id_number: '', sex: '', birth_date: '', ethnicity: '', region_code: regionCode, hukou_registered: true,
    hukou_type: 'rural', hukou_address: '', current_address: '', health: 'healthy', disability_kind: '',
    disability_grade: null, illness: '', school_stage: '', schooling_status: '', school_name: '', school_grade: '',
    boarding: false, economic: 'none', parents_divorced: false, harmed: false, misbehaviour: false, guardianship_note: '',
    notes: '', recorded_categories: [], members: [emptyMember('father'), emptyMember('mother')], caregiver: null,
    director_id: null, version: null, id_number_masked: null,
  }
}

const orEmpty = (v) => (v === null || v === undefined ? '' : v)

// A loaded Child (masked numbers) as the form's model; number inputs start blank.
export function childToForm(child) {
  const form = emptyChild()
  for (const key of Object.keys(form)) {
    if (key in child && !['members', 'caregiver', 'id_number'].includes(key)) form[key] = child[key] ?? form[key]
  }
  for (const key of ['ethnicity', 'disability_kind', 'school_stage', 'schooling_status']) form[key] = orEmpty(child[key])
  form.members = (child.members || []).map((m) => {
    const out = emptyMember()
    for (const key of Object.keys(out)) if (key in m && key !== 'id_number' && key !== 'phone') out[key] = m[key] ?? out[key]
    out.disability_kind = orEmpty(m.disability_kind)
    return out
  })
  if (child.caregiver) {
    const g = emptyCaregiver()
    for (const key of Object.keys(g)) if (key in child.caregiver && key !== 'id_number' && key !== 'phone') g[key] = child.caregiver[key] ?? g[key]
    form.caregiver = g
  }
  return form
}

// A member row nothing was typed into (the form starts with empty father and mother rows):
// left out of the request instead of failing for the missing name.
export function memberIsBlank(m) {
  return !m.id && !String(m.name).trim() && !m.id_number && !m.phone && !m.birth_date && !m.work_place && m.status === 'home'
}

// The form indexes of the members sent: body.members[k] is form.members[sentMembers(form)[k]].
export function sentMembers(form) {
  return form.members.map((m, i) => (memberIsBlank(m) ? -1 : i)).filter((i) => i >= 0)
}

// A server field such as "members[1].id_number" names the sent list; answers the form's name.
export function formField(field, sent) {
  const m = /^members\[(\d+)\](.*)$/.exec(field || '')
  if (!m || sent[Number(m[1])] === undefined) return field
  return `members[${sent[Number(m[1])]}]${m[2]}`
}

const text = (v) => String(v ?? '').trim()
const dateOrNull = (v) => v || null
const codeOrNull = (v) => v || null

function putNumbers(out, src) {
  if (text(src.id_number)) out.id_number = text(src.id_number).toUpperCase()
  if (text(src.phone)) out.phone = text(src.phone)
}

function memberBody(m) {
  const extra = MEMBER_STATUS_FIELDS[m.status] || []
  const has = (k) => extra.includes(k)
  const out = {
    relation: m.relation,
    name: text(m.name),
    birth_date: dateOrNull(m.birth_date),
    status: m.status,
    away_place: has('away_place') ? text(m.away_place) : '',
    outside_county: has('outside_county') ? Boolean(m.outside_county) : false,
    since: has('since') ? dateOrNull(m.since) : null,
    months: has('months') && m.months ? Number(m.months) : null,
    disability_grade: has('disability_grade') && m.disability_grade ? Number(m.disability_grade) : null,
    disability_kind: has('disability_kind') ? codeOrNull(m.disability_kind) : null,
    work_place: text(m.work_place),
  }
  if (m.id) out.id = m.id
  putNumbers(out, m)
  return out
}

function caregiverBody(g) {
  const out = {
    name: text(g.name),
    relation: text(g.relation),
    address: text(g.address),
    agreement_date: dateOrNull(g.agreement_date),
    school_notified: Boolean(g.school_notified),
    village_notified: Boolean(g.village_notified),
    checks: [...g.checks],
  }
  putNumbers(out, g)
  return out
}

// The POST / PUT body. `version` is sent on updates (a stale one answers 409 conflict).
export function formToBody(form) {
  const disabled = form.health === 'disabled'
  const body = {
    name: text(form.name),
    sex: form.sex,
    birth_date: dateOrNull(form.birth_date),
    ethnicity: codeOrNull(form.ethnicity),
    region_code: form.region_code,
    hukou_registered: Boolean(form.hukou_registered),
    hukou_type: form.hukou_type,
    hukou_address: text(form.hukou_address),
    current_address: text(form.current_address),
    health: form.health,
    disability_kind: disabled ? codeOrNull(form.disability_kind) : null,
    disability_grade: disabled && form.disability_grade ? Number(form.disability_grade) : null,
    illness: form.health === 'ill' ? text(form.illness) : '',
    school_stage: codeOrNull(form.school_stage),
    schooling_status: codeOrNull(form.schooling_status),
    school_name: text(form.school_name),
    school_grade: text(form.school_grade),
    boarding: Boolean(form.boarding),
    economic: form.economic,
    parents_divorced: Boolean(form.parents_divorced),
    harmed: Boolean(form.harmed),
    misbehaviour: Boolean(form.misbehaviour),
    guardianship_note: text(form.guardianship_note),
    notes: text(form.notes),
    recorded_categories: [...form.recorded_categories],
    members: sentMembers(form).map((i) => memberBody(form.members[i])),
    caregiver: form.caregiver ? caregiverBody(form.caregiver) : null,
  }
  if (text(form.id_number)) body.id_number = text(form.id_number).toUpperCase()
  if (form.director_id) body.director_id = form.director_id
  if (form.version !== null) body.version = form.version
  return body
}
