// Vite build for the shouhu web app. `npm run build` writes web/dist/, which the C server
// serves under a strict CSP (no inline script, no eval), so nothing here may add either.
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { serviceWorkerShell } from './vite-sw-plugin.js'

const backend = process.env.SHOUHU_BACKEND || 'http://127.0.0.1:8080'

function elementPlusStyles() {
  const dir = fileURLToPath(new URL('./node_modules/element-plus/es/components', import.meta.url))
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((c) => existsSync(`${dir}/${c}/style/css.mjs`))
    .map((c) => `element-plus/es/components/${c}/style/css`)
}

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported only where used.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    // The service worker's list of app-shell files (public/sw.js), written after the build.
    serviceWorkerShell(),
  ],
  // Pre-bundle Element Plus and every component style so the dev server does not reload the
  // page each time it meets a component for the first time.
  optimizeDeps: {
    include: ['element-plus/es', '@element-plus/icons-vue', ...elementPlusStyles()],
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is one large vendor chunk; keep the warning for anything bigger.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus'
          // exceljs is imported lazily (reading spreadsheets to import): its own chunk.
          if (id.includes('node_modules/exceljs')) return 'exceljs'
          // ECharts (the home page's chart) is imported lazily too: its own chunk.
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules')) return 'vendor'
        },
      },
    },
  },
})
