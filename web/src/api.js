// HTTP client for the shouhu API (docs/API.md). Owns the CSRF token and the reaction to the
// errors every page shares: 401 unauthenticated → login page, 403 password_change_required →
// change-password page, any other error → ElMessage with the server's Chinese message.
// Callers get an ApiError (with .field) so forms can put the message next to the field, and
// .data, the whole error object, for extra members such as 409 duplicate's `existing_id`.
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'

let csrfToken = ''
// Navigation hooks are installed by main.js so this module does not import the router.
const hooks = { unauthenticated: null, passwordChangeRequired: null }

export class ApiError extends Error {
  constructor(status, code, message, field, data) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field || null
    this.data = data || {}
  }
}

export function setCsrfToken(token) {
  csrfToken = token || ''
}

export function setApiHooks({ unauthenticated, passwordChangeRequired }) {
  hooks.unauthenticated = unauthenticated
  hooks.passwordChangeRequired = passwordChangeRequired
}

// Builds "/api/v1/path?k=v" leaving out empty filter values.
export function apiUrl(path, query) {
  const url = '/api/v1' + path
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${url}?${qs}` : url
}

async function readError(res) {
  let body = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const e = body && body.error
  // Members next to `error` (409 conflict's `current`, the record as the server has it now) join .data.
  if (e && typeof e.message === 'string') {
    const { error: _error, ...beside } = body
    return new ApiError(res.status, e.code, e.message, e.field, { ...beside, ...e })
  }
  return new ApiError(res.status, 'http_' + res.status, `请求失败（HTTP ${res.status}）`, null)
}

// Reacts to an ApiError the way every page should; `opts.toast === false` keeps it quiet
// (the caller shows the message itself), `opts.redirect === false` skips the navigation.
function react(err, opts) {
  if (opts.redirect !== false) {
    if (err.status === 401 && err.code === 'unauthenticated' && hooks.unauthenticated) {
      hooks.unauthenticated(err)
    } else if (err.status === 403 && err.code === 'password_change_required' && hooks.passwordChangeRequired) {
      hooks.passwordChangeRequired(err)
    }
  }
  if (opts.toast !== false) ElMessage({ type: 'error', message: err.message, grouping: true })
}

// Performs a request and answers the parsed JSON (or null for 204 / empty bodies).
// opts: { query, body, bytes, toast, redirect, raw } — body is sent as JSON; bytes (a Blob,
// File or ArrayBuffer) as it is, with opts.contentType or the Blob's own type (an upload such
// as a child's photo); raw answers the Response (for downloads).
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json' }
  const init = { method, headers, credentials: 'same-origin' }
  if (method !== 'GET' && method !== 'HEAD') {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  }
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(opts.body)
  } else if (opts.bytes !== undefined) {
    headers['Content-Type'] = opts.contentType || opts.bytes.type || 'application/octet-stream'
    init.body = opts.bytes
  }
  let res
  try {
    res = await fetch(apiUrl(path, opts.query), init)
  } catch {
    const err = new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', null)
    if (opts.toast !== false) ElMessage({ type: 'error', message: err.message, grouping: true })
    throw err
  }
  if (!res.ok) {
    const err = await readError(res)
    react(err, opts)
    throw err
  }
  if (opts.raw) return res
  if (res.status === 204) return null
  const text = await res.text()
  return text ? JSON.parse(text) : null
}

export const api = {
  get: (path, query, opts) => request('GET', path, { ...opts, query }),
  post: (path, body, opts) => request('POST', path, { ...opts, body }),
  put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  // PUT with a raw body (a Blob / File / ArrayBuffer), e.g. a child's photo.
  putBytes: (path, bytes, opts) => request('PUT', path, { ...opts, bytes }),
  del: (path, opts) => request('DELETE', path, opts),
}

// Downloads a file (e.g. an .xlsx export) through fetch, so a 401 or 403 is handled like any
// other error instead of saving the JSON error body as a file.
export async function download(path, query, fallbackName) {
  const res = await request('GET', path, { query, raw: true })
  const blob = await res.blob()
  const name = fileNameFrom(res.headers.get('Content-Disposition')) || fallbackName
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10000)
}

function fileNameFrom(disposition) {
  if (!disposition) return ''
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1].trim() : ''
}
