import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { formatAnswer } from "../../src/cli/format.js";
import { answerText } from "../../src/mcp/server.js";
import { answerMessage } from "../../src/slack/blocks.js";
import { notStatedAnswer as notStated, RELATED_QUOTE as QUOTE } from "../support/answers.js";

describe("a refusal the letter does not state, in every channel", () => {
  it("Slack: the message, then the related places as 'see also', with links in the answer's language", () => {
    for (const language of ["en", "nl"] as const) {
      const message = answerMessage({
        question: "q",
        answer: notStated(language),
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
      expect(texts[1]).toBe(`${badge}\n${notStated(language).answer}`);
      expect(texts[2]).toBe(seeAlso);
      expect(texts[3]).toContain(`letter?lang=${language}#europese-samenwerking-2`);
      expect(texts[3]).toContain(`“${QUOTE}”`);
      // A place to read on, not the answer's source: no [n], no "Sources".
      expect(texts[3]).not.toContain("[1]");
      expect(texts.join("\n")).not.toMatch(/Sources|Bronnen|According to the letter/);
    }
  });

  it("MCP: the text lists the related places apart from any source", () => {
    const text = answerText(notStated());
    expect(text).toContain(
      "See also (the letter mentions the subject here, but does not answer the question):\n- page 1, European cooperation (passage europese-samenwerking-2)",
    );
    expect(text).toContain(`“${QUOTE}”`);
    expect(text).not.toMatch(/Sources:|According to the letter/);
  });

  it("CLI: the same, in the answer's language", () => {
    const text = formatAnswer(notStated("nl"), { ms: 12, tty: false });
    expect(text).toContain(
      "Niet vermeld in de brief.\nZie ook, in de brief:\n  • pagina 1, Europese samenwerking (#europese-samenwerking-2)",
    );
    expect(text).not.toMatch(/^\[1\]/m);
  });

  it("leaves related places out of an out-of-scope refusal", () => {
    const outOfScope: Answer = { ...notStated(), outcome: "out_of_scope", reason: "out_of_scope" };
    expect(answerText(outOfScope)).not.toContain("See also");
    expect(formatAnswer(outOfScope, { ms: 1, tty: false })).not.toContain("See also");
  });
});
