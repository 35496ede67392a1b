// The signed-in user (`Me` from docs/API.md) and the session actions. The CSRF token that
// arrives with login and /me is handed to the API client here.
import { defineStore } from 'pinia'
import { api, setCsrfToken } from '../api.js'

export const useAuthStore = defineStore('auth', {
  state: () => ({
    me: null,
    // True once /me has been asked at least once since the page loaded.
    loaded: false,
  }),
  getters: {
    loggedIn: (state) => state.me !== null,
    mustChangePassword: (state) => Boolean(state.me && state.me.must_change_password),
    permissions: (state) => (state.me && state.me.permissions) || [],
  },
  actions: {
    can(permission) {
      return this.permissions.includes(permission)
    },
    setMe(me, csrf) {
      this.me = me
      this.loaded = true
      setCsrfToken(csrf || (me && me.csrf_token) || '')
    },
    clear() {
      this.me = null
      this.loaded = true
      setCsrfToken('')
    },
    // Asks the server who we are; a 401 simply means "not signed in".
    async fetchMe() {
      try {
        const me = await api.get('/me', undefined, { toast: false, redirect: false })
        this.setMe(me)
      } catch (err) {
        if (err.status === 401) this.clear()
        else {
          this.loaded = true
          throw err
        }
      }
      return this.me
    },
    // Errors (bad_credentials, account_locked) are left to the login page to show.
    async login(username, password) {
      const answer = await api.post('/session', { username, password }, { toast: false, redirect: false })
      this.setMe(answer.user, answer.csrf_token)
      return answer.user
    },
    async logout() {
      try {
        await api.del('/session', { toast: false, redirect: false })
      } finally {
        this.clear()
      }
    },
    async changePassword(oldPassword, newPassword) {
      await api.put('/me/password', { old_password: oldPassword, new_password: newPassword }, { redirect: false })
      await this.fetchMe()
    },
  },
})
