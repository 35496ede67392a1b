// Reading the first worksheet of an .xlsx file in the browser with exceljs, loaded only when
// needed (its own chunk). Every cell becomes text: dates as YYYY-MM-DD, formulas by their
// result, rich text joined.

function numberText(n) {
  // Whole numbers without exponent or grouping (long numbers typed as numbers).
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toLocaleString('en-US', { useGrouping: false })
  return String(n)
}

export function cellText(value) {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('')
  if ('result' in value) return cellText(value.result)
  if ('text' in value) return cellText(value.text)
  return ''
}

// Answers string[][] (row i of the sheet at index i - 1).
export async function readXlsx(arrayBuffer) {
  const mod = await import('exceljs')
  const ExcelJS = mod.default || mod
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(arrayBuffer)
  const sheet = workbook.worksheets[0]
  const matrix = []
  if (!sheet) return matrix
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value)
    })
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = ''
    matrix[number - 1] = cells
  })
  for (let i = 0; i < matrix.length; i++) if (!matrix[i]) matrix[i] = []
  return matrix
}
