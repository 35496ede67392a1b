// Code lists the forms share (roles, organisation types, the child file's code values),
// fetched once per session.
import { defineStore } from 'pinia'
import { api } from '../api.js'

export const useDictStore = defineStore('dicts', {
  state: () => ({ roles: null, orgTypes: null, child: null }),
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
    // GET /child-dicts: { ethnicities, relations, member_statuses, categories, ... }, each a
    // list of { code, name } (categories also carry `rule`).
    async loadChildDicts() {
      if (!this.child) this.child = await api.get('/child-dicts')
      return this.child
    },
    // The options of one child code list ([] before it has loaded).
    childList(kind) {
      return (this.child && this.child[kind]) || []
    },
    // The Chinese name of a child code value; else fallback[code], else the code itself (free
    // text such as a caregiver's relation "姑妈" shows as it is).
    childName(kind, code, fallback = null) {
      if (code === null || code === undefined || code === '') return ''
      const hit = this.childList(kind).find((x) => x.code === code)
      if (hit) return hit.name
      return (fallback && fallback[code]) || String(code)
    },
    // A code list from the server, or the fixed one given ({ code: name }) until it has loaded.
    childOptions(kind, fallback) {
      const list = this.childList(kind)
      return list.length ? list : Object.entries(fallback).map(([code, name]) => ({ code, name }))
    },
    roleByCode(code) {
      return (this.roles || []).find((r) => r.code === code) || null
    },
    reset() {
      this.roles = null
      this.orgTypes = null
      this.child = null
    },
  },
})
