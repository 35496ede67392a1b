// Region look-ups shared by the region tree, the tree-select and the region page.
import { api } from '../api.js'

// The caller's scope root (a list of one region).
export function fetchRoots() {
  return api.get('/regions')
}

export function fetchChildren(code) {
  return api.get('/regions', { parent: code })
}

// Up to 50 regions in scope whose name contains `q`.
export function searchRegions(q) {
  return api.get('/regions', { q })
}

// One region with its path from the scope root.
export function fetchRegion(code, opts) {
  return api.get(`/regions/${encodeURIComponent(code)}`, undefined, opts)
}

// A `load` function for lazy el-tree / el-tree-select (node level 0 = the invisible root).
export async function loadRegionNode(node, resolve, reject) {
  try {
    const list = node.level === 0 ? await fetchRoots() : await fetchChildren(node.data.code)
    resolve(list || [])
  } catch {
    if (reject) reject()
    else resolve([])
  }
}

export const REGION_TREE_PROPS = {
  label: 'name',
  value: 'code',
  isLeaf: (data) => !data.has_children,
}

// 12-digit statistical division codes (2-2-2-3-3): a village (村、社区) is one whose last
// three digits are not 000.
export function isVillageCode(code) {
  return /^\d{12}$/.test(code || '') && !code.endsWith('000')
}

// Is the region `inner` the region `outer` or inside it? (Code arithmetic only.)
export function regionContains(outer, inner) {
  if (!outer || !inner) return false
  let len = 12
  for (const l of [2, 4, 6, 9]) {
    if (/^0+$/.test(outer.slice(l))) {
      len = l
      break
    }
  }
  return outer.slice(0, len) === inner.slice(0, len)
}
