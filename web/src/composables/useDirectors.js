// The child directors (儿童主任) in the caller's scope, GET /directors → [{ id, display_name,
// region_code, region_name }]: the list page's filter and the form's select. A director's
// region is a village or a town; `covering(village)` answers those responsible for a village.
import { ref } from 'vue'
import { api } from '../api.js'
import { regionContains } from '../utils/regions.js'

export function useDirectors() {
  const directors = ref([])
  const loaded = ref(false)

  async function load() {
    try {
      directors.value = (await api.get('/directors')) || []
    } catch {
      directors.value = [] // shown by the API client
    } finally {
      loaded.value = true
    }
    return directors.value
  }

  const covering = (village) => (village ? directors.value.filter((d) => regionContains(d.region_code, village)) : [])

  return { directors, loaded, load, covering }
}
