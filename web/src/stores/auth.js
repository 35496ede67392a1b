// The signed-in user (`Me` from docs/API.md) and the session actions. The CSRF token that
// arrives with login and /me is handed to the API client here.
// A caseworker's Me is also kept on the device (offline/db.js): when the server cannot be
// reached at start, that user is restored with `offline: true`, which opens only the offline
// workspace (/work, see offline/guard.js) until the server confirms the session.
import { defineStore } from 'pinia'
import { api, setCsrfToken } from '../api.js'
import { rememberSession, loadSession, clearAll } from '../offline/db.js'
import { confirmSignOut } from '../offline/signout.js'

export const useAuthStore = defineStore('auth', {
  state: () => ({
    me: null,
    // True once /me has been asked at least once since the page loaded.
    loaded: false,
    // True while `me` comes from the device, not yet confirmed by the server.
    offline: false,
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
      this.offline = false
      setCsrfToken(csrf || (me && me.csrf_token) || '')
      if (me) rememberSession(me).catch(() => {})
    },
    // Ends the session in the browser; the device's workspace and outbox stay (a session that
    // expired must not lose the records waiting to be sent).
    clear() {
      this.me = null
      this.loaded = true
      this.offline = false
      setCsrfToken('')
    },
    // The last caseworker signed in on this device, when the server cannot be reached.
    async restoreOffline() {
      const user = await loadSession().catch(() => null)
      if (!user) return false
      this.me = { ...user, must_change_password: false }
      this.loaded = true
      this.offline = true
      setCsrfToken('')
      return true
    },
    // Asks the server who we are; a 401 simply means "not signed in".
    async fetchMe() {
      try {
        const me = await api.get('/me', undefined, { toast: false, redirect: false })
        this.setMe(me)
      } catch (err) {
        if (err.status === 401) this.clear()
        // No network, or a proxy in front of a server that is down.
        else if ([0, 502, 503, 504].includes(err.status) && (await this.restoreOffline())) return this.me
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
    // Resolves false when the user chose to stay signed in (records not yet sent); signing out
    // clears the device's workspace and outbox.
    async logout() {
      if (this.me && !(await confirmSignOut(this.me.id))) return false
      try {
        await api.del('/session', { toast: false, redirect: false })
      } catch {
        // Without a network the server's session simply expires.
      } finally {
        this.clear()
        await clearAll().catch(() => {})
      }
      return true
    },
    async changePassword(oldPassword, newPassword) {
      await api.put('/me/password', { old_password: oldPassword, new_password: newPassword }, { redirect: false })
      await this.fetchMe()
    },
  },
})
