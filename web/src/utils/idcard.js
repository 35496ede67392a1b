// Resident identity numbers (GB 11643-1999), checked in the browser for quick feedback (the
// server checks again): 6-digit address code, 8-digit birth date, 3-digit sequence (odd =
// male), check character by ISO 7064 MOD 11-2. Legacy 15-digit numbers (date without century,
// no check character) are accepted and upgraded to 18. Pure: also used by web/mock.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'
// Province-level address codes (the first two digits).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
])

// The check character for the first 17 digits.
export function idCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

// Today's date in China Standard Time, 'YYYY-MM-DD'.
export function todayCST() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

function realDate(y, m, d) {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

// Checks an ID number. Answers { ok: true, number (18, upper-case X), birth_date, sex: 'M'|'F' }
// or { ok: false, error: '<Chinese reason>' }. `today` ('YYYY-MM-DD') bounds the birth date.
export function parseIdNumber(input, today = todayCST()) {
  let s = String(input || '').trim().toUpperCase()
  if (s.length !== 15 && s.length !== 18) return { ok: false, error: '身份证号码应为 18 位（旧号码为 15 位）' }
  if (s.length === 15 ? !/^\d{15}$/.test(s) : !/^\d{17}[\dX]$/.test(s)) {
    return { ok: false, error: '身份证号码应由数字组成，18 位号码的最后一位可以是 X' }
  }
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return { ok: false, error: '身份证号码的地址码无效' }
  if (s.length === 15) {
    const first17 = s.slice(0, 6) + '19' + s.slice(6, 15)
    s = first17 + idCheckChar(first17)
  }
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const birth = s.slice(6, 10) + '-' + s.slice(10, 12) + '-' + s.slice(12, 14)
  if (y < 1900 || !realDate(y, m, d) || birth > today) return { ok: false, error: '身份证号码中的出生日期无效' }
  if (idCheckChar(s) !== s[17]) return { ok: false, error: '身份证号码校验位错误，请核对' }
  return { ok: true, number: s, birth_date: birth, sex: Number(s[16]) % 2 === 1 ? 'M' : 'F' }
}

// "500241**********1X": the first 6 and the last 2 characters kept (as the server masks).
export function maskIdNumber(number) {
  const s = String(number || '')
  if (s.length < 8) return s
  return s.slice(0, 6) + '*'.repeat(s.length - 8) + s.slice(-2)
}

// An el-form rule: empty is allowed (a child may have no number yet), anything else must parse.
export const idNumberFormRule = {
  trigger: 'blur',
  validator(_rule, value, callback) {
    if (!value) return callback()
    const r = parseIdNumber(value)
    callback(r.ok ? undefined : new Error(r.error))
  },
}
