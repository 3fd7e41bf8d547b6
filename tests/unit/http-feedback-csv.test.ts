import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { feedbackToCsv } from "../../src/feedback/csv.js";

const record = {
  id: 1,
  createdAt: "2025-01-02T03:04:05.678Z",
  question: "What did NL do on SLAPPs?",
  answer: "According to the letter: …",
  rating: "up" as const,
};

/** A cell a spreadsheet would run: a formula sign first, behind white space or a stray quote. */
const FORMULA = /^[\s"]*[=+\-@]/;

describe("the feedback CSV export", () => {
  it("quotes every field, with a header row, CRLF line ends and empty cells for missing comments", () => {
    expect(feedbackToCsv([record])).toBe(
      '"id","createdAt","rating","question","answer","comment"\r\n' +
        '"1","2025-01-02T03:04:05.678Z","up","What did NL do on SLAPPs?","According to the letter: …",""\r\n',
    );
    expect(feedbackToCsv([])).toBe('"id","createdAt","rating","question","answer","comment"\r\n');
  });

  it("round-trips commas, quotes, semicolons and line breaks through a CSV parser", () => {
    const comment = 'Good, but "short";\nsecond line';
    const [row] = parse(feedbackToCsv([{ ...record, comment }]), { columns: true });
    expect(row).toMatchObject({ id: "1", rating: "up", question: record.question, comment });
  });

  it.each([
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tx",
    "  =SUM(A1:A9)",
    "\n=cmd",
    'harmless;=HYPERLINK("https://evil.example")',
    "a,=1+1",
    "x; -2+3",
    'a;"=1',
    "a|@x",
  ])("leaves no formula in any cell of %j, split on commas or semicolons", (comment) => {
    const csv = feedbackToCsv([{ ...record, comment }]);
    const cells = (parse(csv, { delimiter: "," }) as string[][]).flat();
    for (const cell of cells) expect(cell).not.toMatch(FORMULA);
    // A spreadsheet that ignores the quoting and splits each line on one separator.
    for (const delimiter of [",", ";"]) {
      const pieces = parse(csv, { delimiter, quote: false, relax_column_count: true });
      for (const piece of (pieces as string[][]).flat()) expect(piece).not.toMatch(FORMULA);
    }
    // Only apostrophes were added.
    expect(cells.at(-1)?.replaceAll("'", "")).toBe(comment);
  });
});
