import type { FeedbackRecord } from "./store.js";

const COLUMNS = ["id", "createdAt", "rating", "question", "answer", "comment"] as const;

/**
 * One RFC 4180 field. Text that a spreadsheet would run as a formula (a leading =, +, -, @, tab
 * or CR) is prefixed with an apostrophe: the export holds what anonymous users typed.
 */
function field(value: string | number | undefined): string {
  if (value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The feedback as CSV with a header row and CRLF line ends, as spreadsheets expect. */
export function feedbackToCsv(records: FeedbackRecord[]): string {
  const lines = [COLUMNS.join(",")];
  for (const record of records)
    lines.push(COLUMNS.map((column) => field(record[column])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
