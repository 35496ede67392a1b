// The county's visit settings (GET /settings/visits) the forms need — visit_late_days above all:
// a visit entered more than that many days after it happened needs a reason. Fetched once per
// page load; until it answers, or when the caller may not read it, the documented defaults apply.
import { ref } from 'vue'
import { api } from '../api.js'

export const VISIT_LATE_DAYS_DEFAULT = 3

const settings = ref(null)
let pending = null

function load() {
  if (settings.value) return Promise.resolve(settings.value)
  if (!pending) {
    pending = api
      .get('/settings/visits', undefined, { toast: false, redirect: false })
      .then((s) => (settings.value = s))
      .catch(() => null)
      .finally(() => (pending = null))
  }
  return pending
}

/** Forget the cached settings (after the county saves new ones). */
export function setVisitSettings(s) {
  settings.value = s
}

export function useVisitSettings() {
  load()
  const lateDays = () => {
    const n = settings.value && settings.value.visit_late_days
    return Number.isInteger(n) ? n : VISIT_LATE_DAYS_DEFAULT
  }
  return { settings, load, lateDays }
}
