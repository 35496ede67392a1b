// A small in-memory stand-in for the C server, for developing the web app without it.
// It follows docs/API.md closely enough to click through every page (sessions, CSRF, forced
// password change, lock-out, scope-free lists) and serves web/dist with the server's CSP.
// It is NOT the contract: the real server and tests/http are. Run: node mock/server.mjs [port]
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { childRoutes, childState } from './children.mjs'

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
const DEMO_PASSWORD = 'Shouhu@2026'

const CHILD_ALL = ['child:read', 'child:write', 'child:unmask', 'child:import', 'child:export']
const ROLES = [
  ['sysadmin', '系统管理员', 'admin', false, ['user:manage', 'org:manage', 'region:read', 'org:read', 'user:read']],
  ['secadmin', '安全管理员', 'admin', false, ['role:assign', 'user:unlock', 'security:settings', 'region:read', 'user:read']],
  ['auditor', '审计管理员', 'admin', false, ['audit:read', 'region:read']],
  ['county', '县级民政', 'business', false, ['region:read', 'org:read', ...CHILD_ALL]],
  ['town', '乡镇督导员', 'business', false, ['region:read', 'org:read', ...CHILD_ALL]],
  ['director', '儿童主任', 'business', false, ['region:read', 'org:read', 'child:read', 'child:write', 'child:unmask', 'child:export']],
  ['school', '学校', 'business', true, ['region:read', 'child:read']],
  ['dept', '部门用户', 'business', true, ['region:read', 'org:read', 'child:read']],
  ['volunteer', '社会组织/志愿者', 'business', true, ['region:read', 'child:read']],
  ['none', '未分配角色', 'business', false, []],
].map(([code, name, kind, needs_org, permissions]) => ({ code, name, kind, needs_org, permissions }))

const ORG_TYPES = Object.entries({
  civil: '民政', education: '教育', police: '公安', court: '法院', procuratorate: '检察院', justice: '司法',
  health: '卫健', hrss: '人社', cac: '网信', emergency: '应急', wcwc: '妇儿工委办', youth_league: '团委',
  womens_fed: '妇联', disabled_fed: '残联', finance: '财政', fire: '消防', school: '学校',
  welfare: '儿童福利机构', rescue: '未成年人救助保护机构', village_committee: '村(居)委会', social_org: '社会组织',
}).map(([code, name]) => ({ code, name }))

// A few towns and villages of 秀山; the codes the tests use (tests/lib/demo.mjs) are real.
function makeRegions() {
  const list = [{ code: '500241000000', name: '秀山土家族苗族自治县', level: 3, parent: null }]
  const towns = {
    '500241001000': ['中和街道', { '001': '东风社区', '002': '凤凰社区', '201': '太平村' }],
    '500241002000': ['乌杨街道', { '001': '乌杨社区', '201': '新华村' }],
    '500241103000': ['隘口镇', { '001': '隘口社区', '204': '平所村', '205': '新院村' }],
    '500241104000': ['溶溪镇', { '001': '溶溪社区', '201': '龙凤村' }],
  }
  for (const [tcode, [tname, villages]] of Object.entries(towns)) {
    list.push({ code: tcode, name: tname, level: 4, parent: '500241000000' })
    for (const [v, vname] of Object.entries(villages)) list.push({ code: tcode.slice(0, 9) + v, name: vname, level: 5, parent: tcode })
  }
  return list
}

function now() {
  const d = new Date(Date.now() + 8 * 3600 * 1000)
  return d.toISOString().slice(0, 19) + '+08:00'
}

