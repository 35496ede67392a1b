// Reading a CSV file in the browser. Chinese Excel saves "CSV" in GBK, newer versions in
// UTF-8 with a BOM, and "Unicode text" in UTF-16 with tabs: decodeText() finds out which,
// parseDelimited() splits the text into rows of cells (RFC 4180 quoting).

function startsWith(bytes, prefix) {
  return prefix.every((b, i) => bytes[i] === b)
}

// bytes: Uint8Array. UTF-8 when it has the BOM or decodes as valid UTF-8, else GBK.
export function decodeText(bytes) {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gbk').decode(bytes)
  }
}

// A tab when the first line has tabs and no commas (Excel's "Unicode text"), else a comma.
function guessDelimiter(text) {
  const first = text.slice(0, text.search(/\r|\n|$/))
  return first.includes('\t') && !first.includes(',') ? '\t' : ','
}

// Answers string[][]: quoted cells may hold the delimiter, doubled quotes and line breaks.
export function parseDelimited(text, delimiter = guessDelimiter(text)) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === delimiter) {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
