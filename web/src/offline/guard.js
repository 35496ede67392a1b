// Route rules of the offline workspace, after the main guard (router/index.js):
// - a user restored from the device without the server (auth.offline) reaches only /work…;
// - a child director on a phone lands on 我的工作台 when the app opens or after signing in.
import { useIsMobile } from '../composables/useIsMobile.js'

const isWork = (path) => path === '/work' || path.startsWith('/work/')
const LANDING_FROM = new Set([undefined, 'login', 'change-password'])

export function installWorkGuard(router, auth) {
  const isMobile = useIsMobile()
  router.beforeEach((to, from) => {
    if (!auth.loggedIn || to.meta.public) return true
    if (auth.offline && !isWork(to.path)) return { name: 'work' }
    if (
      to.name === 'home' &&
      LANDING_FROM.has(from.name) &&
      auth.me.role === 'director' &&
      isMobile.value &&
      auth.can('child:write')
    ) {
      return { name: 'work' }
    }
    return true
  })
}
