// The one way Vårdnav writes a CSV cell. Spreadsheet programs run a cell that begins with `=`, `+`, `-`
// or `@` as a formula (and some also after a leading tab or carriage return), so a unit name, a kommun
// name or any other text that reached the database from an import or a form could execute in the
// reader's spreadsheet ("CSV injection", OWASP). Such text is neutralised with a leading apostrophe,
// which spreadsheets show as text. Numbers stay numbers: a value that is exactly a decimal number
// ("-1500", "0.25", a bigint) is data, never a formula, and contracts such as öre columns keep their sign.

export type CsvValue = string | number | bigint | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** The text a cell must hold so no spreadsheet treats it as a formula (before CSV quoting). */
export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV cell: null and undefined are empty, text neutralised, then quoted when it must be (RFC 4180). */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = neutraliseCsvText(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (without its line ending). */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",");
}
