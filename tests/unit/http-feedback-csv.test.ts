import { describe, expect, it } from "vitest";
import { feedbackToCsv } from "../../src/feedback/csv.js";

const record = {
  id: 1,
  createdAt: "2025-01-02T03:04:05.678Z",
  question: "What did NL do on SLAPPs?",
  answer: "According to the letter: …",
  rating: "up" as const,
};

describe("the feedback CSV export", () => {
  it("has a header row and CRLF line ends, with empty cells for missing comments", () => {
    expect(feedbackToCsv([record])).toBe(
      "id,createdAt,rating,question,answer,comment\r\n" +
        "1,2025-01-02T03:04:05.678Z,up,What did NL do on SLAPPs?,According to the letter: …,\r\n",
    );
    expect(feedbackToCsv([])).toBe("id,createdAt,rating,question,answer,comment\r\n");
  });

  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    const csv = feedbackToCsv([{ ...record, comment: 'Good, but "short"\nsecond line' }]);
    expect(csv).toContain(',"Good, but ""short""\nsecond line"\r\n');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"]) {
      const csv = feedbackToCsv([{ ...record, comment: formula }]);
      expect(csv.trimEnd().endsWith(`'${formula}`) || csv.includes(`"'${formula}"`)).toBe(true);
    }
  });
});
