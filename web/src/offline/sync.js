// The outbox: records the director makes on the device (a contact or visit, a note on a problem,
// a problem's resolution) wait here until the server has accepted them, and the sender that
// delivers them whenever the device is online.
//
// Outbox row: { seq, client_id, user_id, kind: 'visit'|'note'|'resolve', child_id, child_name,
//   problem_id?, body (visit) | text (note, resolution), if_updated_at?, base_ms?,
//   status: 'pending'|'failed'|'conflict'|'sent', attempts, next_try_at, last_attempt_at,
//   maybe_delivered, error {status, code, message, field}?, current (the server's problem in a
//   conflict)?, created_at, sent_at? }
//
// Nothing is lost or sent twice:
// - a visit carries its client_id; the server stores one visit per client_id and answers a
//   repeat with the stored one (200), so a retry after a lost answer is harmless;
// - a note or resolution carries the problem's `updated_at` it was written against
//   (`if_updated_at`); when the problem changed since, the server answers 409 with `current`
//   and the director chooses (keep mine: send again without the precondition; take the
//   server's: drop mine). After an attempt whose answer was lost, the problem is read back
//   first and the record counts as delivered when the note / resolution is already there;
// - a record the server refuses (400/403/404/409/413) stays in the outbox as 'failed' with the
//   server's Chinese message until the director edits and resends or deletes it;
// - network failures and server errors (5xx) are retried with growing waits (2 s … 5 min), and
//   at once when the browser comes back online.
// Sent rows are kept (status 'sent') until the next download of the workspace, so the child
// still shows as visited in the meantime.
import { reactive, watch } from 'vue'
import { request } from '../api.js'
import { db, getMeta, setMeta, clearWorkspace } from './db.js'
import { downloadWorkspace, storeProblem } from './workspace.js'
import { toMs } from './dates.js'

export const status = reactive({
  online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
  reachable: true, // the last request reached the server
  syncing: false,
  shellReady: false, // the service worker holds the app shell
  pending: 0,
  failed: 0,
  conflicts: 0,
  lastSync: null, // ms of the last complete exchange with the server
  rev: 0, // bumped whenever stored data changed: views reload
  userId: null,
})

const MAX_WAIT_MS = 5 * 60 * 1000
const FIRST_WAIT_MS = 2000
const TICK_MS = 15000
// The stored workspace is downloaded again at most this often while nothing is sent (each
// download is an audited read of every child's summary); at start, on reconnecting and on
// 同步 it is downloaded at once.
const STALE_MS = 5 * 60 * 1000

let ctx = { auth: null, router: null }
let running = null
let again = null
let wakeTimer = null
let unreachableRuns = 0 // consecutive runs that could not reach the server

// A version 4 UUID (works without a secure context, unlike crypto.randomUUID).
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function changed() {
  status.rev += 1
}

export async function refreshCounts() {
  const id = status.userId
  const rows = id ? await db.outbox.where('user_id').equals(id).toArray() : []
  status.pending = rows.filter((r) => r.status === 'pending').length
  status.failed = rows.filter((r) => r.status === 'failed').length
  status.conflicts = rows.filter((r) => r.status === 'conflict').length
}

// The signed-in user's outbox, oldest first.
export async function outboxRows(userId) {
  if (!userId) return []
  const rows = await db.outbox.where('user_id').equals(userId).toArray()
  return rows.sort((a, b) => a.seq - b.seq)
}

// Records not yet accepted by the server (what signing out would lose).
export async function unsentCount(userId) {
  const rows = await outboxRows(userId)
  return rows.filter((r) => r.status !== 'sent').length
}

// ---- queueing ----

export async function queueVisit(me, child, body) {
  const row = {
    client_id: body.client_id,
    user_id: me.id,
    kind: 'visit',
    child_id: child.child_id,
    child_name: child.name,
    body,
    status: 'pending',
    attempts: 0,
    next_try_at: 0,
    created_at: Date.now(),
  }
  row.seq = await db.outbox.add(row)
  await afterChange()
  kick()
  return row
}

