// Client routes. The guard asks /me once, sends anonymous visitors to the login page, forces
// the change-password page while `must_change_password` is set, and keeps users out of pages
// their role has no permission for (the server enforces the same; this only avoids dead ends).
import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from '../stores/auth.js'
import { MENU } from './menu.js'
import { PAGES, BARE_PAGES } from './pages.js'

const route = (item) => ({
  path: item.path,
  name: item.name,
  component: item.component,
  meta: { title: item.title, permission: item.permission },
})

const routes = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('../views/ChangePasswordView.vue'),
    meta: { title: '修改密码' },
  },
  {
    path: '/',
    component: () => import('../layout/AppLayout.vue'),
    children: [...MENU, ...PAGES].map((item) => ({ ...route(item), path: item.path === '/' ? '' : item.path.slice(1) })),
  },
  ...BARE_PAGES.map(route),
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue'), meta: { public: true, title: '页面不存在' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.loaded) {
    try {
      await auth.fetchMe()
    } catch {
      // Server unreachable: show the login page, which reports errors when used.
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.loggedIn) return auth.mustChangePassword ? { name: 'change-password' } : { name: 'home' }
    return true
  }
  if (!auth.loggedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (auth.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' }
  if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'home' }
  return true
})

router.afterEach((to) => {
  const base = '守护 · 留守儿童和困境儿童关爱服务信息系统'
  document.title = to.meta.title ? `${to.meta.title} - ${base}` : base
})
