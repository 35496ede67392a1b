/* 守护 service worker: keeps the app shell (index.html, scripts, styles, icons) in Cache Storage
 * so the child director's workspace opens without a network. The list of files and the version
 * are written at build time by web/vite-sw-plugin.js (the markers below).
 *
 * Never cached here: anything under /api/ (the director's data lives in IndexedDB, written by
 * the app itself; API answers carry personal data and must not sit in Cache Storage), and
 * anything not in the shell list.
 *
 * Navigations go to the network first (so a new deployment is seen at once) and fall back to the
 * cached index.html when the network fails or does not answer within a few seconds; the shell's
 * files (hashed names) are served from the cache first. */
const VERSION = 'dev' /* @sw-version */
const SHELL = [] /* @sw-shell */
const CACHE = 'shouhu-shell-' + VERSION
const NAVIGATION_TIMEOUT_MS = 4000
const SHELL_SET = new Set(SHELL)

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((p) => new Request(p, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shouhu-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

function isApi(url) {
  return url.pathname.startsWith('/api/') || url.pathname === '/healthz'
}

// The network's answer, or null when it fails or takes longer than the timeout.
function networkWithin(request, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms)
    fetch(request).then(
      (res) => {
        clearTimeout(timer)
        resolve(res)
      },
      () => {
        clearTimeout(timer)
        resolve(null)
      },
    )
  })
}

async function navigate(request) {
  const res = await networkWithin(request, NAVIGATION_TIMEOUT_MS)
  if (res && res.status < 500) return res
  const cached = await caches.match('/index.html', { cacheName: CACHE })
  return cached || res || Response.error()
}

async function shellFile(request) {
  const cached = await caches.match(request, { ignoreSearch: true })
  return cached || fetch(request)
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || isApi(url)) return
  if (request.mode === 'navigate') {
    // A client route (no dot in the last segment) is the app; files such as a PDF are not.
    const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1)
    if (!last.includes('.') || url.pathname === '/index.html') event.respondWith(navigate(request))
    return
  }
  if (SHELL_SET.has(url.pathname)) event.respondWith(shellFile(request))
})
