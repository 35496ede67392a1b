// The password rule of docs/API.md (PUT /me/password), checked in the browser before sending;
// the server checks it again.
export const PASSWORD_RULE_TEXT = '密码至少 8 位，且至少包含大写字母、小写字母、数字、符号中的 3 类。'

export function passwordClasses(pw) {
  let n = 0
  if (/[A-Z]/.test(pw)) n++
  if (/[a-z]/.test(pw)) n++
  if (/[0-9]/.test(pw)) n++
  if (/[^A-Za-z0-9]/.test(pw)) n++
  return n
}

// Answers '' when the password follows the rule, else the reason in Chinese.
export function checkPassword(pw) {
  if (!pw) return '请输入新密码'
  if ([...pw].length < 8) return '密码至少 8 位'
  if (passwordClasses(pw) < 3) return '密码须至少包含大写字母、小写字母、数字、符号中的 3 类'
  return ''
}

// An el-form rule built on checkPassword.
export const passwordFormRule = {
  trigger: 'blur',
  validator(_rule, value, callback) {
    const reason = checkPassword(value || '')
    callback(reason ? new Error(reason) : undefined)
  },
}
