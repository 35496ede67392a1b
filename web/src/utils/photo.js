// A child's photo (docs/API.md "Children": GET / PUT /children/{id}/photo): JPEG or PNG, at most
// 2 MB. The browser checks the declared type and the size before uploading, with the server's
// messages; the server decides by the bytes themselves (a text file renamed .png is refused
// there, with the same message).
import { apiUrl } from '../api.js'

export const PHOTO_MAX = 2 * 1024 * 1024
export const PHOTO_ACCEPT = 'image/jpeg,image/png'
const TYPES = ['image/jpeg', 'image/png']
const EXTENSIONS = /\.(jpe?g|png)$/i

/** The Chinese message for a file that cannot be a photo, or '' when it may be uploaded. */
export function photoProblem(file) {
  if (!file || !file.size) return '请选择照片'
  // Some systems give no type; then the name decides (the server checks the bytes anyway).
  const typed = file.type ? TYPES.includes(file.type) : EXTENSIONS.test(file.name || '')
  if (!typed) return '照片应为 JPEG 或 PNG 图片'
  if (file.size > PHOTO_MAX) return '照片不能超过2MB'
  return ''
}

/** The photo's address; STAMP (changed after an upload) makes the browser fetch it again. */
export function photoUrl(childId, stamp) {
  return apiUrl(`/children/${childId}/photo`, stamp ? { t: stamp } : undefined)
}
