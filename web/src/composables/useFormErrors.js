// Server-side field errors for an el-form: `errors[field]` feeds each el-form-item's `error`
// prop, and `apply(err)` puts an ApiError's message at the field it names.
import { reactive } from 'vue'

export function useFormErrors() {
  const errors = reactive({})
  function clear() {
    for (const key of Object.keys(errors)) delete errors[key]
  }
  // Answers true when the error named a field (so the form shows it).
  function apply(err) {
    clear()
    if (err && err.field) {
      errors[err.field] = err.message
      return true
    }
    return false
  }
  return { errors, clear, apply }
}
