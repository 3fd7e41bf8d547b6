import { describe, expect, it } from "vitest";
import { analyze } from "../../src/retrieve/analyzer.js";
import { CompoundSplitter, compoundParts } from "../../src/retrieve/compounds.js";

const letterWords = new Set(
  analyze("het ministerie van onderwijs, rechten, homo, wet, vrouwenrechten en activisten", "nl"),
);
const knows = (word: string) => {
  const stems = analyze(word, "nl");
  return stems.length === 1 && letterWords.has(stems[0] as string);
};

describe("Dutch compounds", () => {
  it("splits a compound into the letter's words, with or without a linking s", () => {
    expect(compoundParts("onderwijsministerie", knows)).toEqual(["onderwijs", "ministerie"]);
    expect(compoundParts("homorechten", knows)).toEqual(["homo", "rechten"]);
    expect(compoundParts("vrouwenrechtenactivisten", knows)).toEqual([
      "vrouwenrechten",
      "activisten",
    ]);
  });

  it("leaves a word with a part the letter never uses unsplit", () => {
    expect(compoundParts("landbouwministerie", knows)).toBeUndefined();
    expect(compoundParts("rechtbank", knows)).toBeUndefined();
  });

  it("rewrites only the compounds the letter does not know, for searching", () => {
    const splitter = new CompoundSplitter(letterWords);
    expect(splitter.split("Wie kreeg geld van het onderwijsministerie?")).toBe(
      "Wie kreeg geld van het onderwijs ministerie?",
    );
    expect(splitter.split("Welke rechten?")).toBe("Welke rechten?");
    expect(splitter.split("de anti-homowet")).toBe("de anti-homo wet");
  });
});
