import type { QuestionRecord } from "./question-log.js";
import type { FeedbackRecord } from "./store.js";

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

type Cell = string | number | boolean | undefined;

/** One RFC 4180 field, always quoted, so that no separator inside it is ever taken for one. */
function field(value: Cell): string {
  const text = value === undefined ? "" : typeof value === "string" ? defuse(value) : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** Rows as CSV with a header row and CRLF line ends, as spreadsheets expect. */
function toCsv<Row>(columns: readonly string[], rows: readonly Row[], cells: (row: Row) => Cell[]) {
  const lines = [columns.map(field).join(",")];
  for (const row of rows) lines.push(cells(row).map(field).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

const FEEDBACK_COLUMNS = ["id", "createdAt", "rating", "question", "answer", "comment"] as const;

export function feedbackToCsv(records: readonly FeedbackRecord[]): string {
  return toCsv(FEEDBACK_COLUMNS, records, (record) => FEEDBACK_COLUMNS.map((c) => record[c]));
}

const QUESTION_COLUMNS = [
  "askedAt",
  "channel",
  "language",
  "outcome",
  "question",
  "sections",
  "followUp",
  "cacheHit",
  "latencyMs",
] as const;

/** The question log of a period, one question a row; sections separated by spaces. */
export function questionsToCsv(records: readonly QuestionRecord[]): string {
  return toCsv(QUESTION_COLUMNS, records, (record) =>
    QUESTION_COLUMNS.map((c) => (c === "sections" ? record.sections.join(" ") : record[c])),
  );
}
