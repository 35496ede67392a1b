// A download button's state: run(path, query, fallbackName) fetches the file through the API
// client (errors are shown by it) while `busy` is true.
import { ref } from 'vue'
import { download } from '../api.js'

export function useDownload() {
  const busy = ref(false)
  async function run(path, query, fallbackName) {
    busy.value = true
    try {
      await download(path, query, fallbackName)
      return true
    } catch {
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
