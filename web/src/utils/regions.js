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
