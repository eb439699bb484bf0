/**
 * The product's one CSV writer (RFC 4180): quoting, rows, the byte order
 * mark, and the guard against spreadsheet formula injection. Browser-safe
 * and dependency-free, so an island can build the same file as the server.
 *
 * @example
 * ```ts
 * BOM + encodeCsv([["Name", "Note"], [safeText("=1+1"), "a, b"]]);
 * // "\uFEFFName,Note\r\n'=1+1,\"a, b\"\r\n"
 * ```
 *
 * @module
 */

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a
 * cell a spreadsheet would evaluate (=, +, -, @, or a leading tab / CR) is
 * prefixed with `'`, which spreadsheets show as text. Only for text people
 * typed; our own numbers must stay numbers, so they never pass through it.
 *
 * @example
 * ```ts
 * safeText("=HYPERLINK(\"http://evil\")"); // "'=HYPERLINK(\"http://evil\")"
 * ```
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Quotes a field when RFC 4180 requires it (comma, quote, CR or LF), with
 * inner quotes doubled.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as RFC 4180 text: CRLF after every record, including the last. */
export function encodeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

/** The UTF-8 byte order mark, so spreadsheet apps read accents right. */
export const BOM = "\uFEFF";
