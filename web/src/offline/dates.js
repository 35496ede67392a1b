// Calendar days and instants in China Standard Time (UTC+8, no daylight saving), whatever the
// device's own time zone: due dates are CST days, visit times are entered as CST wall time.
const CST_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000
const pad = (n) => String(n).padStart(2, '0')

// "YYYY-MM-DD" of the instant MS in CST.
export function dayCST(ms = Date.now()) {
  const d = new Date(ms + CST_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

// Whole days from day A to day B ("YYYY-MM-DD"), B - A.
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

// The instant MS as "YYYY-MM-DDTHH:mm:ss+08:00" (what the API takes and gives).
export function isoCST(ms) {
  const d = new Date(ms + CST_MS)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  )
}

// The value of an <input type="datetime-local"> ("YYYY-MM-DDTHH:mm") for the instant MS in CST.
export function localInputCST(ms = Date.now()) {
  return isoCST(ms).slice(0, 16)
}

// The instant of a datetime-local value read as CST wall time; NaN when it is not one.
export function parseLocalInputCST(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value || '')
  if (!m) return NaN
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0)) - CST_MS
}

// An API instant (ISO 8601 with offset) or UTC ms → ms; NaN when neither.
export function toMs(value) {
  if (typeof value === 'number') return value
  if (typeof value === 'string') return Date.parse(value)
  return NaN
}

// "HH:mm" today, "MM-DD HH:mm" this year, else "YYYY-MM-DD HH:mm" (CST) — for "上次同步".
export function shortTime(ms, now = Date.now()) {
  if (!Number.isFinite(ms)) return ''
  const full = isoCST(ms)
  const day = full.slice(0, 10)
  const hm = full.slice(11, 16)
  if (day === dayCST(now)) return hm
  if (day.slice(0, 4) === dayCST(now).slice(0, 4)) return `${day.slice(5)} ${hm}`
  return `${day} ${hm}`
}
