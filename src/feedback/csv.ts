import type { FeedbackRecord } from "./store.js";

const COLUMNS = ["id", "createdAt", "rating", "question", "answer", "comment"] as const;

/**
 * Where a spreadsheet may start a cell: at the start of the field, or after any character it
 * might split a line on. Dutch Excel splits on semicolons and ignores our quoting, so `a;=1` in
 * one quoted field still becomes a cell `=1` there.
 */
const FORMULA_AT_START = /^(?:[\s"]*[=+\-@]|[\t\r])/;
const FORMULA_AFTER_SEPARATOR = /([,;|\t\r\n])(?=[\s"]*[=+\-@])/g;

/**
 * Text that a spreadsheet would run as a formula (=, +, - or @, also behind white space) gets an
 * apostrophe in front, wherever a cell may begin: the export holds what anonymous users typed.
 */
function defuse(text: string): string {
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_AT_START.test(inner) ? `'${inner}` : inner;
}

/** One RFC 4180 field, always quoted, so that no separator inside it is ever taken for one. */
function field(value: string | number | undefined): string {
  const text = value === undefined ? "" : typeof value === "string" ? defuse(value) : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** The feedback as CSV with a header row and CRLF line ends, as spreadsheets expect. */
export function feedbackToCsv(records: FeedbackRecord[]): string {
  const lines = [COLUMNS.map(field).join(",")];
  for (const record of records)
    lines.push(COLUMNS.map((column) => field(record[column])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
