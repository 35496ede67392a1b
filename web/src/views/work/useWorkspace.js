// The workspace as the views show it: what is stored on the device (offline/workspace.js) with
// the outbox laid over it (a visit recorded here makes the child's contact / visit count as
// done; a queued note shows under its problem), reloaded whenever stored data changes.
import { computed, reactive, watch } from 'vue'
import { useAuthStore } from '../../stores/auth.js'
import { readWorkspace, DEFAULT_SETTINGS } from '../../offline/workspace.js'
import { outboxRows, status } from '../../offline/sync.js'
import { childUrgency, byUrgency, recordedBy } from '../../offline/urgency.js'
import { dayCST, daysBetween } from '../../offline/dates.js'
import { VISIT_DICTS } from './visitDicts.js'

export function useWorkspace() {
  const auth = useAuthStore()
  const data = reactive({
    loaded: false,
    info: null,
    children: [],
    problems: [],
    dicts: VISIT_DICTS,
    settings: { ...DEFAULT_SETTINGS },
    outbox: [],
  })

  async function load() {
    const id = auth.me ? auth.me.id : null
    const [ws, outbox] = await Promise.all([readWorkspace(id), outboxRows(id)])
    data.info = ws.info
    data.children = ws.children
    data.problems = ws.problems
    data.dicts = ws.dicts || VISIT_DICTS
    data.settings = ws.settings
    data.outbox = outbox
    data.loaded = true
  }
  watch(() => [status.rev, auth.me && auth.me.id], () => load().catch(() => (data.loaded = true)), { immediate: true })

  // Rows of the outbox by child and by problem.
  const visitsByChild = computed(() => {
    const m = new Map()
    for (const r of data.outbox) {
      if (r.kind !== 'visit') continue
      if (!m.has(r.child_id)) m.set(r.child_id, [])
      m.get(r.child_id).push(r)
    }
    return m
  })
  const actionsByProblem = computed(() => {
    const m = new Map()
    for (const r of data.outbox) {
      if (r.kind === 'visit') continue
      if (!m.has(r.problem_id)) m.set(r.problem_id, [])
      m.get(r.problem_id).push(r)
    }
    return m
  })

  const today = computed(() => {
    void status.rev // re-evaluated at each reload: the day may have changed
    return dayCST()
  })

  // What the device recorded for a child that the stored data does not know yet.
  function recordedFor(childId) {
    const rec = { contact: false, visit: false }
    for (const r of visitsByChild.value.get(childId) || []) {
      if (r.status === 'failed') continue
      const by = recordedBy(r.body.kind)
      rec.contact = rec.contact || by.contact
      rec.visit = rec.visit || by.visit
    }
    return rec
  }

  const children = computed(() =>
    data.children
      .map((c) => ({
        ...c,
        urgency: childUrgency(c, today.value, data.settings.due_soon_days, recordedFor(c.child_id)),
        queued: (visitsByChild.value.get(c.child_id) || []).filter((r) => r.status !== 'sent'),
      }))
      .sort(byUrgency),
  )

  const problems = computed(() =>
    data.problems
      .map((p) => {
        const actions = actionsByProblem.value.get(p.id) || []
        const late = p.deadline ? daysBetween(p.deadline, today.value) : 0
        return {
          ...p,
          overdue: p.state === 'open' && late > 0,
          days_overdue: late > 0 ? late : 0,
          queued: actions.filter((r) => r.status !== 'sent'),
          resolving: actions.some((r) => r.kind === 'resolve' && r.status !== 'failed' && r.status !== 'sent'),
        }
      })
      .sort((a, b) => (a.deadline || '9999').localeCompare(b.deadline || '9999') || a.id - b.id),
  )

  function name(list, code) {
    const hit = (data.dicts[list] || []).find((x) => x.code === code)
    return hit ? hit.name : code
  }

  return { data, children, problems, today, load, name }
}
