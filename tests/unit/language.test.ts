import { describe, expect, it } from "vitest";
import { loadLetter } from "../../src/letter/load.js";
import { WordFrequency } from "../../src/lexicon/frequency.js";
import { LanguageDetector } from "../../src/retrieve/language.js";

const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
const detector = LanguageDetector.forLetter(letter);

describe("language detection of short questions", () => {
  it.each([
    // Words the letter never uses: no stop word and no vocabulary to go by, only their letters.
    ["pensioenhervorming?", "nl"],
    ["woningmarkt?", "nl"],
    ["gezondheidszorg?", "nl"],
    ["verkiezingen?", "nl"],
    ["pension reform?", "en"],
    ["climate policy?", "en"],
    ["elections?", "en"],
    // The letter's own words and stop words still decide where they can.
    ["anti-SLAPPs-richtlijn?", "nl"],
    ["Wat deed Nederland tegen SLAPPs?", "nl"],
    ["What did the Netherlands do on SLAPPs?", "en"],
  ] as const)("%s is %s", (question, language) => {
    expect(detector.detect(question)).toBe(language);
  });

  it("lets everyday words of one language only decide what letters cannot", () => {
    const everyday = LanguageDetector.forLetter(letter, WordFrequency.load());
    expect(everyday.detect("treinkaartje kopen?")).toBe("nl");
    expect(everyday.detect("subsidie aanvragen vd gemeente?")).toBe("nl");
    expect(everyday.detect("tax bracket?")).toBe("en");
  });

  it("keeps the fallback for text with no letters to go by", () => {
    expect(detector.detect("2024/1069", "nl")).toBe("nl");
    expect(detector.detect("2024/1069", "en")).toBe("en");
  });
});
