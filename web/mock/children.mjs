// The mock's /children endpoints (docs/API.md "Children — 一人一档"): list with filters, create
// with duplicate checks, read, update with versions, sensitive numbers, exit / reactivate,
// history, photo, roster export, template, import with report, PDF, a village's PDFs, the
// directors.
// Only for developing the web app.
import crypto from 'node:crypto'
import { parseIdNumber, maskIdNumber, todayCST } from '../src/utils/idcard.js'
import { CHILD_DICTS } from './childDicts.mjs'
import { deriveCategories, ageOn, addMonths } from './childRules.mjs'
import { COLUMNS, TEMPLATE_LISTS, rowToBody } from './childImport.mjs'
import { makeXlsx, XLSX_TYPE } from './xlsx.mjs'
import { makeZip } from './zip.mjs'

const maskPhone = (p) => (p ? p.slice(0, 3) + '****' + p.slice(7) : null)
const codes = (kind) => new Set(CHILD_DICTS[kind].map((x) => x.code))
const TEXT_FIELDS = [
  'hukou_address', 'current_address', 'illness', 'school_name', 'school_grade', 'guardianship_note', 'notes',
]
const BOOL_FIELDS = ['hukou_registered', 'boarding', 'parents_divorced', 'harmed', 'misbehaviour']
const MEMBER_FIELDS = ['relation', 'name', 'birth_date', 'status', 'away_place', 'outside_county', 'since', 'months', 'disability_grade', 'disability_kind', 'work_place']
const CAREGIVER_FIELDS = ['name', 'relation', 'address', 'agreement_date', 'school_notified', 'village_notified', 'checks']

export function childState() {
  return { children: [], nextId: 1, nextMemberId: 1, reports: new Map() }
}

