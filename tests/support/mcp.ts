import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { expect } from "vitest";
import type { Answer } from "../../src/answer/types.js";

export const SLAPP_QUESTION = "what did NL do on SLAPPs?";
export const OFF_TOPIC_QUESTION = "What is the capital of France?";

async function ask(client: Client, question: string) {
  const result = await client.callTool({ name: "ask_letter", arguments: { question } });
  expect(result.isError).toBeFalsy();
  return { result, answer: result.structuredContent as unknown as Answer };
}

/** What every transport must deliver, asserted the same way over HTTP and stdio. */
export const transportChecks = {
  async listsTools(client: Client) {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "ask_letter",
      "get_footnote",
      "get_passage",
      "search_letter",
    ]);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  },

  /** The SLAPP question: a grounded answer citing footnote 9, the anti-SLAPP directive 2024/1069. */
  async answersWithFootnote9(client: Client): Promise<Answer> {
    const { answer, result } = await ask(client, SLAPP_QUESTION);
    expect(answer.grounded).toBe(true);
    expect(answer.language).toBe("en");
    const cited = answer.citations.find((c) => c.footnotes.some((f) => f.number === 9));
    expect(cited).toBeDefined();
    expect(cited?.footnotes.find((f) => f.number === 9)?.text).toContain("2024/1069");
    expect(cited?.page).toBeGreaterThanOrEqual(1);
    expect(cited?.text).toContain(cited?.quote);
    expect(answer.answer).toContain(`[${cited?.n}]`);
    // The text rendering carries the same markers and a sources list with the footnote.
    const [text] = result.content as { type: string; text: string }[];
    expect(text?.text).toContain(answer.answer);
    expect(text?.text).toContain(`[${cited?.n}] page ${cited?.page}`);
    expect(text?.text).toContain("footnote 9: Directive – EU – 2024/1069");
    return answer;
  },

  async refusesOffTopic(client: Client) {
    const { answer } = await ask(client, OFF_TOPIC_QUESTION);
    expect(answer.grounded).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.followUps?.length).toBeGreaterThan(0);
  },

  async readsTheLetter(client: Client): Promise<string> {
    const { contents } = await client.readResource({ uri: "briefwijzer://letter" });
    const [letter] = contents;
    expect(letter?.mimeType).toBe("text/markdown");
    const text = String(letter && "text" in letter ? letter.text : "");
    expect(text).toMatch(/^# Gendergelijkheid/);
    expect(text).toContain("Kamerstuk 30 420, nr. 415");
    expect(text).toContain("anti-SLAPPs-richtlijn");
    expect(text).toContain("9. Directive – EU – 2024/1069");
    return text;
  },
};
