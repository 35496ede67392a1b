// Downloads the director's workspace and keeps it in IndexedDB (db.js): GET /workspace
// (docs/API.md "The director's workspace (offline)"), and the county's visit settings (the
// late-entry limit, the "due soon" window). Until a server has /workspace, the same data is
// put together from /schedule, /children, /problems, /visit-dicts and /child-dicts.
import { api } from '../api.js'
import { db, getMeta, setMeta } from './db.js'

export const DEFAULT_SETTINGS = { visit_late_days: 3, due_soon_days: 7 }
const MAX_CHILDREN = 2000
const PAGE = 100

const quiet = { toast: false }

async function allPages(path, query, limit) {
  const items = []
  for (let page = 1; items.length < limit; page++) {
    const r = await api.get(path, { ...query, page, page_size: PAGE }, quiet)
    items.push(...r.items)
    if (r.items.length < PAGE || items.length >= r.total) break
  }
  return items.slice(0, limit)
}

// The same shape as GET /workspace from the older endpoints (no address, caregiver or last visit).
async function assembleWorkspace(me) {
  const mine = me.role === 'director' ? { director: me.id } : {}
  const [entries, summaries, problems, dicts, childDicts] = await Promise.all([
    allPages('/schedule', mine, MAX_CHILDREN),
    allPages('/children', { ...mine, status: 'active' }, MAX_CHILDREN),
    allPages('/problems', { state: 'open' }, MAX_CHILDREN),
    api.get('/visit-dicts', undefined, quiet),
    api.get('/child-dicts', undefined, quiet),
  ])
  const categoryName = new Map((childDicts.categories || []).map((c) => [c.code, c.name]))
  const summary = new Map(summaries.map((c) => [c.id, c]))
  const children = entries.map((e) => {
    const s = summary.get(e.child_id) || {}
    const categories = s.categories || []
    return {
      ...e,
      sex: s.sex ?? null,
      age: s.age ?? null,
      birth_date: s.birth_date ?? null,
      categories,
      category_names: categories.map((c) => categoryName.get(c) || c),
      current_address: null,
      caregiver: null,
      guardian_phone_masked: null,
      school_name: null,
      last_visit: null,
    }
  })
  const ids = new Set(children.map((c) => c.child_id))
  return {
    generated_at: new Date().toISOString(),
    user: { id: me.id, display_name: me.display_name, region: me.region },
    dicts,
    children,
    problems: problems.filter((p) => ids.has(p.child_id)),
    assembled: true,
  }
}

async function fetchWorkspace(me) {
  try {
    return await api.get('/workspace', undefined, quiet)
  } catch (err) {
    // A server without the route answers 404 not_found (接口不存在).
    if (err.status === 404) return assembleWorkspace(me)
    throw err
  }
}

async function fetchSettings() {
  try {
    const s = await api.get('/settings/visits', undefined, quiet)
    return { visit_late_days: s.visit_late_days, due_soon_days: s.due_soon_days }
  } catch (err) {
    if (err.status === 404 || err.status === 403) return { ...DEFAULT_SETTINGS }
    throw err
  }
}

// Downloads everything for ME and replaces the stored copy in one transaction, unless
// STILL_CURRENT() says ME has signed out meanwhile (nothing is written then). Throws the
// ApiError of the first request that failed (status 0 without a network).
export async function downloadWorkspace(me, stillCurrent = () => true) {
  const [ws, settings] = await Promise.all([fetchWorkspace(me), fetchSettings()])
  const syncedAt = Date.now()
  if (!stillCurrent()) return syncedAt
  await db.transaction('rw', db.meta, db.children, db.problems, async () => {
    // The workspace's problems come without their notes; the notes the device has (from an
    // answer to a note, or a conflict) stay while the problem has not changed since.
    const before = new Map((await db.problems.toArray()).map((p) => [p.id, p]))
    const problems = (ws.problems || []).map((p) => {
      const old = before.get(p.id)
      if (p.notes || !old || !old.notes || old.updated_at !== p.updated_at) return p
      return { ...p, notes: old.notes }
    })
    await db.children.clear()
    await db.problems.clear()
    await db.children.bulkPut(ws.children.map((c, i) => ({ ...c, rank: i })))
    await db.problems.bulkPut(problems)
    await setMeta('workspace', {
      user_id: me.id,
      generated_at: ws.generated_at,
      synced_at: syncedAt,
      source: ws.assembled ? 'assembled' : 'workspace',
    })
    await setMeta('dicts', ws.dicts)
    await setMeta('settings', settings)
  })
  return syncedAt
}

// The stored workspace of USER_ID: { info, children, problems, dicts, settings }; empty lists
// when nothing (or another user's data) is stored.
export async function readWorkspace(userId) {
  const info = await getMeta('workspace')
  if (!info || info.user_id !== userId) {
    return { info: null, children: [], problems: [], dicts: null, settings: { ...DEFAULT_SETTINGS } }
  }
  const [children, problems, dicts, settings] = await Promise.all([
    db.children.orderBy('rank').toArray(),
    db.problems.toArray(),
    getMeta('dicts'),
    getMeta('settings'),
  ])
  return { info, children, problems, dicts, settings: { ...DEFAULT_SETTINGS, ...(settings || {}) } }
}

export async function readChild(userId, childId) {
  const info = await getMeta('workspace')
  if (!info || info.user_id !== userId) return null
  return (await db.children.get(childId)) || null
}

// Keeps a problem the server answered with (after a note, or the server's version chosen in a
// conflict): replaced while open, removed once resolved.
export async function storeProblem(problem) {
  if (!problem || !problem.id) return
  if (problem.state === 'resolved') await db.problems.delete(problem.id)
  else await db.problems.put(problem)
}
