import { describe, expect, it } from "vitest";
import { loadLetter } from "../../src/letter/load.js";
import { Glossary } from "../../src/retrieve/glossary.js";
import {
  assessScope,
  decideScope,
  letterVocabulary,
  OTHER_FIELDS,
} from "../../src/retrieve/scope.js";

const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
const glossary = Glossary.load("corpus/kamerstuk-30420-415.glossary.json");
const vocabulary = letterVocabulary(
  letter,
  { nl: glossary.stems("nl"), en: glossary.stems("en") },
  (text) => glossary.expand(text),
);
const decide = (question: string, language: "en" | "nl") =>
  decideScope(true, assessScope(question, language, vocabulary));

describe("the letter's scope, on the real letter", () => {
  it("never takes a word the letter uses for another field of government", () => {
    const texts = {
      nl: [
        ...letter.paragraphs.map((p) => p.text),
        ...letter.footnotes.map((f) => f.text),
        letter.metadata.title,
        ...letter.sections.map((s) => s.title ?? ""),
      ],
      en: [
        ...Object.values(letter.translation.paragraphs).flatMap((pairs) => pairs.map((p) => p.en)),
        ...Object.values(letter.translation.footnotes),
        ...Object.values(letter.translation.sectionTitles),
      ],
    };
    for (const language of ["nl", "en"] as const) {
      const fields = new RegExp(OTHER_FIELDS[language].source, "giu");
      expect(texts[language].flatMap((text) => text.match(fields) ?? [])).toEqual([]);
    }
  });

  it.each([
    ["What did the government do about healthcare waiting lists in 2024?", "en"],
    ["What is the cabinet's plan for lowering income taxes?", "en"],
    ["Wat zegt het kabinet over de landbouwsubsidies van de EU in 2024?", "nl"],
    ["Wat besloot de Raad van de EU over energieprijzen?", "nl"],
  ] as const)("refuses a question about another field: %s", (question, language) => {
    expect(decide(question, language)).toBe("refuse");
  });

  it.each([
    ["What is the EU doing about LGBTIQ+ rights in China?", "en"],
    ["Wat vindt het kabinet van het abortusrecht in de Verenigde Staten?", "nl"],
    ["Is abortion legal in Poland according to the letter?", "en"],
    ["What is the Dutch position on military aid to Ukraine?", "en"],
    ["Steunt het kabinet de EU-toetreding van Oekraïne?", "nl"],
  ] as const)(
    "refuses a topic the letter does not speak of where the question places it: %s",
    (question, language) => {
      expect(decide(question, language)).toBe("refuse");
    },
  );

  it.each([
    ["What is the cabinet's position on Bulgaria's discriminatory legislation?", "en"],
    ["How is the climate for LGBTIQ+ people in Hungary, according to the letter?", "en"],
    ["Hoe handelde het kabinet bij schending van het Unierecht?", "nl"],
    ["Welke Balkanlanden sloten zich dit jaar aan bij de verklaring?", "nl"],
    ["Which countries signed the declaration, besides Poland?", "en"],
    ["Wat deed Hongarije in 2021?", "nl"],
    ["Heeft Nederland de verklaring in La Hulpe ondertekend?", "nl"],
    ["Did the Netherlands support intersex persons in the Council of Europe?", "en"],
  ] as const)("answers a question the letter speaks of: %s", (question, language) => {
    expect(decide(question, language)).toBe("answer");
  });

  it("knows a Dutch compound of the letter's words, not one with a part it never uses", () => {
    expect(
      assessScope("Wie kreeg steun van het onderwijsministerie?", "nl", vocabulary).absent,
    ).toEqual([]);
    expect(
      assessScope("Wat doet het kabinet aan de anti-homowet?", "nl", vocabulary).absent,
    ).toEqual([]);
    expect(
      assessScope("Wat doet het kabinet aan de landbouwsubsidies?", "nl", vocabulary).absent,
    ).toEqual(["landbouwsubsidies"]);
  });
});
