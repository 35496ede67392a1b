// The child director's data on the device (IndexedDB through dexie), so the workspace opens and
// records can be made without a network (docs/API.md "The director's workspace (offline)").
//
// Tables:
//   meta      key → value: 'session' (the last signed-in user, without the CSRF token),
//             'workspace' ({ user_id, generated_at, synced_at, source }), 'dicts' (visit code
//             lists), 'settings' ({ visit_late_days, due_soon_days }), 'last_sync' ({ at }).
//   children  WorkspaceChild rows (ScheduleEntry + summary), `rank` = the server's order.
//   problems  open Problem rows of those children.
//   outbox    records made on the device and not yet accepted by the server (see sync.js).
// Everything is cleared when the user signs out (auth.logout).
import Dexie from 'dexie'

export const db = new Dexie('shouhu-workspace')

db.version(1).stores({
  meta: '&key',
  children: '&child_id, rank',
  problems: '&id, child_id',
  outbox: '++seq, &client_id, user_id, status, child_id, problem_id',
})

export async function getMeta(key) {
  const row = await db.meta.get(key)
  return row ? row.value : null
}

export async function setMeta(key, value) {
  await db.meta.put({ key, value })
}

// The fields of Me worth keeping to open the workspace without a network. The CSRF token is not
// kept: it is only good with the session cookie and comes back with /me once online.
const SESSION_FIELDS = ['id', 'username', 'display_name', 'role', 'role_name', 'region', 'org', 'permissions']

export async function saveSession(me) {
  const user = {}
  for (const f of SESSION_FIELDS) user[f] = me[f] === undefined ? null : me[f]
  await setMeta('session', { user, saved_at: Date.now() })
}

// Called at every sign-in: another user's workspace is dropped (its outbox stays, sent only in
// its own session); a caseworker is remembered for opening the workspace offline, anyone else
// is not.
export async function rememberSession(me) {
  const last = await getMeta('session')
  if (last && last.user && last.user.id !== me.id) await clearWorkspace()
  const caseworker = !me.must_change_password && (me.permissions || []).includes('child:write')
  if (caseworker) await saveSession(me)
  else await db.meta.delete('session')
}

// How long a device may open the workspace without the server confirming the user: a phone
// left in a drawer does not stay signed in forever (the workspace and outbox stay; signing in
// again opens them).
export const OFFLINE_SESSION_MAX_MS = 72 * 3600 * 1000

export async function loadSession(now = Date.now()) {
  const s = await getMeta('session')
  if (!s || !s.user) return null
  if (!(s.saved_at > now - OFFLINE_SESSION_MAX_MS)) return null
  return s.user
}

// Drops the cached workspace (children, problems, their metadata) but keeps the outbox: used when
// another user signs in on the same device; that user's records stay queued for its own session.
export async function clearWorkspace() {
  await db.transaction('rw', db.meta, db.children, db.problems, async () => {
    await db.children.clear()
    await db.problems.clear()
    await db.meta.bulkDelete(['workspace', 'dicts', 'settings', 'last_sync'])
  })
}

// Everything, on sign-out.
export async function clearAll() {
  await db.transaction('rw', db.meta, db.children, db.problems, db.outbox, async () => {
    await Promise.all([db.meta.clear(), db.children.clear(), db.problems.clear(), db.outbox.clear()])
  })
}
