// Vite plugin: writes the list of built files the service worker precaches (the app shell) into
// the copy of public/sw.js in the output directory, and a version derived from those names so
// that every build with changed files installs a new worker (the browser compares sw.js byte
// for byte). public/sw.js carries two markers, replaced here:
//   const VERSION = 'dev' /* @sw-version */
//   const SHELL = [] /* @sw-shell */
// The shell is index.html, the files of public/ and every emitted chunk and asset except the
// big ones only needed online (the spreadsheet reader) and source maps.
import { createHash } from 'node:crypto'
import { readFile, writeFile, readdir } from 'node:fs/promises'
import path from 'node:path'

const SKIP = [/^assets\/exceljs-/, /\.map$/, /^sw\.js$/]

export function serviceWorkerShell() {
  let outDir = 'dist'
  let publicDir = 'public'
  return {
    name: 'shouhu-sw-shell',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
      publicDir = config.publicDir
    },
    // Every emitted file (chunks, assets, index.html) is in the bundle by now.
    async writeBundle(_options, bundle) {
      const names = Object.keys(bundle)
      const publicFiles = publicDir ? await readdir(publicDir).catch(() => []) : []
      const files = [...new Set([...names, ...publicFiles])].filter((n) => !SKIP.some((re) => re.test(n))).sort()
      const hash = createHash('sha256')
      for (const f of files) {
        hash.update(f)
        // index.html's name never changes; its content (the asset names) does.
        if (f === 'index.html') hash.update(await readFile(path.join(outDir, f)))
      }
      const version = hash.digest('hex').slice(0, 16)
      const shell = files.map((f) => (f === 'index.html' ? '/index.html' : '/' + f))
      const swPath = path.join(outDir, 'sw.js')
      const source = await readFile(swPath, 'utf8')
      const versionMarker = /'dev' \/\* @sw-version \*\//
      const shellMarker = /\[\] \/\* @sw-shell \*\//
      if (!versionMarker.test(source) || !shellMarker.test(source)) {
        throw new Error('public/sw.js lacks the @sw-version / @sw-shell markers')
      }
      const out = source
        .replace(versionMarker, () => JSON.stringify(version))
        .replace(shellMarker, () => JSON.stringify(shell, null, 2))
      await writeFile(swPath, out)
    },
  }
}