function createState(idleSeconds) {
  const regions = makeRegions()
  const byCode = new Map(regions.map((r) => [r.code, r]))
  const orgs = [
    ['秀山县民政局', 'civil', '500241000000'],
    ['秀山县教育委员会', 'education', '500241000000'],
    ['秀山县公安局', 'police', '500241000000'],
    ['秀山县妇女联合会', 'womens_fed', '500241000000'],
    ['中和街道中心小学', 'school', '500241001000'],
    ['隘口镇中心小学', 'school', '500241103000'],
    ['秀山县未成年人救助保护中心', 'rescue', '500241000000'],
  ].map(([name, type, region_code], i) => ({ id: i + 1, name, type, region_code }))
  const users = [
    ['sysadmin', '系统管理员', 'sysadmin', '500241000000', null],
    ['secadmin', '安全管理员', 'secadmin', '500241000000', null],
    ['auditor', '审计管理员', 'auditor', '500241000000', null],
    ['county', '县民政局张科长', 'county', '500241000000', 1],
    ['town', '隘口镇李督导', 'town', '500241103000', null],
    ['director', '龙主任', 'director', '500241103204', null],
    ['school', '隘口小学刘老师', 'school', '500241103000', 6],
  ].map(([username, display_name, role, region_code, org_id], i) => ({
    id: i + 1, username, display_name, role, region_code, org_id, phone: '13800138' + String(i).padStart(3, '0'),
    password: DEMO_PASSWORD, status: 'active', failures: 0, locked_until: 0, must_change_password: true,
    created_at: now(), last_login_at: null,
  }))
  return {
    regions, byCode, orgs, users, sessions: new Map(), loginLog: [], auditLog: [], idleMs: (idleSeconds || 1800) * 1000,
    child: childState(),
    settings: { lock_failures: 5, lock_minutes: 10, session_idle_minutes: 30, session_max_minutes: 720, password_max_age_days: 90 },
  }
}

class HttpError extends Error {
  constructor(status, code, message, field) {
    super(message)
    Object.assign(this, { status, code, field })
  }
}
const invalid = (field, message) => new HttpError(400, 'invalid', message, field)

function passwordOk(pw) {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length
  return typeof pw === 'string' && pw.length >= 8 && classes >= 3
}

function paginate(list, q) {
  const page = Math.max(1, parseInt(q.get('page') || '1', 10) || 1)
  const size = Math.min(100, Math.max(1, parseInt(q.get('page_size') || '20', 10) || 20))
  return { items: list.slice((page - 1) * size, page * size), total: list.length }
}

