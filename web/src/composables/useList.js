// State of a paginated, filtered list page: `filters` hold the query, `load()` fetches
// { items, total } for the current page, `search()` starts again at page 1.
import { reactive, ref } from 'vue'
import { api } from '../api.js'

export function useList(path, initialFilters = {}) {
  const filters = reactive({ ...initialFilters })
  const items = ref([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const loading = ref(false)
  let seq = 0

  // The current filters without empty values, as sent to the API (also for exports).
  function query() {
    const q = {}
    for (const [key, value] of Object.entries(filters)) {
      if (value === undefined || value === null || value === '') continue
      q[key] = value
    }
    return q
  }

  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await api.get(path, { ...query(), page: page.value, page_size: pageSize.value })
      if (mine !== seq) return
      items.value = answer.items || []
      total.value = answer.total || 0
    } catch {
      if (mine === seq) {
        items.value = []
        total.value = 0
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function search() {
    page.value = 1
    return load()
  }

  function reset() {
    for (const key of Object.keys(filters)) filters[key] = initialFilters[key] ?? ''
    return search()
  }

  return { filters, items, total, page, pageSize, loading, query, load, search, reset }
}
