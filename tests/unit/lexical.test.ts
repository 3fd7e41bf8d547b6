import { describe, expect, it } from "vitest";
import { LexicalIndex } from "../../src/retrieve/lexical.js";
import { syntheticLetter } from "../support/synthetic-letter.js";

const letter = syntheticLetter([
  {
    id: "eu",
    title: "EU",
    titleEn: "EU",
    paragraphs: [
      [
        [
          "Nederland werkte aan een nieuwe strategie en werkte samen met partners.",
          "The Netherlands worked on a new strategy and worked with partners.",
        ],
      ],
    ],
  },
  {
    id: "raad",
    title: "Raad",
    titleEn: "Council",
    paragraphs: [
      [
        [
          "Er is een comité van deskundigen opgericht dat een aanbeveling opstelt.",
          "A committee of experts was established that is drafting a recommendation.",
        ],
      ],
    ],
  },
]);

describe("the lexical search of a follow-up", () => {
  const index = new LexicalIndex(letter, "en");
  const context = "Which committee of experts was established?";
  const rank = (hits: { unit: string }[]) => hits.map((hit) => hit.unit);

  it("lets the follow-up's own words outweigh the earlier question's", () => {
    expect(rank(index.query("Which strategy did they work on?", { context }))[0]).toBe("p:eu-1");
  });

  it("gives the earlier question's words their full weight when the follow-up names no topic", () => {
    const asked = "and what is it working on?";
    const leaning = index.query(asked, { context, leansOnContext: true });
    expect(rank(leaning)[0]).toBe("p:raad-1");
    const score = (hits: { unit: string; score: number }[], unit: string) =>
      hits.find((hit) => hit.unit === unit)?.score ?? 0;
    const apart = index.query(asked, { context });
    expect(score(leaning, "p:raad-1") / score(leaning, "p:eu-1")).toBeGreaterThan(
      score(apart, "p:raad-1") / score(apart, "p:eu-1"),
    );
  });
});