// KIND 'note' or 'resolve' on PROBLEM (as the device last saw it).
export async function queueProblemAction(me, problem, kind, text) {
  const row = {
    client_id: uuid(),
    user_id: me.id,
    kind,
    child_id: problem.child_id,
    child_name: problem.child_name,
    problem_id: problem.id,
    problem: { category_name: problem.category_name, description: problem.description },
    text,
    // Servers that know the precondition send updated_at as integer ms (docs/API.md
    // "Preconditions"); an older server would refuse the unknown field.
    if_updated_at: typeof problem.updated_at === 'number' ? problem.updated_at : null,
    base_ms: toMs(problem.updated_at),
    status: 'pending',
    attempts: 0,
    next_try_at: 0,
    created_at: Date.now(),
  }
  row.seq = await db.outbox.add(row)
  await afterChange()
  kick()
  return row
}

async function afterChange() {
  await refreshCounts()
  changed()
}

// ---- the director's choices ----

function notWhileSending() {
  if (status.syncing) {
    const err = new Error('正在与服务器同步，请稍后再试')
    err.busy = true
    throw err
  }
}

// A refused or not yet attempted visit with a corrected body: queued again (same client_id:
// the server stored nothing under it).
export async function editVisit(seq, body) {
  notWhileSending()
  const row = await db.outbox.get(seq)
  if (!row || row.kind !== 'visit') return
  if (row.status === 'pending' && row.attempts) throw new Error('该记录正在发送，不能修改')
  await db.outbox.update(seq, {
    body: { ...body, client_id: row.client_id },
    status: 'pending',
    error: null,
    attempts: 0,
    next_try_at: 0,
  })
  await afterChange()
  kick()
}

// A refused note or resolution with corrected text, queued again.
export async function editText(seq, text) {
  notWhileSending()
  const row = await db.outbox.get(seq)
  if (!row || row.kind === 'visit') return
  if (row.status === 'pending' && row.attempts) throw new Error('该记录正在发送，不能修改')
  await db.outbox.update(seq, { text, status: 'pending', error: null, attempts: 0, next_try_at: 0 })
  await afterChange()
  kick()
}

export async function resend(seq) {
  notWhileSending()
  await db.outbox.update(seq, { status: 'pending', error: null, attempts: 0, next_try_at: 0 })
  await afterChange()
  kick()
}

export async function removeRow(seq) {
  notWhileSending()
  const row = await db.outbox.get(seq)
  if (row && row.status === 'pending' && row.attempts) throw new Error('该记录正在发送，不能删除')
  await db.outbox.delete(seq)
  await afterChange()
}

// 保留我的: send again without the precondition.
export async function keepMine(seq) {
  notWhileSending()
  const row = await db.outbox.get(seq)
  if (!row || row.status !== 'conflict') return
  await db.outbox.update(seq, {
    status: 'pending',
    if_updated_at: null,
    base_ms: toMs(row.current && row.current.updated_at),
    current: null,
    error: null,
    attempts: 0,
    next_try_at: 0,
    maybe_delivered: false,
  })
  await afterChange()
  kick()
}

// 采用服务器的: keep the server's version, drop mine.
export async function takeServer(seq) {
  notWhileSending()
  const row = await db.outbox.get(seq)
  if (!row || row.status !== 'conflict') return
  await storeProblem(row.current)
  await db.outbox.delete(seq)
  await afterChange()
}

// ---- sending ----

function backoffWait(attempts) {
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.max(0, attempts - 1)) + Math.floor(Math.random() * 500)
}

function backoff(attempts) {
  return Date.now() + backoffWait(attempts)
}

// Is ROW's note or resolution already part of the server's PROBLEM (sent before, answer lost)?
function delivered(row, problem, me) {
  if (!problem) return false
  if (row.kind === 'resolve') return problem.state === 'resolved' && problem.resolution === row.text
  const since = Number.isFinite(row.base_ms) ? row.base_ms - 1000 : row.created_at - 3600 * 1000
  return (problem.notes || []).some((n) => n.username === me.username && n.note === row.text && toMs(n.at) >= since)
}

async function markSent(row, extra = {}) {
  await db.outbox.update(row.seq, { status: 'sent', sent_at: Date.now(), error: null, current: null, ...extra })
}

