// Saving the registration form: POST /children (new) or PUT /children/{id} with the version,
// and the answers the form must show (docs/API.md "Children"):
//   400 with a field      → the message at the field (members[1].id_number included)
//   409 duplicate         → `duplicate` = { message, existingId | null } (link to the file)
//   409 conflict          → `conflict` = true: 档案已被他人修改，请刷新后再试
//   201 with `warnings`   → answered to the caller (likely duplicates) for a notice
import { nextTick, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { api } from '../api.js'
import { useFormErrors } from './useFormErrors.js'
import { formToBody, formField, sentMembers } from '../utils/childForm.js'

export function useChildSave() {
  const saving = ref(false)
  const duplicate = ref(null)
  const conflict = ref(false)
  const { errors, clear, apply } = useFormErrors()

  function reset() {
    clear()
    duplicate.value = null
    conflict.value = false
  }

  // Brings the first field with an error (or the alerts at the top) into view.
  async function reveal(selector) {
    await nextTick()
    const el = document.querySelector(selector)
    if (el) el.scrollIntoView({ block: 'center' })
    return Boolean(el)
  }

  async function react(err, sent) {
    err.field = formField(err.field, sent)
    if (err.status === 409 && err.code === 'duplicate') {
      apply(err) // also under the ID number when the server names the field
      duplicate.value = { message: err.message, existingId: err.data.existing_id ?? null }
      return reveal('.save-alerts')
    }
    if (err.status === 409 && err.code === 'conflict') {
      conflict.value = true
      return reveal('.save-alerts')
    }
    if (apply(err) && (await reveal('.child-form .is-error'))) return
    // No field to show it at (or none named): a message like any other page.
    ElMessage({ type: 'error', message: err.message, grouping: true })
  }

  // Answers the saved Child (with `warnings` when the server gave any), or null.
  async function save(form, id) {
    reset()
    saving.value = true
    const sent = sentMembers(form)
    try {
      const body = formToBody(form)
      const opts = { toast: false }
      return id ? await api.put(`/children/${id}`, body, opts) : await api.post('/children', body, opts)
    } catch (err) {
      if (err.status === 401 || err.status === 403) ElMessage({ type: 'error', message: err.message, grouping: true })
      else await react(err, sent)
      return null
    } finally {
      saving.value = false
    }
  }

  return { saving, duplicate, conflict, errors, reset, save }
}
