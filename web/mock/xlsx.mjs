// Builds small .xlsx files for the mock's downloads (templates, rosters, import reports) with
// exceljs, which the web app also uses to read spreadsheets in the browser.
import ExcelJS from 'exceljs'

// headers: [text]; rows: [[value]]; lists: { columnIndex: [choices] } become drop-down lists.
export async function makeXlsx(sheetName, headers, rows = [], lists = {}) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheetName)
  ws.addRow(headers).font = { bold: true }
  for (const r of rows) ws.addRow(r)
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1)
    col.width = Math.max(10, String(h).length * 2 + 4)
    col.numFmt = '@'
  })
  for (const [index, choices] of Object.entries(lists)) {
    const letter = ws.getColumn(Number(index) + 1).letter
    for (let r = 2; r <= 500; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`] }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
