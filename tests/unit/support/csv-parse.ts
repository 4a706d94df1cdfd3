// SPDX-License-Identifier: AGPL-3.0-or-later
/** Strict RFC 4180 reader for the tests: CRLF records, quoted fields with "" escapes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    } else cell += ch;
    i++;
  }
  if (quoted || cell !== '' || row.length > 0) throw new Error('unterminated record');
  return rows;
}
