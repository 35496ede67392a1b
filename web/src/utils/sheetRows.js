// Turns a sheet (string[][]) into the import's rows: objects keyed by the header text. The
// header is the first row with any text; blank rows are left out, and each row carries its
// spreadsheet row number as `_row` (the server reports rejected rows and changes under it).
import { decodeText, parseDelimited } from './csvRead.js'

const blank = (cells) => cells.every((c) => !String(c ?? '').trim())

export function matrixToRows(matrix) {
  const headerIndex = matrix.findIndex((cells) => cells && !blank(cells))
  if (headerIndex < 0) return { headers: [], rows: [], skipped: 0 }
  const headerCells = matrix[headerIndex].map((c) => String(c ?? '').trim())
  const headers = headerCells.filter(Boolean)
  const rows = []
  let skipped = 0
  let pendingBlanks = 0
  for (let i = headerIndex + 1; i < matrix.length; i++) {
    const cells = matrix[i] || []
    if (blank(cells)) {
      pendingBlanks++
      continue
    }
    skipped += pendingBlanks // blank rows between data rows (trailing ones do not count)
    pendingBlanks = 0
    const row = {}
    headerCells.forEach((h, col) => {
      if (h) row[h] = String(cells[col] ?? '').trim()
    })
    row._row = i + 1
    rows.push(row)
  }
  return { headers, rows, skipped, headerRow: headerIndex + 1 }
}

// Reads a chosen .xlsx or .csv File into { headers, rows, skipped, headerRow }.
// Throws an Error with a Chinese message for other files.
export async function readSheetFile(file) {
  const name = file.name.toLowerCase()
  const buffer = await file.arrayBuffer()
  if (name.endsWith('.xlsx')) {
    const { readXlsx } = await import('./xlsxRead.js')
    try {
      return matrixToRows(await readXlsx(buffer))
    } catch {
      throw new Error('无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密')
    }
  }
  if (name.endsWith('.csv') || name.endsWith('.txt')) return matrixToRows(parseDelimited(decodeText(new Uint8Array(buffer))))
  if (name.endsWith('.xls')) throw new Error('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入')
  throw new Error('请选择 .xlsx 或 .csv 文件')
}