// The server took a note or resolution: keep its problem and move the other queued actions on
// the same problem, written against the same version, onto the new one.
async function problemDelivered(row, problem, me) {
  await storeProblem(problem)
  await markSent(row)
  if (typeof problem.updated_at !== 'number') return
  await db.outbox
    .where('problem_id')
    .equals(row.problem_id)
    .modify((r) => {
      if (r.user_id === me.id && r.status === 'pending' && r.seq !== row.seq && r.if_updated_at === row.if_updated_at) {
        r.if_updated_at = problem.updated_at
        r.base_ms = problem.updated_at
      }
    })
}

const quiet = { toast: false }

async function readProblem(id) {
  return request('GET', `/problems/${id}`, quiet)
}

// Sends one row; answers 'sent', 'kept' (failed or conflict, go on with the next) or 'stop'
// (no network, session gone, server trouble: try again later).
async function sendOne(seq, me) {
  const row = await db.outbox.get(seq)
  if (!row || row.status !== 'pending') return 'kept'
  await db.outbox.update(seq, { attempts: (row.attempts || 0) + 1, last_attempt_at: Date.now() })
  try {
    if (row.kind === 'visit') {
      const visit = await request('POST', `/children/${row.child_id}/visits`, { ...quiet, body: row.body })
      await markSent(row, { visit_id: visit.id })
      return 'sent'
    }
    if (row.maybe_delivered) {
      const now = await readProblem(row.problem_id)
      if (delivered(row, now, me)) {
        await problemDelivered(row, now, me)
        return 'sent'
      }
    }
    const body = row.kind === 'note' ? { note: row.text } : { resolution: row.text }
    if (row.if_updated_at !== null && row.if_updated_at !== undefined) body.if_updated_at = row.if_updated_at
    const path = `/problems/${row.problem_id}/${row.kind === 'note' ? 'notes' : 'resolve'}`
    const problem = await request('POST', path, { ...quiet, body })
    await problemDelivered(row, problem, me)
    return 'sent'
  } catch (err) {
    return failed(row, err, me)
  }
}

async function failed(row, err, me) {
  const status0 = err && typeof err.status === 'number' ? err.status : 0
  if (status0 === 0 || status0 >= 500 || status0 === 408 || status0 === 429) {
    // The request may have reached the server: a note or resolution is checked before resending.
    await db.outbox.update(row.seq, {
      next_try_at: backoff((row.attempts || 0) + 1),
      maybe_delivered: row.kind !== 'visit' ? true : row.maybe_delivered || false,
      error: { status: status0, code: err.code || 'network', message: err.message || '无法连接服务器' },
    })
    if (status0 === 0) status.reachable = false
    return 'stop'
  }
  if (status0 === 401 || (status0 === 403 && (err.code === 'password_change_required' || err.code === 'csrf'))) {
    // The session ended (api.js has sent the director to the login page) or the CSRF token is
    // stale: the row waits for the next session (or the fresh token).
    await db.outbox.update(row.seq, { next_try_at: backoff(row.attempts || 1) })
    if (err.code === 'csrf' && ctx.auth) await ctx.auth.fetchMe().catch(() => {})
    return 'stop'
  }
  const body = (err && err.data) || {} // api.js puts 409's `current` here
  if (row.kind !== 'visit' && status0 === 409) {
    let current = body.current || null
    if (!current) current = await readProblem(row.problem_id).catch(() => null)
    if (current && delivered(row, current, me)) {
      await problemDelivered(row, current, me)
      return 'sent'
    }
    if (body.current) {
      await db.outbox.update(row.seq, {
        status: 'conflict',
        current: body.current,
        error: { status: status0, code: err.code, message: err.message, field: err.field },
      })
      return 'kept'
    }
  }
  await db.outbox.update(row.seq, {
    status: 'failed',
    error: { status: status0, code: err.code, message: err.message, field: err.field },
  })
  return 'kept'
}

// Rows sent before the workspace was last downloaded are in the server's data now.
async function purgeSent(downloadedAt) {
  await db.outbox.filter((r) => r.status === 'sent' && r.sent_at <= downloadedAt).delete()
}

async function lastDownload() {
  const ws = await getMeta('workspace')
  return ws && ws.user_id === status.userId ? ws.synced_at : 0
}

