import type { Answer } from "../../src/answer/types.js";

/** What a not-stated refusal quotes as the place the letter mentions the subject. */
export const RELATED_QUOTE = "De Permanente Vertegenwoordiging ondertekende de verklaring.";

/**
 * A refusal for a near-topic question the letter does not answer, as the answer contract states
 * it (the Dutch Permanent Representative's name). The answer service does not produce these yet,
 * so renderers are tested with this constructed one.
 */
export function notStatedAnswer(language: "en" | "nl" = "en"): Answer {
  return {
    answer:
      language === "en"
        ? "The letter does not give the name of the Dutch Permanent Representative."
        : "De brief noemt de naam van de Permanent Vertegenwoordiger niet.",
    grounded: false,
    outcome: "not_stated",
    reason: "not_stated",
    language,
    mode: "extractive",
    citations: [],
    related: [
      {
        n: 1,
        passageId: "europese-samenwerking-2",
        page: 1,
        section: language === "en" ? "European cooperation" : "Europese samenwerking",
        text: RELATED_QUOTE,
        quote: RELATED_QUOTE,
        footnotes: [],
      },
    ],
    followUps: ["What did the Netherlands do on SLAPPs?"],
  };
}
