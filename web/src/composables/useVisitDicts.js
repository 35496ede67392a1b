// The code lists of issue 4, GET /visit-dicts → { visit_kinds, checklist, hazards,
// caregiver_capacities, problem_categories, care_kinds }, each [{ code, name }], fetched once per
// page load and shared. Until it answers (or when it fails) the fixed names of utils/visitText.js
// stand in, so a form is never empty.
import { ref } from 'vue'
import { api } from '../api.js'
import { VISIT_DICT_FALLBACK } from '../utils/visitText.js'

const dicts = ref(null)
let pending = null

function load() {
  if (dicts.value) return Promise.resolve(dicts.value)
  if (!pending) {
    pending = api
      .get('/visit-dicts', undefined, { toast: false })
      .then((d) => (dicts.value = d))
      .catch(() => null)
      .finally(() => (pending = null))
  }
  return pending
}

/** The options of list KIND ([{ code, name }]). */
function list(kind) {
  const got = dicts.value && dicts.value[kind]
  if (got && got.length) return got
  return Object.entries(VISIT_DICT_FALLBACK[kind] || {}).map(([code, name]) => ({ code, name }))
}

/** The Chinese name of CODE in list KIND (the code itself when unknown). */
function name(kind, code) {
  if (code === null || code === undefined || code === '') return ''
  const hit = list(kind).find((o) => o.code === code)
  return hit ? hit.name : String(code)
}

export function useVisitDicts() {
  load()
  return { dicts, load, list, name }
}
