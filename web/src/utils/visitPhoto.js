// A visit's photo (docs/API.md "Visit photos"): the browser shrinks the picture so its longer
// side is at most 1280 px and sends it as JPEG (PUT /visits/{id}/photo, at most 2 MiB). The
// picture is decoded with createImageBitmap (no object URL: the CSP allows images from the
// site and data: only), or through a data: URL where that is missing.
import { apiUrl } from '../api.js'

export const VISIT_PHOTO_SIDE = 1280
export const VISIT_PHOTO_MAX = 2 * 1024 * 1024

function readDataUrl(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(r.result)
    r.onerror = () => reject(r.error)
    r.readAsDataURL(file)
  })
}

async function decode(file) {
  if (typeof createImageBitmap === 'function') {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' })
    } catch {
      /* try the data: URL */
    }
  }
  const url = await readDataUrl(file)
  const img = new Image()
  img.src = url
  await img.decode()
  return img
}

const toBlob = (canvas, quality) => new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))

/** FILE (any image the browser reads) → a JPEG Blob at most 1280 px on its longer side.
 *  Throws Error with a Chinese message when the file is not a picture. */
export async function shrinkPhoto(file, side = VISIT_PHOTO_SIDE) {
  let img
  try {
    img = await decode(file)
  } catch {
    throw new Error('无法读取该图片，请选择 JPEG 或 PNG 照片')
  }
  const w = img.width
  const h = img.height
  if (!w || !h) throw new Error('无法读取该图片，请选择 JPEG 或 PNG 照片')
  const scale = Math.min(1, side / Math.max(w, h))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(w * scale))
  canvas.height = Math.max(1, Math.round(h * scale))
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff' // a transparent PNG gets a white background, not black
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
  if (typeof img.close === 'function') img.close()
  for (const q of [0.85, 0.7, 0.5]) {
    const blob = await toBlob(canvas, q)
    if (blob && blob.size <= VISIT_PHOTO_MAX) return blob
  }
  throw new Error('照片不能超过2MB')
}

/** The photo's address; STAMP (changed after an upload) makes the browser fetch it again. */
export function visitPhotoUrl(visitId, stamp) {
  return apiUrl(`/visits/${visitId}/photo`, stamp ? { t: stamp } : undefined)
}