function handler(state) {
  const role = (code) => ROLES.find((r) => r.code === code)
  const region = (code) => state.byCode.get(code)
  const hasChildren = (code) => state.regions.some((r) => r.parent === code)
  const regionOut = (r) => ({ ...r, has_children: hasChildren(r.code) })
  const inSubtree = (code, root) => {
    for (let r = region(code); r; r = region(r.parent)) if (r.code === root) return true
    return false
  }
  const orgOut = (o) => ({
    ...o, type_name: ORG_TYPES.find((t) => t.code === o.type).name, region_name: region(o.region_code).name,
  })
  const userOut = (u) => {
    const org = state.orgs.find((o) => o.id === u.org_id)
    return {
      id: u.id, username: u.username, display_name: u.display_name,
      phone: u.phone ? u.phone.slice(0, 3) + '****' + u.phone.slice(7) : '',
      role: u.role, role_name: role(u.role).name, region_code: u.region_code, region_name: region(u.region_code).name,
      org_id: u.org_id, org_name: org ? org.name : null, status: u.status, locked: u.locked_until > Date.now(),
      must_change_password: u.must_change_password, created_at: u.created_at, last_login_at: u.last_login_at,
    }
  }
  const meOut = (u, s) => {
    const r = region(u.region_code)
    const org = state.orgs.find((o) => o.id === u.org_id)
    return {
      id: u.id, username: u.username, display_name: u.display_name, role: u.role, role_name: role(u.role).name,
      region: { code: r.code, name: r.name, level: r.level }, org: org ? { id: org.id, name: org.name } : null,
      must_change_password: u.must_change_password, permissions: role(u.role).permissions, csrf_token: s.csrf,
    }
  }
  const audit = (req, u, action, object_type, object_id, detail) =>
    state.auditLog.unshift({
      id: state.auditLog.length + 1, at: now(), username: u ? u.username : '', ip: req.socket.remoteAddress,
      action, object_type, object_id: object_id == null ? '' : String(object_id), outcome: 'success', detail: detail || '',
    })

  const children = childRoutes({ state, HttpError, invalid, region, inSubtree, audit, now })

  return async function route(req, res, url, body) {
    const m = req.method
    const p = url.pathname.replace(/^\/api\/v1/, '')
    const q = url.searchParams
    const sid = /(?:^|;\s*)shouhu_sid=([^;]+)/.exec(req.headers.cookie || '')
    let session = sid && state.sessions.get(sid[1])
    if (session && Date.now() - session.seen > state.idleMs) {
      state.sessions.delete(sid[1])
      session = null
    }
    if (session) session.seen = Date.now()
    const user = session && state.users.find((u) => u.id === session.uid)

    if (m === 'POST' && p === '/session') {
      const u = state.users.find((x) => x.username === body.username)
      const log = (outcome, reason) =>
        state.loginLog.unshift({
          id: state.loginLog.length + 1, at: now(), username: String(body.username || ''), outcome, reason,
          ip: req.socket.remoteAddress, user_agent: req.headers['user-agent'] || '',
        })
      if (u && u.locked_until > Date.now()) {
        log('locked', '账户已锁定')
        const mins = Math.ceil((u.locked_until - Date.now()) / 60000)
        throw new HttpError(423, 'account_locked', `登录失败次数过多，账户已锁定，请 ${mins} 分钟后再试`)
      }
      if (!u || u.password !== body.password || u.status !== 'active') {
        if (u && ++u.failures >= state.settings.lock_failures) {
          u.locked_until = Date.now() + state.settings.lock_minutes * 60000
          u.failures = 0
        }
        log('failure', '用户名或密码错误')
        throw new HttpError(401, 'bad_credentials', '用户名或密码错误')
      }
      u.failures = 0
      u.last_login_at = now()
      log('success', '')
      const id = crypto.randomBytes(16).toString('hex')
      const s = { uid: u.id, csrf: crypto.randomBytes(16).toString('hex'), seen: Date.now() }
      state.sessions.set(id, s)
      res.setHeader('Set-Cookie', `shouhu_sid=${id}; HttpOnly; SameSite=Strict; Path=/`)
      return [200, { user: meOut(u, s), csrf_token: s.csrf }]
    }
    if (!user) throw new HttpError(401, 'unauthenticated', '未登录或会话已过期，请重新登录')
    if (m !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) throw new HttpError(403, 'csrf', '请求校验失败，请刷新页面后重试')
    if (m === 'DELETE' && p === '/session') {
      state.sessions.delete(sid[1])
      return [204, null]
    }
    if (m === 'GET' && p === '/me') return [200, meOut(user, session)]
    if (m === 'PUT' && p === '/me/password') {
      if (body.old_password !== user.password) throw invalid('old_password', '原密码不正确')
      if (!passwordOk(body.new_password)) throw invalid('new_password', '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类')
      if (body.new_password === body.old_password) throw invalid('new_password', '新密码不能与原密码相同')
      user.password = body.new_password
      user.must_change_password = false
      audit(req, user, 'password.change', 'user', user.id)
      return [204, null]
    }
    if (user.must_change_password) throw new HttpError(403, 'password_change_required', '请先修改密码')
    const perms = role(user.role).permissions
    const need = (perm) => {
      if (!perms.includes(perm)) throw new HttpError(403, 'forbidden', '没有执行该操作的权限')
    }
    const root = user.region_code
    let mm

    if (m === 'GET' && p === '/roles') return [200, ROLES.map(({ permissions, ...r }) => r)]
    if (m === 'GET' && p === '/org-types') return [200, ORG_TYPES]
    if (m === 'GET' && p === '/regions') {
      need('region:read')
      if (q.get('parent')) {
        if (!inSubtree(q.get('parent'), root)) throw new HttpError(404, 'not_found', '记录不存在')
        return [200, state.regions.filter((r) => r.parent === q.get('parent')).map(regionOut)]
      }
      if (q.get('q')) {
        return [200, state.regions.filter((r) => r.name.includes(q.get('q')) && inSubtree(r.code, root)).slice(0, 50).map(regionOut)]
      }
      return [200, [regionOut(region(root))]]
    }
    if (m === 'GET' && (mm = /^\/regions\/(\d{12})$/.exec(p))) {
      need('region:read')
      if (!region(mm[1]) || !inSubtree(mm[1], root)) throw new HttpError(404, 'not_found', '记录不存在')
      const chain = []
      for (let r = region(mm[1]); r; r = r.code === root ? null : region(r.parent)) chain.unshift({ code: r.code, name: r.name })
      return [200, { ...regionOut(region(mm[1])), path: chain }]
    }
    const orgFilter = () =>
      state.orgs
        .filter((o) => inSubtree(o.region_code, root))
        .filter((o) => !q.get('region') || inSubtree(o.region_code, q.get('region')))
        .filter((o) => !q.get('type') || o.type === q.get('type'))
        .filter((o) => !q.get('q') || o.name.includes(q.get('q')))
    if (m === 'GET' && p === '/orgs') {
      need('org:read')
      return [200, paginate(orgFilter().map(orgOut), q)]
    }
    if (m === 'GET' && (p === '/orgs/export.xlsx' || p === '/users/export.xlsx')) {
      need(p.startsWith('/orgs') ? 'org:read' : 'user:read')
      return [200, Buffer.from('PK mock xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']
    }
    const checkOrg = (b) => {
      if (!b.name || !String(b.name).trim()) throw invalid('name', '请输入机构名称')
      if (!ORG_TYPES.some((t) => t.code === b.type)) throw invalid('type', '机构类型无效')
      if (!region(b.region_code) || !inSubtree(b.region_code, root)) throw invalid('region_code', '区划无效')
    }
    if (m === 'POST' && p === '/orgs') {
      need('org:manage')
      checkOrg(body)
      const o = { id: state.orgs.length + 1, name: body.name, type: body.type, region_code: body.region_code }
      state.orgs.push(o)
      audit(req, user, 'org.create', 'org', o.id, o.name)
      return [201, orgOut(o)]
    }
    if (m === 'PUT' && (mm = /^\/orgs\/(\d+)$/.exec(p))) {
      need('org:manage')
      const o = state.orgs.find((x) => x.id === Number(mm[1]))
      if (!o) throw new HttpError(404, 'not_found', '记录不存在')
      checkOrg(body)
      Object.assign(o, { name: body.name, type: body.type, region_code: body.region_code })
      audit(req, user, 'org.update', 'org', o.id, o.name)
      return [200, orgOut(o)]
    }
    if (m === 'GET' && p === '/users') {
      need('user:read')
      const list = state.users
        .filter((u) => inSubtree(u.region_code, root))
        .filter((u) => !q.get('q') || u.username.includes(q.get('q')) || u.display_name.includes(q.get('q')))
        .filter((u) => !q.get('role') || u.role === q.get('role'))
        .filter((u) => !q.get('region') || inSubtree(u.region_code, q.get('region')))
        .filter((u) => !q.get('status') || u.status === q.get('status'))
      return [200, paginate(list.map(userOut), q)]
    }
    const target = () => {
      const u = state.users.find((x) => x.id === Number(mm[1]))
      if (!u) throw new HttpError(404, 'not_found', '记录不存在')
      return u
    }
    if (m === 'POST' && p === '/users') {
      need('user:manage')
      if (!/^[a-z0-9][a-z0-9_.-]{2,31}$/.test(body.username || '')) throw invalid('username', '用户名为3至32位小写字母、数字或 _ . -，以字母或数字开头')
      if (state.users.some((u) => u.username === body.username)) throw new HttpError(409, 'conflict', '用户名已被使用', 'username')
      if (!passwordOk(body.password)) throw invalid('password', '密码不符合复杂度要求')
      if (!region(body.region_code)) throw invalid('region_code', '区划无效')
      const u = {
        id: state.users.length + 1, username: body.username, display_name: body.display_name, role: 'none',
        region_code: body.region_code, org_id: body.org_id || null, phone: body.phone || '', password: body.password,
        status: 'active', failures: 0, locked_until: 0, must_change_password: true, created_at: now(), last_login_at: null,
      }
      state.users.push(u)
      audit(req, user, 'user.create', 'user', u.id, u.username)
      return [201, userOut(u)]
    }
    if (m === 'PUT' && (mm = /^\/users\/(\d+)$/.exec(p))) {
      need('user:manage')
      const u = target()
      if (body.display_name !== undefined) u.display_name = body.display_name
      if (body.phone !== undefined) u.phone = body.phone
      if (body.status !== undefined) u.status = body.status
      audit(req, user, 'user.update', 'user', u.id)
      return [200, userOut(u)]
    }
    if (m === 'POST' && (mm = /^\/users\/(\d+)\/password$/.exec(p))) {
      need('user:manage')
      const u = target()
      if (!passwordOk(body.password)) throw invalid('password', '密码不符合复杂度要求')
      u.password = body.password
      u.must_change_password = true
      audit(req, user, 'user.reset_password', 'user', u.id)
      return [204, null]
    }
    if (m === 'PUT' && (mm = /^\/users\/(\d+)\/role$/.exec(p))) {
      need('role:assign')
      const u = target()
      const r = role(body.role)
      if (!r || r.kind !== 'business' || r.code === 'none') throw invalid('role', '角色无效')
      if (r.needs_org && !body.org_id) throw invalid('org_id', '该角色须选择所属机构')
      Object.assign(u, { role: r.code, region_code: body.region_code, org_id: body.org_id || null })
      audit(req, user, 'user.assign_role', 'user', u.id, r.code)
      return [200, userOut(u)]
    }
    if (m === 'POST' && (mm = /^\/users\/(\d+)\/unlock$/.exec(p))) {
      need('user:unlock')
      const u = target()
      u.locked_until = 0
      u.failures = 0
      audit(req, user, 'user.unlock', 'user', u.id)
      return [204, null]
    }
    if (p === '/settings/security') {
      need('security:settings')
      if (m === 'PUT') {
        for (const k of Object.keys(state.settings)) {
          if (!Number.isInteger(body[k]) || body[k] < 1) throw invalid(k, '请输入正整数')
        }
        Object.assign(state.settings, body)
        audit(req, user, 'settings.update', 'settings', 'security')
      }
      return [200, state.settings]
    }
    const byDate = (rows) =>
      rows
        .filter((r) => !q.get('username') || r.username.includes(q.get('username')))
        .filter((r) => !q.get('from') || r.at.slice(0, 10) >= q.get('from'))
        .filter((r) => !q.get('to') || r.at.slice(0, 10) <= q.get('to'))
    if (m === 'GET' && p === '/login-log') {
      need('audit:read')
      return [200, paginate(byDate(state.loginLog).filter((r) => !q.get('outcome') || r.outcome === q.get('outcome')), q)]
    }
    if (m === 'GET' && p === '/audit-log') {
      need('audit:read')
      return [200, paginate(byDate(state.auditLog).filter((r) => !q.get('action') || r.action.includes(q.get('action'))), q)]
    }
    if (m === 'GET' && p === '/audit-log/verify') {
      need('audit:read')
      return [200, { ok: true, checked: state.auditLog.length, problems: [] }]
    }
    const answer = await children(m, p, q, body, user, need, req)
    if (answer) return answer
    throw new HttpError(404, 'not_found', '记录不存在')
  }
}

function serveStatic(req, res, url) {
  let file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)))
  if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(DIST, 'index.html')
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP })
  fs.createReadStream(file).pipe(res)
}

