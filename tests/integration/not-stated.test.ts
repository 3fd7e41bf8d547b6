import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { formatAnswer } from "../../src/cli/format.js";
import { answerText } from "../../src/mcp/server.js";
import { answerMessage } from "../../src/slack/blocks.js";
import { NOT_STATED } from "../support/answers.js";
import { loadRealServices } from "../support/real-services.js";

const answers: Partial<Record<"en" | "nl", Answer>> = {};

beforeAll(async () => {
  const runtime = await loadRealServices();
  for (const language of ["en", "nl"] as const) {
    answers[language] = await runtime.answers.ask({ question: NOT_STATED[language] });
  }
});

function answer(language: "en" | "nl"): Answer {
  const found = answers[language];
  // What the rendering below is about: the real service's not-stated refusal, with its places.
  expect(found).toMatchObject({ grounded: false, reason: "not_stated", language });
  expect(found?.related?.length).toBeGreaterThan(0);
  return found as Answer;
}

describe("a refusal the letter does not state, in every channel, as the answer service gives it", () => {
  it("Slack: the message, then the related places as 'see also', with links in the answer's language", () => {
    for (const language of ["en", "nl"] as const) {
      const refusal = answer(language);
      const message = answerMessage({
        question: NOT_STATED[language],
        answer: refusal,
        responseType: "ephemeral",
        publicBaseUrl: "https://briefwijzer.example",
      });
      const texts = message.blocks.flatMap((block) => {
        if (block.type === "section") return [block.text?.text ?? ""];
        if (block.type === "context") return block.elements.map((e) => ("text" in e ? e.text : ""));
        return [];
      });
      const [badge, seeAlso] =
        language === "en"
          ? ["*Not stated in the letter*", "*See also, in the letter*"]
          : ["*Niet vermeld in de brief*", "*Zie ook, in de brief*"];
      expect(texts[1]).toBe(`${badge}\n${refusal.answer}`);
      expect(texts[2]).toBe(seeAlso);
      const [place] = refusal.related ?? [];
      expect(texts[3]).toContain(`letter?lang=${language}#${place?.passageId}`);
      expect(texts[3]).toContain(`“${place?.quote.slice(0, 40)}`);
      // A place to read on, not the answer's source: no [n], no "Sources".
      expect(texts[3]).not.toMatch(/\*\[\d+\]\*/);
      expect(texts.join("\n")).not.toMatch(/Sources|Bronnen|According to the letter/);
    }
  });

  it("MCP: the text lists the related places apart from any source", () => {
    const refusal = answer("en");
    const [place] = refusal.related ?? [];
    const text = answerText(refusal);
    expect(text).toContain(
      `See also (the letter mentions the subject here, but does not answer the question):\n- page ${place?.page}, ${place?.section} (passage ${place?.passageId})`,
    );
    expect(text).not.toMatch(/Sources:|According to the letter/);
  });

  it("CLI: the same, in the answer's language", () => {
    const refusal = answer("nl");
    const [place] = refusal.related ?? [];
    const text = formatAnswer(refusal, { ms: 12, tty: false });
    expect(text).toContain(
      `Niet vermeld in de brief.\nZie ook, in de brief:\n  • pagina ${place?.page}, ${place?.section} (#${place?.passageId})`,
    );
    expect(text).not.toMatch(/^\[1\]/m);
  });

  it("leaves related places out of a refusal for a subject the letter does not deal with", async () => {
    const { answers: service } = await loadRealServices();
    const outOfScope = await service.ask({ question: "What is the best recipe for apple pie?" });
    expect(outOfScope.grounded).toBe(false);
    expect(outOfScope.reason).not.toBe("not_stated");
    expect(answerText(outOfScope)).not.toContain("See also");
    expect(formatAnswer(outOfScope, { ms: 1, tty: false })).not.toContain("See also");
  });
});

describe("what lies ahead, asked of a letter that looks back on its year", () => {
  it.each([
    ["en", "Which country hosts the next European IDAHOT+ Forum?", /does not say what lies ahead/],
    [
      "nl",
      "Welk land organiseert volgend jaar het European IDAHOT+ Forum?",
      /niet wat er nog komt/,
    ],
  ] as const)("%s: says so, and points to this year's forum", async (language, question, says) => {
    const { answers: service } = await loadRealServices();
    const ahead = await service.ask({ question });
    expect(ahead).toMatchObject({ grounded: false, reason: "not_stated", language });
    expect(ahead.answer).toMatch(says);
    expect(ahead.related?.some((c) => c.passageId.startsWith("idahot-forum"))).toBe(true);
  });

  it("answers where the letter does look ahead", async () => {
    const { answers: service } = await loadRealServices();
    const next = await service.ask({
      question: "When will the government next report on progress?",
    });
    expect(next.grounded).toBe(true);
    expect(next.direct?.text).toContain("2025");
  });
});
