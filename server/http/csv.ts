/**
 * The one CSV writer of every export: RFC 4180 with CRLF, a BOM so spreadsheet programs read
 * Chinese as UTF-8, and text cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) neutralised with a leading apostrophe (OWASP CSV injection).
 * Numbers are written as numbers: a negative change stays a number.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
