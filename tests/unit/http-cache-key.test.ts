import { describe, expect, it } from "vitest";
import { cacheKey } from "../../src/http/cache.js";

describe("the answer cache key", () => {
  it("is the same for questions that differ only in case, spacing or Unicode form", () => {
    const key = cacheKey({ question: "What did NL do on SLAPPs?" });
    expect(cacheKey({ question: "  what did nl  do on\tslapps? " })).toBe(key);
    // A no-break space and a fullwidth letter normalise (NFKC) to their plain forms.
    expect(cacheKey({ question: "What did NL do\u00a0on SLAPPs？" })).toBe(key);
    expect(cacheKey({ question: "What did NL do on SLAPPs?", lang: "auto" })).toBe(key);
  });

  it("differs by language and by conversation history", () => {
    const key = cacheKey({ question: "Welke richtlijn?" });
    expect(cacheKey({ question: "Welke richtlijn?", lang: "nl" })).not.toBe(key);
    const content = "Wat deed NL aan SLAPP's?";
    const followUp = cacheKey({
      question: "Welke richtlijn?",
      history: [{ role: "user", content }],
    });
    expect(followUp).not.toBe(key);
    expect(
      cacheKey({ question: "Welke richtlijn?", history: [{ role: "assistant", content }] }),
    ).not.toBe(followUp);
  });

  it("cannot be confused by text that looks like a separator", () => {
    expect(cacheKey({ question: 'a","en' })).not.toBe(cacheKey({ question: "a", lang: "en" }));
  });
});
