// Code lists the forms share (roles, organisation types), fetched once per session.
import { defineStore } from 'pinia'
import { api } from '../api.js'

export const useDictStore = defineStore('dicts', {
  state: () => ({ roles: null, orgTypes: null }),
  getters: {
    businessRoles: (state) => (state.roles || []).filter((r) => r.kind === 'business'),
  },
  actions: {
    async loadRoles() {
      if (!this.roles) this.roles = await api.get('/roles')
      return this.roles
    },
    async loadOrgTypes() {
      if (!this.orgTypes) this.orgTypes = await api.get('/org-types')
      return this.orgTypes
    },
    roleByCode(code) {
      return (this.roles || []).find((r) => r.code === code) || null
    },
    reset() {
      this.roles = null
      this.orgTypes = null
    },
  },
})
