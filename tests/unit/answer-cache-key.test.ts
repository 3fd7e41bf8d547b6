import { describe, expect, it } from "vitest";
import { answerVersion, cacheKey as keyFor } from "../../src/answer/cache.js";
import type { AskInput } from "../../src/answer/types.js";

const VERSION = answerVersion({
  corpusHash: "c1",
  embedderId: "use-lite",
  chunkingVersion: 3,
  composer: "extractive",
  code: "0.1.0+0123456789ab",
});
const cacheKey = (input: AskInput) => keyFor(VERSION, input);

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

  it("differs by what the answers were made from: another corpus, index, composer or code", () => {
    const input = { question: "What did NL do on SLAPPs?" };
    const base = {
      corpusHash: "c1",
      embedderId: "use-lite",
      chunkingVersion: 3,
      composer: "extractive",
      code: "0.1.0+0123456789ab",
    };
    const versions = [
      answerVersion(base),
      answerVersion({ ...base, corpusHash: "c2" }),
      answerVersion({ ...base, embedderId: "openai:text-embedding-3-small" }),
      answerVersion({ ...base, chunkingVersion: 4 }),
      answerVersion({ ...base, composer: "llm:http://llm.local/v1:gpt" }),
      answerVersion({ ...base, code: "0.1.0+ba9876543210" }),
      answerVersion({ ...base, code: "0.2.0+0123456789ab" }),
    ];
    expect(new Set(versions.map((version) => keyFor(version, input))).size).toBe(versions.length);
    // Stable: every replica computes the same version from the same manifest.
    expect(answerVersion(base)).toBe(versions[0]);
  });

  it("holds no question text, so a shared cache's key names reveal nothing", () => {
    expect(cacheKey({ question: "secret plans" })).toMatch(/^[0-9a-f]{64}$/);
  });
});