async function run(opts) {
  const auth = ctx.auth
  if (!auth || !auth.me || !status.online) return
  status.syncing = true
  let touched = false // stored data changed: the views reload
  try {
    if (auth.offline) {
      // Signed in from the device: ask the server who we are before sending anything.
      await auth.fetchMe()
      if (!auth.me) {
        goLogin()
        return
      }
      if (auth.offline) {
        status.reachable = false
        return
      }
    }
    const me = auth.me
    if (!me.permissions || !me.permissions.includes('child:write') || me.must_change_password) return
    let stopped = false
    let sent = 0
    for (const row of await outboxRows(me.id)) {
      if (row.status !== 'pending' || (row.next_try_at || 0) > Date.now()) continue
      touched = true
      const r = await sendOne(row.seq, me)
      if (r === 'sent') sent += 1
      if (r === 'stop') {
        stopped = true
        break
      }
    }
    if (stopped) return
    status.reachable = true
    if (sent || opts.refresh || Date.now() - (await lastDownload()) > STALE_MS) {
      const at = await downloadWorkspace(me, () => !!auth.me && auth.me.id === me.id)
      touched = true
      await purgeSent(at)
      status.lastSync = at
      await setMeta('last_sync', { user_id: me.id, at })
    }
  } catch (err) {
    if (!err || err.status === 0 || err.status === undefined) status.reachable = false
  } finally {
    status.syncing = false
    await refreshCounts().catch(() => {})
    await scheduleWake().catch(() => {})
    if (touched) changed()
  }
}

// Wakes the sender when the earliest waiting row is due again (a retry after a network error or
// a server error); the 'online' event wakes it anyway.
async function scheduleWake() {
  clearTimeout(wakeTimer)
  wakeTimer = null
  if (!status.online || !status.userId) return
  unreachableRuns = status.reachable ? 0 : unreachableRuns + 1
  const rows = await outboxRows(status.userId)
  const next = Math.min(...rows.filter((r) => r.status === 'pending').map((r) => r.next_try_at || 0))
  if (!Number.isFinite(next)) return
  const least = unreachableRuns ? backoffWait(unreachableRuns) : 250
  wakeTimer = setTimeout(kick, Math.max(least, next - Date.now()))
}

// Sends what is due and refreshes the stored workspace; one run at a time (a call during a run
// is served by one more run after it). opts.refresh downloads even when nothing was sent.
export function flush(opts = {}) {
  if (running) {
    again = again || { refresh: false }
    again.refresh = again.refresh || !!opts.refresh
    return running
  }
  running = run(opts).finally(() => {
    running = null
    if (again) {
      const next = again
      again = null
      flush(next)
    }
  })
  return running
}

function kick() {
  flush().catch(() => {})
}

function goLogin() {
  const router = ctx.router
  if (!router) return
  const current = router.currentRoute.value
  if (current.name !== 'login') router.push({ name: 'login', query: { redirect: current.fullPath } })
}

async function retryNow() {
  if (!status.userId) return
  await db.outbox
    .where('user_id')
    .equals(status.userId)
    .modify((r) => {
      if (r.status === 'pending') r.next_try_at = 0
    })
}

// A different user on this device: drop the previous user's workspace (its outbox stays,
// sent only in its own session).
async function switchUser(me) {
  const ws = await getMeta('workspace')
  if (ws && ws.user_id !== me.id) await clearWorkspace()
  const ls = await getMeta('last_sync')
  status.lastSync = ls && ls.user_id === me.id ? ls.at : null
}

// Installed once by main.js: follows the network, the signed-in user and a timer.
export function startSync({ auth, router }) {
  ctx = { auth, router }
  window.addEventListener('online', () => {
    status.online = true
    retryNow().finally(() => flush({ refresh: true }).catch(() => {}))
  })
  window.addEventListener('offline', () => {
    status.online = false
  })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') kick()
  })
  setInterval(() => {
    if (status.online && status.userId) kick()
  }, TICK_MS)
  watch(
    () => (auth.me && !auth.me.must_change_password && auth.can('child:write') ? auth.me.id : null),
    async (id) => {
      status.userId = id
      if (!id) {
        await refreshCounts().catch(() => {})
        changed()
        return
      }
      await switchUser(auth.me).catch(() => {})
      await retryNow().catch(() => {})
      await refreshCounts().catch(() => {})
      changed()
      flush({ refresh: true }).catch(() => {})
    },
    { immediate: true },
  )
  if ('serviceWorker' in navigator && navigator.serviceWorker) {
    navigator.serviceWorker.ready.then(() => (status.shellReady = true)).catch(() => {})
  }
}