export function childRoutes(ctx) {
  const { state, HttpError, invalid, region, inSubtree, audit } = ctx
  const cs = state.child
  const notFound = () => new HttpError(404, 'not_found', '记录不存在')

  function turning(birth, today) {
    for (const age of [16, 18]) {
      const on = addMonths(birth, age * 12)
      if (on > today && on <= addMonths(today, 3)) return { age, on }
    }
    return null
  }

  function summary(c) {
    const today = todayCST()
    const derived = deriveCategories(c, today).map((d) => d.code)
    const village = region(c.region_code)
    const director = state.users.find((u) => u.id === c.director_id)
    return {
      id: c.id, name: c.name, sex: c.sex, birth_date: c.birth_date, age: ageOn(c.birth_date, today),
      id_number_masked: c.id_number ? maskIdNumber(c.id_number) : null, region_code: c.region_code,
      region_name: village.name, town_name: region(village.parent).name, school_stage: c.school_stage,
      schooling_status: c.schooling_status, director_id: c.director_id, director_name: director ? director.display_name : null,
      categories: derived, recorded_categories: c.recorded_categories,
      category_mismatch: derived.join() !== [...c.recorded_categories].sort((a, b) => derived.indexOf(a) - derived.indexOf(b)).join(),
      status: c.exit ? 'exited' : 'active', turning: c.exit ? null : turning(c.birth_date, today), updated_at: c.updated_at,
    }
  }

  function caregiverWarnings(g) {
    const out = g.checks.map((k) => `委托照护人${CHILD_DICTS.caregiver_checks.find((x) => x.code === k).name}，不得委托（《未成年人保护法》第二十二条）`)
    if (!g.school_notified) out.push('未书面告知学校（《未成年人保护法》第二十三条）')
    if (!g.village_notified) out.push('未书面告知村（居）民委员会（《未成年人保护法》第二十三条）')
    return out
  }

  function full(c, user) {
    const hide = user.role === 'volunteer'
    const derived = deriveCategories(c, todayCST())
    const s = summary(c)
    if (hide) s.id_number_masked = null
    const g = c.caregiver
    return {
      ...s, ethnicity: c.ethnicity, hukou_registered: c.hukou_registered, hukou_type: c.hukou_type,
      ...Object.fromEntries([...TEXT_FIELDS, ...BOOL_FIELDS].map((k) => [k, c[k]])),
      has_photo: Boolean(c.photo), health: c.health, disability_kind: c.disability_kind, disability_grade: c.disability_grade, economic: c.economic,
      members: c.members.map((m) => ({
        id: m.id, ...Object.fromEntries(MEMBER_FIELDS.map((k) => [k, m[k]])),
        id_number_masked: hide || !m.id_number ? null : maskIdNumber(m.id_number), phone_masked: hide ? null : maskPhone(m.phone),
      })),
      caregiver: g && {
        ...Object.fromEntries(CAREGIVER_FIELDS.map((k) => [k, g[k]])),
        phone_masked: hide ? null : maskPhone(g.phone), id_number_masked: hide || !g.id_number ? null : maskIdNumber(g.id_number),
        warnings: caregiverWarnings(g),
      },
      derived,
      mismatch: {
        missing: derived.map((d) => d.code).filter((k) => !c.recorded_categories.includes(k)),
        extra: c.recorded_categories.filter((k) => !derived.some((d) => d.code === k)),
      },
      exit: c.exit, version: c.version, created_at: c.created_at, created_by: c.created_by,
    }
  }

  function checkId(value, field) {
    if (value === undefined || value === null || value === '') return null
    const r = parseIdNumber(value)
    if (!r.ok) throw invalid(field, r.error)
    return r
  }
  function checkPhone(value, field) {
    if (value === undefined || value === null || value === '') return null
    if (!/^1\d{10}$/.test(value)) throw invalid(field, '请输入 11 位手机号')
    return value
  }
  function checkDate(value, field) {
    if (value === undefined || value === null || value === '') return null
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid(field, '日期格式应为 YYYY-MM-DD')
    return value
  }

  // Validates a create/update body into the stored shape; `old` keeps numbers left out.
  function build(b, user, old) {
    const out = {}
    if (!b.name || !String(b.name).trim()) throw invalid('name', '请输入姓名')
    out.name = String(b.name).trim()
    const registered = b.hukou_registered !== false
    if (!old && !b.id_number && registered) throw invalid('id_number', '请填写身份证号码（未登记户口的儿童可不填）')
    const id = checkId(b.id_number, 'id_number') || (old && old.id_number ? parseIdNumber(old.id_number) : null)
    out.id_number = id ? id.number : null
    out.birth_date = id ? id.birth_date : checkDate(b.birth_date, 'birth_date') || (old && old.birth_date)
    if (!out.birth_date) throw invalid('birth_date', '无身份证号码时请填写出生日期（YYYY-MM-DD）')
    out.sex = id ? id.sex : b.sex || (old && old.sex)
    if (!['M', 'F'].includes(out.sex)) throw invalid('sex', '无身份证号码时请选择性别')
    const r = region(b.region_code)
    if (!r || r.level !== 5 || !inSubtree(b.region_code, user.region_code)) throw invalid('region_code', '请选择本辖区内的村（社区）')
    out.region_code = b.region_code
    if (!['rural', 'urban'].includes(b.hukou_type)) throw invalid('hukou_type', '请选择户籍类型')
    out.hukou_type = b.hukou_type
    out.ethnicity = b.ethnicity || null
    for (const k of TEXT_FIELDS) out[k] = b[k] ? String(b[k]) : ''
    for (const k of BOOL_FIELDS) out[k] = Boolean(b[k])
    out.hukou_registered = registered
    out.director_id = b.director_id || (old ? old.director_id : null)
    if (b.director_id) {
      const d = state.users.find((u) => u.id === b.director_id)
      if (!d || d.role !== 'director' || !inSubtree(out.region_code, d.region_code)) throw invalid('director_id', '所选儿童主任不负责该村（社区）')
    }
    out.health = codes('health').has(b.health) ? b.health : 'healthy'
    out.disability_kind = b.disability_kind || null
    out.disability_grade = b.disability_grade || null
    out.economic = codes('economic').has(b.economic) ? b.economic : 'none'
    out.school_stage = b.school_stage || 'none'
    out.schooling_status = b.schooling_status || 'not_in_school'
    out.recorded_categories = Array.isArray(b.recorded_categories) ? b.recorded_categories : []
    for (const k of out.recorded_categories) if (!codes('categories').has(k)) throw invalid('recorded_categories', '类别无效')
    out.members = (b.members || []).map((m, i) => {
      const f = (k) => `members[${i}].${k}`
      if (!codes('relations').has(m.relation)) throw invalid(f('relation'), '请选择与儿童关系')
      if (!m.name || !String(m.name).trim()) throw invalid(f('name'), '请输入家庭成员姓名')
      if (!codes('member_statuses').has(m.status)) throw invalid(f('status'), '请选择状况')
      const prev = old && old.members.find((x) => x.id === m.id)
      const mid = checkId(m.id_number, f('id_number'))
      return {
        id: prev ? prev.id : cs.nextMemberId++,
        ...Object.fromEntries(MEMBER_FIELDS.map((k) => [k, m[k] ?? null])),
        outside_county: Boolean(m.outside_county),
        since: checkDate(m.since, f('since')),
        birth_date: mid ? mid.birth_date : checkDate(m.birth_date, f('birth_date')),
        id_number: mid ? mid.number : prev ? prev.id_number : null,
        phone: checkPhone(m.phone, f('phone')) || (prev ? prev.phone : null),
      }
    })
    const g = b.caregiver
    if (g) {
      if (!g.name || !String(g.name).trim()) throw invalid('caregiver.name', '请输入委托照护人姓名')
      const gid = checkId(g.id_number, 'caregiver.id_number')
      out.caregiver = {
        ...Object.fromEntries(CAREGIVER_FIELDS.map((k) => [k, g[k] ?? null])),
        school_notified: Boolean(g.school_notified), village_notified: Boolean(g.village_notified),
        checks: Array.isArray(g.checks) ? g.checks : [],
        id_number: gid ? gid.number : old && old.caregiver ? old.caregiver.id_number : null,
        phone: checkPhone(g.phone, 'caregiver.phone') || (old && old.caregiver ? old.caregiver.phone : null),
      }
    } else out.caregiver = null
    return out
  }

  function duplicate(c, user, exceptId) {
    if (!c.id_number) return
    const other = cs.children.find((x) => x.id !== exceptId && x.id_number === c.id_number)
    if (!other) return
    if (inSubtree(other.region_code, user.region_code)) {
      const e = new HttpError(409, 'duplicate', '该身份证号码已登记，请打开已有档案', 'id_number')
      e.extra = { existing_id: other.id }
      throw e
    }
    throw new HttpError(409, 'duplicate', '该儿童已在其他地区登记，请联系县级民政部门核实', 'id_number')
  }

  function historyOf(old, next, user) {
    const at = ctx.now()
    const show = (k, v) => (k === 'id_number' && v ? maskIdNumber(v) : Array.isArray(v) ? v.join('、') : v === null || v === undefined ? '' : String(v))
    const keys = ['name', 'id_number', 'sex', 'birth_date', 'ethnicity', 'region_code', 'hukou_type', ...TEXT_FIELDS, ...BOOL_FIELDS, 'health', 'economic', 'school_stage', 'schooling_status', 'recorded_categories']
    const rows = []
    for (const k of keys) {
      if (show(k, old[k]) !== show(k, next[k])) rows.push({ at, username: user.username, field: k, old: show(k, old[k]), new: show(k, next[k]) })
    }
    if (JSON.stringify(old.members) !== JSON.stringify(next.members)) rows.push({ at, username: user.username, field: 'members', old: `${old.members.length} 人`, new: `${next.members.length} 人` })
    if (JSON.stringify(old.caregiver) !== JSON.stringify(next.caregiver)) rows.push({ at, username: user.username, field: 'caregiver', old: old.caregiver ? old.caregiver.name : '', new: next.caregiver ? next.caregiver.name : '' })
    return rows
  }

  function create(body, user) {
    const c = build(body, user, null)
    duplicate(c, user, 0)
    const warnings = cs.children
      .filter((x) => x.name === c.name && x.birth_date === c.birth_date && x.region_code === c.region_code)
      .map((x) => `可能重复：${x.name}（${x.birth_date}）已在本村登记，档案编号 ${x.id}`)
    if (!c.director_id && user.role === 'director' && inSubtree(c.region_code, user.region_code)) c.director_id = user.id
    Object.assign(c, {
      id: cs.nextId++, exit: null, version: 1, created_at: ctx.now(),
      created_by: user.username, updated_at: ctx.now(), history: [],
    })
    cs.children.push(c)
    return { c, warnings }
  }

  function find(id, user) {
    const c = cs.children.find((x) => x.id === Number(id))
    if (!c || !inSubtree(c.region_code, user.region_code)) throw notFound()
    return c
  }

  function filtered(q, user) {
    const today = todayCST()
    let list = cs.children.filter((c) => inSubtree(c.region_code, user.region_code)).map((c) => [c, summary(c)])
    const p = (k) => q.get(k)
    if (p('region')) list = list.filter(([c]) => inSubtree(c.region_code, p('region')))
    if (p('category')) list = list.filter(([, s]) => s.categories.includes(p('category')) || s.recorded_categories.includes(p('category')))
    if (p('age_min')) list = list.filter(([, s]) => s.age >= Number(p('age_min')))
    if (p('age_max')) list = list.filter(([, s]) => s.age <= Number(p('age_max')))
    for (const k of ['school_stage', 'schooling_status', 'status']) if (p(k)) list = list.filter(([, s]) => s[k] === p(k))
    if (p('director')) list = list.filter(([, s]) => String(s.director_id) === p('director'))
    if (p('mismatch') === '1') list = list.filter(([, s]) => s.category_mismatch)
    if (p('turning') === '1') list = list.filter(([, s]) => s.turning)
    if (p('q')) list = list.filter(([c]) => c.name.includes(p('q')))
    if (p('id_number')) {
      const r = parseIdNumber(p('id_number'), today)
      list = list.filter(([c]) => r.ok && c.id_number === r.number)
    }
    const sort = p('sort') || 'name'
    const key = sort.replace(/^-/, '')
    list.sort(([, a], [, b]) => String(a[key]).localeCompare(String(b[key]), 'zh-CN') * (sort.startsWith('-') ? -1 : 1))
    return list.map(([, s]) => s)
  }

  function page(list, q) {
    const pg = Math.max(1, parseInt(q.get('page') || '1', 10) || 1)
    const size = Math.min(100, Math.max(1, parseInt(q.get('page_size') || '20', 10) || 20))
    return { items: list.slice((pg - 1) * size, pg * size), total: list.length }
  }

  async function runImport(body, user) {
    if (!['all_or_nothing', 'valid_rows'].includes(body.mode)) throw invalid('mode', '请选择导入方式')
    if (!Array.isArray(body.rows) || !body.rows.length) throw invalid('rows', '没有可导入的行')
    const rejected = []
    const planned = []
    body.rows.forEach((row, i) => {
      const n = Number.isInteger(row._row) && row._row >= 2 ? row._row : i + 2
      const parsed = rowToBody(row)
      if (parsed.reason) return rejected.push({ row: n, field: parsed.field, reason: parsed.reason })
      try {
        const c = build(parsed.body, user, null)
        const existing = c.id_number && cs.children.find((x) => x.id_number === c.id_number)
        if (existing && !inSubtree(existing.region_code, user.region_code)) throw new HttpError(409, 'duplicate', '该儿童已在其他地区登记', 'id_number')
        planned.push({ n, body: parsed.body, existing })
      } catch (e) {
        const header = (COLUMNS.find(([, f]) => f === e.field) || [e.field])[0]
        rejected.push({ row: n, field: header || '', reason: e.message })
      }
    })
    const out = { created: 0, updated: 0, rejected, changes: [], report: null }
    if (!(body.mode === 'all_or_nothing' && rejected.length)) {
      for (const p of planned) {
        if (p.existing) {
          const next = build({ ...p.body, members: p.existing.members }, user, p.existing)
          const hist = historyOf(p.existing, next, user)
          Object.assign(p.existing, next, { version: p.existing.version + 1, updated_at: ctx.now() })
          p.existing.history.unshift(...hist)
          out.updated++
          out.changes.push({ row: p.n, id: p.existing.id, name: p.existing.name, fields: hist.map((h) => h.field) })
        } else {
          const { c } = create(p.body, user)
          out.created++
          out.changes.push({ row: p.n, id: c.id, name: c.name, fields: ['新增'] })
        }
      }
    }
    if (rejected.length) {
      const token = crypto.randomBytes(8).toString('hex')
      cs.reports.set(token, rejected)
      out.report = token
    }
    return out
  }

  // Answers [status, body, contentType?] or undefined when the path is not a child endpoint.
  return async function route(m, p, q, body, user, need, req) {
    let mm
    if (m === 'GET' && p === '/child-dicts') {
      need('child:read')
      return [200, CHILD_DICTS]
    }
    if (m === 'GET' && p === '/directors') {
      need('child:read')
      const within = q.get('region') || user.region_code
      return [200, state.users
        .filter((u) => u.role === 'director' && u.status === 'active' && inSubtree(u.region_code, user.region_code) && inSubtree(u.region_code, within))
        .map((u) => ({ id: u.id, display_name: u.display_name, region_code: u.region_code, region_name: region(u.region_code).name }))]
    }
    if (!p.startsWith('/children')) return undefined
    if (m === 'GET' && p === '/children') {
      need('child:read')
      return [200, page(filtered(q, user), q)]
    }
    if (m === 'GET' && p === '/children/export.xlsx') {
      need('child:export')
      const rows = filtered(q, user).map((s) => [s.name, s.sex === 'M' ? '男' : '女', s.birth_date, s.id_number_masked || '', s.town_name, s.region_name])
      return [200, await makeXlsx('花名册', ['姓名', '性别', '出生日期', '身份证号码', '乡镇（街道）', '村（社区）'], rows), XLSX_TYPE]
    }
    if (m === 'GET' && p === '/children/files.zip') {
      need('child:export')
      const r = region(q.get('region'))
      if (!r || r.level !== 5 || !inSubtree(r.code, user.region_code)) throw invalid('region', '请选择本辖区内的村（社区）')
      const files = cs.children
        .filter((c) => c.region_code === r.code && !c.exit)
        .map((c) => [`${c.name}-${c.id}.pdf`, Buffer.from(`%PDF-1.4\n% mock file of ${c.id}\n`)])
      return [200, makeZip(files), 'application/zip', `${region(r.parent).name}${r.name}-儿童档案.zip`]
    }
    if (m === 'GET' && p === '/children/import-template.xlsx') {
      need('child:import')
      return [200, await makeXlsx('儿童信息', COLUMNS.map((c) => c[0]), [], TEMPLATE_LISTS), XLSX_TYPE]
    }
    if (m === 'GET' && (mm = /^\/children\/import-report\/([0-9a-f]+)\.xlsx$/.exec(p))) {
      need('child:import')
      const rows = cs.reports.get(mm[1])
      if (!rows) throw notFound()
      return [200, await makeXlsx('未导入的行', ['行号', '字段', '原因'], rows.map((r) => [r.row, r.field, r.reason])), XLSX_TYPE]
    }
    if (m === 'POST' && p === '/children/import') {
      need('child:import')
      return [200, await runImport(body, user)]
    }
    if (m === 'POST' && p === '/children') {
      need('child:write')
      const { c, warnings } = create(body, user)
      audit(req, user, 'child.create', 'child', c.id, c.name)
      const out = full(c, user)
      if (warnings.length) out.warnings = warnings
      return [201, out]
    }
    if (!(mm = /^\/children\/(\d+)(\/[a-z.]+)?$/.exec(p))) return undefined
    const sub = mm[2] || ''
    need('child:read')
    const c = find(mm[1], user)
    if (m === 'GET' && sub === '') {
      audit(req, user, 'child.read', 'child', c.id)
      return [200, full(c, user)]
    }
    if (m === 'PUT' && sub === '') {
      need('child:write')
      if (body.version !== c.version) throw new HttpError(409, 'conflict', '档案已被他人修改，请刷新后再试')
      const next = build(body, user, c)
      duplicate(next, user, c.id)
      const hist = historyOf(c, next, user)
      Object.assign(c, next, { version: c.version + 1, updated_at: ctx.now() })
      c.history.unshift(...hist)
      audit(req, user, 'child.update', 'child', c.id)
      return [200, full(c, user)]
    }
    if (m === 'GET' && sub === '/sensitive') {
      need('child:unmask')
      audit(req, user, 'child.unmask', 'child', c.id)
      return [200, {
        id_number: c.id_number,
        members: c.members.map((x) => ({ id: x.id, id_number: x.id_number, phone: x.phone })),
        caregiver: c.caregiver && { id_number: c.caregiver.id_number, phone: c.caregiver.phone },
      }]
    }
    if (m === 'POST' && sub === '/exit') {
      need('child:write')
      if (!codes('exit_reasons').has(body.reason)) throw invalid('reason', '请选择退出原因')
      if (!checkDate(body.date, 'date')) throw invalid('date', '请选择退出日期')
      if (c.exit) throw new HttpError(409, 'conflict', '该儿童已退出关爱')
      c.exit = { reason: body.reason, date: body.date, note: body.note || '' }
      c.history.unshift({ at: ctx.now(), username: user.username, field: 'status', old: '在册', new: '已退出' })
      Object.assign(c, { version: c.version + 1, updated_at: ctx.now() })
      return [200, full(c, user)]
    }
    if (m === 'POST' && sub === '/reactivate') {
      need('child:write')
      c.exit = null
      c.history.unshift({ at: ctx.now(), username: user.username, field: 'status', old: '已退出', new: '在册' })
      Object.assign(c, { version: c.version + 1, updated_at: ctx.now() })
      return [200, full(c, user)]
    }
    if (m === 'GET' && sub === '/photo') {
      if (!c.photo) throw new HttpError(404, 'not_found', '该儿童没有照片')
      audit(req, user, 'child.photo', 'child', c.id)
      return [200, c.photo.data, c.photo.type]
    }
    if (m === 'PUT' && sub === '/photo') {
      need('child:write')
      // The body is the image itself (server.mjs passes a Buffer for non-JSON requests).
      const b = Buffer.isBuffer(body) ? body : Buffer.alloc(0)
      if (!b.length) throw invalid('photo', '请选择照片')
      const type = b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff ? 'image/jpeg'
        : b.length > 8 && b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')) ? 'image/png' : null
      if (!type) throw invalid('photo', '照片应为 JPEG 或 PNG 图片')
      if (b.length > 2 * 1024 * 1024) throw invalid('photo', '照片不能超过2MB')
      c.photo = { type, data: b }
      c.history.unshift({ at: ctx.now(), username: user.username, field: '照片', old: null, new: '已更新' })
      audit(req, user, 'child.photo_update', 'child', c.id)
      return [204, null]
    }
    if (m === 'GET' && sub === '/history') return [200, c.history]
    if (m === 'GET' && sub === '/file.pdf') return [200, Buffer.from('%PDF-1.4\n% mock\n'), 'application/pdf']
    return undefined
  }
}
