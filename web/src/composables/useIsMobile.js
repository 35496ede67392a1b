// One shared media query: true on narrow screens (phones), where the side menu becomes a
// drawer and dialogs take the full width.
import { ref } from 'vue'

const QUERY = '(max-width: 768px)'
const isMobile = ref(false)
let started = false

function start() {
  if (started || typeof window === 'undefined' || !window.matchMedia) return
  started = true
  const mq = window.matchMedia(QUERY)
  isMobile.value = mq.matches
  mq.addEventListener('change', (e) => {
    isMobile.value = e.matches
  })
}

export function useIsMobile() {
  start()
  return isMobile
}
