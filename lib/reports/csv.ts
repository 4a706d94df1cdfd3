// SPDX-License-Identifier: AGPL-3.0-or-later
// RFC 4180 CSV, hardened for spreadsheets: the people who open these files use Excel, LibreOffice
// or Google Sheets, where a cell starting with = + - @ (or tab / CR) can run as a formula.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: formula starts neutralised with a leading single quote, then quoted when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole table: header row first, CRLF after every record (RFC 4180 §2). */
export function csvTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  return [header, ...rows].map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}