// Starts the mock on 127.0.0.1 (port 0 = any free port); answers { url, stop }.
// settings.session_idle_seconds shortens the idle timeout (as the real server's config key).
export async function startMock({ port = 0, settings = {} } = {}) {
  const route = handler(createState(settings.session_idle_seconds))
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost')
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' })
    if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, url)
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      try {
        // JSON, except uploads sent as raw bytes (a child's photo): those come as a Buffer.
        const buf = Buffer.concat(chunks)
        const json = /^application\/json/i.test(req.headers['content-type'] || 'application/json')
        const raw = json ? buf.toString('utf8') : ''
        const body = json ? (raw ? JSON.parse(raw) : {}) : buf
        const [status, out, type, fileName] = await route(req, res, url, body)
        if (type) {
          const name = encodeURIComponent(fileName || path.basename(url.pathname))
          res.writeHead(status, { 'Content-Type': type, 'Content-Disposition': `attachment; filename*=UTF-8''${name}` })
          return res.end(out)
        }
        send(res, status, out)
      } catch (e) {
        if (e instanceof HttpError) {
          return send(res, e.status, { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}), ...e.extra } })
        }
        if (e instanceof SyntaxError) return send(res, 400, { error: { code: 'bad_json', message: '请求内容不是有效的 JSON' } })
        console.error(e)
        send(res, 500, { error: { code: 'internal', message: '服务器内部错误' } })
      }
    })
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  }
}

function send(res, status, out) {
  if (status === 204 || out === null) {
    res.writeHead(status)
    return res.end()
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(out))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const port = Number(process.argv[2] || 8080)
  startMock({ port }).then((m) => console.log(`shouhu mock API at ${m.url} (users: sysadmin, secadmin, auditor, county, ...; password ${DEMO_PASSWORD})`))
}
