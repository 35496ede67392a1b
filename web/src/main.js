// Entry point: creates the app, wires the API client's navigation hooks to the router.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router/index.js'
import { setApiHooks } from './api.js'
import { useAuthStore } from './stores/auth.js'
import { useDictStore } from './stores/dicts.js'
import { installWorkGuard } from './offline/guard.js'
import { startSync } from './offline/sync.js'
import { registerServiceWorker } from './offline/register.js'
import 'element-plus/theme-chalk/base.css'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(router)
// The offline workspace: its route rules, the outbox sender, the app shell's service worker.
installWorkGuard(router, useAuthStore())
startSync({ auth: useAuthStore(), router })
registerServiceWorker()

setApiHooks({
  unauthenticated() {
    const auth = useAuthStore()
    auth.clear()
    useDictStore().reset()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      router.push({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
    }
  },
  passwordChangeRequired() {
    const auth = useAuthStore()
    if (auth.me) auth.me.must_change_password = true
    if (router.currentRoute.value.name !== 'change-password') router.push({ name: 'change-password' })
  },
})

app.mount('#app')
