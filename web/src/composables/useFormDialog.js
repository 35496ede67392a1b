// What every form dialog shares: the v-model visibility, the form's ref, a busy flag, server
// field errors, and save() = validate → submit() → success message → close → emit('saved').
//
//   const { visible, formRef, busy, errors, save } = useFormDialog(props, emit, {
//     onOpen() { ...fill the form... },   // each time the dialog opens
//     submit: () => api.post(...),        // throws an ApiError to keep the dialog open
//     success: '已保存',                  // a string, or a function of submit()'s answer
//   })
import { computed, ref, watch } from 'vue'
import { ElMessage } from 'element-plus'
import { useFormErrors } from './useFormErrors.js'

export function useFormDialog(props, emit, { onOpen, submit, success, onError } = {}) {
  const visible = computed({ get: () => props.modelValue, set: (v) => emit('update:modelValue', v) })
  const formRef = ref()
  const busy = ref(false)
  const { errors, clear, apply } = useFormErrors()

  watch(
    () => props.modelValue,
    (open) => {
      if (!open) return
      clear()
      if (onOpen) onOpen()
    },
    { immediate: true },
  )

  async function save() {
    clear()
    if (formRef.value && !(await formRef.value.validate().catch(() => false))) return
    busy.value = true
    try {
      const answer = await submit()
      const text = typeof success === 'function' ? success(answer) : success
      if (text) ElMessage({ type: 'success', message: text })
      visible.value = false
      emit('saved', answer)
    } catch (err) {
      if (!(onError && onError(err))) apply(err)
    } finally {
      busy.value = false
    }
  }

  return { visible, formRef, busy, errors, clear, apply, save }
}
