import { describe, expect, it } from "vitest";
import { WordFrequency } from "../../src/lexicon/frequency.js";
import { SpellingCorrector } from "../../src/lexicon/spelling.js";

describe("everyday word frequency", () => {
  const words = WordFrequency.load();

  it("ranks everyday words above rare ones in both languages", () => {
    expect(words.informativeness("the", "en")).toBeLessThan(words.informativeness("hotel", "en"));
    expect(words.informativeness("hotel", "en")).toBeLessThan(
      words.informativeness("sanctions", "en"),
    );
    expect(words.informativeness("de", "nl")).toBeLessThan(words.informativeness("paspoort", "nl"));
    expect(words.informativeness("paspoort", "nl")).toBeLessThan(1);
  });

  it("weighs a rank alike in both languages, however long each list is", () => {
    const rankOf = (word: string, language: "en" | "nl") => words.rank(word, language) as number;
    // A Dutch word and an English one of about the same rank are about as informative: the Dutch
    // list's 16,074 words do not make its words rarer.
    const dutch = "zetten";
    const english = ["promise", "send", "remember", "wait"].sort(
      (a, b) =>
        Math.abs(rankOf(a, "en") - rankOf(dutch, "nl")) -
        Math.abs(rankOf(b, "en") - rankOf(dutch, "nl")),
    )[0] as string;
    expect(
      Math.abs(words.informativeness(dutch, "nl") - words.informativeness(english, "en")),
    ).toBeLessThan(0.02);
    expect(words.informativeness("bestuursvergadering", "nl")).toBe(1);
  });

  it("ranks words as the lists order them, in any case, and only whole words", () => {
    expect(words.rank("you", "en")).toBe(1);
    expect(words.rank("I", "en")).toBe(2);
    expect(words.rank("i", "en")).toBe(2);
    expect(words.rank("the", "en")).toBe(3);
    expect(words.rank("ik", "nl")).toBe(1);
    expect(words.rank("De", "nl")).toBe(4);
    expect(words.rank("sanctio", "en")).toBeUndefined();
    expect(words.rank("sanctionss", "en")).toBeUndefined();
  });

  it("counts a word no list holds as wholly informative", () => {
    expect(words.rank("gendergelijkheidsstrategie", "nl")).toBeUndefined();
    expect(words.informativeness("gendergelijkheidsstrategie", "nl")).toBe(1);
  });
});

describe("spelling correction against a vocabulary", () => {
  const corrector = new SpellingCorrector({
    en: ["sanctions", "sanction", "people"],
    nl: ["sancties", "richtlijn", "gendergelijkheid", "mensen", "wensen"],
  });

  it("corrects within one edit for short words and two from eight letters", () => {
    expect(corrector.correct("sanctoins", "en")).toBe("sanctions");
    expect(corrector.correct("richtlyn", "nl")).toBe("richtlijn");
    expect(corrector.correct("gendergelijkheit", "nl")).toBe("gendergelijkheid");
  });

  it("prefers the question's language, then tries the other", () => {
    expect(corrector.correct("sanctoins", "nl")).toBe("sancties");
    expect(corrector.correct("richtlyn", "en")).toBe("richtlijn");
  });

  it("leaves known words, short words, numbers and distant words alone", () => {
    expect(corrector.correct("sanctions", "en")).toBeUndefined();
    expect(corrector.correct("sanc", "en")).toBeUndefined();
    expect(corrector.correct("2024z12561", "nl")).toBeUndefined();
    expect(corrector.correct("football", "en")).toBeUndefined();
  });

  it("does not guess between two different words at the same distance", () => {
    // "nensen" is one edit from both "mensen" and "wensen".
    expect(corrector.correct("nensen", "nl")).toBeUndefined();
  });
});
