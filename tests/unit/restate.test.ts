import { describe, expect, it } from "vitest";
import { paragraphById } from "../../src/compose/citations.js";
import { composeRefusal } from "../../src/compose/refusal.js";
import { quotedSentences } from "../../src/compose/restate.js";
import { loadLetter } from "../../src/letter/load.js";

const letter = loadLetter("corpus/kamerstuk-30420-415.txt");

/** The text of the sentences a reply quoted, in the order found. */
const quoted = (reply: string) =>
  quotedSentences(letter, reply).spans.flatMap((span) => {
    const paragraph = paragraphById(letter, span.passageId);
    return (paragraph?.sentences.slice(span.first, span.last + 1) ?? []).map((s) => s.text);
  });

describe("the sentences an earlier answer quoted", () => {
  it("finds a sentence quoted in part, and one reworded, in the answer's order", () => {
    const reply =
      'Zowel personen als entiteiten kunnen onder de sancties worden gebracht. Volgens de brief: het pakket "bestaat uit een tegoedenbevriezing, een verbod op financiering van en samenwerking met EU-partners".';
    const sentences = quoted(reply);
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toMatch(/^Personen en entiteiten/);
    expect(sentences[1]).toMatch(/tegoedenbevriezing/);
    // Quoted whole or reworded only: the sentence quoted in part leaves something unsaid.
    const whole = quotedSentences(letter, reply, { inPart: false }).spans;
    expect(whole).toHaveLength(1);
  });

  it("finds an English quote, and the footnote whose text it shows", () => {
    const reply =
      "The Netherlands welcomed the directive intended to counter strategic lawsuits against public participation (the anti-SLAPP directive) (footnote 9: Directive – EU – 2024/1069).";
    const found = quotedSentences(letter, reply);
    expect(quoted(reply)).toEqual([expect.stringMatching(/anti-SLAPPs-richtlijn/)]);
    expect([...found.footnotes]).toEqual([9]);
  });

  it("finds none in a phrase the letter repeats, nor in a refusal", () => {
    expect(quoted("It is about sexual and reproductive health and rights.")).toEqual([]);
    expect(quoted(composeRefusal(letter, "en").answer)).toEqual([]);
    expect(quoted(composeRefusal(letter, "nl").answer)).toEqual([]);
  });
});
