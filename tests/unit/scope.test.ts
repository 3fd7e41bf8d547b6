import { describe, expect, it } from "vitest";
import { decideScope } from "../../src/decide/scope.js";
import { loadLetter } from "../../src/letter/load.js";
import { WordFrequency } from "../../src/lexicon/frequency.js";
import { Glossary } from "../../src/retrieve/glossary.js";
import { assessScope, letterVocabulary } from "../../src/retrieve/scope.js";

const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
const glossary = Glossary.load("corpus/kamerstuk-30420-415.glossary.json");
const vocabulary = letterVocabulary(
  letter,
  { nl: glossary.stems("nl"), en: glossary.stems("en") },
  (text) => glossary.expand(text),
  WordFrequency.load(),
);
const decide = (question: string, language: "en" | "nl") =>
  decideScope(true, assessScope(question, language, vocabulary));

describe("the letter's scope, on the real letter", () => {
  it.each([
    ["What is the cabinet's plan for lowering income taxes?", "en"],
    ["Wat zegt het kabinet over de landbouwsubsidies van de EU in 2024?", "nl"],
    ["Wat besloot de Raad van de EU over energieprijzen?", "nl"],
    ["Can you recommend a hotel near La Hulpe for the weekend?", "en"],
    ["Mijn paspoort verloopt, hoe vraag ik een nieuw aan bij de ambassade?", "nl"],
  ] as const)(
    "refuses a question mostly about what the letter never mentions: %s",
    (question, language) => {
      expect(decide(question, language)).toBe("refuse");
    },
  );

  it.each([
    ["What is the EU doing about LGBTIQ+ rights in China?", "en"],
    ["Wat vindt het kabinet van het abortusrecht in de Verenigde Staten?", "nl"],
    ["Is abortion legal in Poland according to the letter?", "en"],
    ["What is the Dutch position on military aid to Ukraine?", "en"],
    ["Steunt het kabinet de EU-toetreding van Oekraïne?", "nl"],
    // The letter names Hungary for its legislation, and "this year" everywhere: neither places the
    // declaration there. A sentence that says why it is asked asks nothing.
    ["Did Hungary sign the political declaration this year? The Member wishes to compare.", "en"],
    ["Wat vindt het kabinet van de Amerikaanse abortuswetgeving?", "nl"],
  ] as const)(
    "refuses a topic the letter does not speak of where the question places it: %s",
    (question, language) => {
      expect(decide(question, language)).toBe("refuse");
    },
  );

  it.each([
    ["What is the cabinet's position on Bulgaria's discriminatory legislation?", "en"],
    ["Hoe handelde het kabinet bij schending van het Unierecht?", "nl"],
    ["Welke Balkanlanden sloten zich dit jaar aan bij de verklaring?", "nl"],
    ["Which countries signed the declaration, besides Poland?", "en"],
    ["Wat deed Hongarije in 2021?", "nl"],
    ["Did Hungary pass a law against LGBTIQ people, as the letter says?", "en"],
    ["Heeft Nederland de verklaring in La Hulpe ondertekend?", "nl"],
    ["Did the Netherlands support intersex persons in the Council of Europe?", "en"],
    // Chat: "nl" is the Netherlands in either language; "ja/nee" offers two everyday words.
    ["steunde nl de richtlijn nou wel ja/nee", "nl"],
    ["was nl voorzitter ja/nee", "nl"],
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

describe("words the letter uses in other forms", () => {
  it("knows a Dutch word the letter uses only as the last part of its compounds", () => {
    // "Wetgevingsoverleg" is in footnote 2; "overleg" on its own is nowhere in the letter.
    expect(assessScope("in welk overleg?", "nl", vocabulary).absent).not.toContain("overleg");
    expect(assessScope("in welk zwembad?", "nl", vocabulary).absent).toContain("zwembad");
  });

  it("reads a number in words as counting, not as a topic", () => {
    expect(assessScope("was het de tiende of de elfde keer?", "nl", vocabulary).absent).toEqual([]);
  });

  it("knows a word of the other language the letter uses", () => {
    expect(assessScope("when do they get the evaluatie?", "en", vocabulary).absent).toEqual([]);
    expect(assessScope("when do they get the zwembad?", "en", vocabulary).absent).toContain(
      "zwembad",
    );
  });

  it("reads words that point to the letter's parts or its subject as framing", () => {
    const framed = assessScope("welke voetnoot over dit onderwerp?", "nl", vocabulary);
    expect(framed.absent).toEqual([]);
  });
});
