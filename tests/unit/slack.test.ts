import { readFileSync } from "node:fs";
import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { Answer, Citation } from "../../src/answer/types.js";
import { answerMessage, MAX_BLOCKS, usageMessage } from "../../src/slack/blocks.js";
import { isSlackResponseUrl, parseIntent, parseSlashCommand } from "../../src/slack/command.js";
import { SlackDeliveries } from "../../src/slack/delivery.js";
import { clipEscaped, escapeMrkdwn, splitText } from "../../src/slack/mrkdwn.js";
import { verifySignature } from "../../src/slack/verify.js";
import { recordingLogger, SIGNING_SECRET, slackSignature } from "../support/slack.js";

function texts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === "section") return [block.text?.text ?? ""];
    if (block.type === "context") return block.elements.map((e) => ("text" in e ? e.text : ""));
    return [];
  });
}

const citation = (n: number, overrides: Partial<Citation> = {}): Citation => ({
  n,
  passageId: `passage-${n}`,
  page: 3,
  section: "Efforts to protect fundamental rights",
  text: "Nederland verwelkomde de richtlijn.",
  quote: "Nederland verwelkomde de richtlijn.",
  footnotes: [{ number: 9, text: "Directive – EU – 2024/1069" }],
  ...overrides,
});

const answer = (overrides: Partial<Answer> = {}): Answer => ({
  answer: "The Netherlands welcomed the anti-SLAPP directive. [1]",
  grounded: true,
  language: "en",
  mode: "extractive",
  citations: [citation(1)],
  ...overrides,
});

describe("mrkdwn text", () => {
  it("escapes the three characters Slack reads as markup", () => {
    expect(escapeMrkdwn("<!here> & <https://x|y>")).toBe("&lt;!here&gt; &amp; &lt;https://x|y&gt;");
  });

  it("clips after escaping without breaking an entity", () => {
    const clipped = clipEscaped("a&b&c&d", 8);
    expect(clipped).toBe("a&amp;b…");
    expect(clipped.length).toBeLessThanOrEqual(8);
  });

  it("splits long text at sentence boundaries within the limit", () => {
    const sentence = "The Netherlands asked the Commission to act [1]. ";
    const text = sentence.repeat(200).trim();
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(3000);
      expect(piece).toMatch(/\.$/);
    }
    expect(pieces.join(" ")).toBe(text);
  });

  it("cuts text without any space outside entities", () => {
    const text = `${"x".repeat(2998)}&amp;${"y".repeat(10)}`;
    const [first, second] = splitText(text, 3000);
    expect(first).toBe("x".repeat(2998));
    expect(second).toBe(`&amp;${"y".repeat(10)}`);
  });
});

describe("answer messages", () => {
  it("keeps a very long answer and many long footnotes within Slack's limits", () => {
    const footnotes = Array.from({ length: 30 }, (_, i) => ({
      number: i + 1,
      text: "ref & ".repeat(200),
    }));
    const message = answerMessage({
      question: "q",
      answer: answer({
        answer: "A sentence with a marker [1]. ".repeat(500),
        citations: Array.from({ length: 8 }, (_, i) => citation(i + 1, { footnotes })),
      }),
      responseType: "ephemeral",
      publicBaseUrl: "https://briefwijzer.test",
    });
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const block of message.blocks) {
      if (block.type === "context") expect(block.elements.length).toBeLessThanOrEqual(10);
    }
    for (const text of texts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it("lists one source per citation with page, section, quote, footnotes and letter link", () => {
    const message = answerMessage({
      question: "what did NL do on SLAPPs?",
      answer: answer(),
      responseType: "in_channel",
      userId: "U123",
      publicBaseUrl: "https://briefwijzer.test/base",
    });
    expect(message.response_type).toBe("in_channel");
    expect(texts(message.blocks)).toEqual([
      "<@U123> asked:\n>what did NL do on SLAPPs?",
      "The Netherlands welcomed the anti-SLAPP directive. [1]",
      "*Sources*",
      "*[1]* page 3 · Efforts to protect fundamental rights · <https://briefwijzer.test/base/letter?lang=en#passage-1|open in the letter>\n“Nederland verwelkomde de richtlijn.”\nfootnote 9: Directive – EU – 2024/1069",
    ]);
  });

  it("links a Dutch answer to the letter in Dutch", () => {
    const message = answerMessage({
      question: "Wat deed Nederland tegen SLAPPs?",
      answer: { ...answer(), language: "nl" },
      responseType: "ephemeral",
      publicBaseUrl: "https://briefwijzer.test",
    });
    expect(texts(message.blocks).join("\n")).toContain(
      "<https://briefwijzer.test/letter?lang=nl#passage-1|open in de brief>",
    );
  });

  it("leaves the link out without PUBLIC_BASE_URL, and a user id that is not one out of the mention", () => {
    const message = answerMessage({
      question: "q",
      answer: answer(),
      responseType: "ephemeral",
      userId: "<!channel>",
    });
    const all = texts(message.blocks).join("\n");
    expect(all).not.toContain("letter#");
    expect(all).not.toContain("<!channel>");
    expect(all).toContain("*Question*\n>q");
  });

  it("says plainly, in the answer's language, that the letter does not cover a question", () => {
    const message = answerMessage({
      question: "wat is het weer?",
      answer: answer({
        grounded: false,
        language: "nl",
        answer: "Dat staat niet in de brief.",
        citations: [],
        followUps: ["Wat deed Nederland tegen SLAPPs?"],
      }),
      responseType: "ephemeral",
    });
    expect(texts(message.blocks)).toEqual([
      "*Vraag*\n>wat is het weer?",
      "*Niet in de brief*\nDat staat niet in de brief.",
      "Vragen die de brief wel beantwoordt:\n• Wat deed Nederland tegen SLAPPs?",
    ]);
  });

  it("shows usage with the command as the workspace named it", () => {
    const all = texts(usageMessage("/ask-letter").blocks).join("\n");
    expect(all).toContain("`/ask-letter share &lt;question&gt;`");
    expect(all).toContain("`/ask-letter Wat deed Nederland tegen SLAPPs?`");
  });
});

describe("slash command parsing", () => {
  it.each([
    ["", { kind: "help" }],
    ["  help ", { kind: "help" }],
    ["share", { kind: "help" }],
    ["share  what about SLAPPs? ", { kind: "ask", question: "what about SLAPPs?", share: true }],
    ["Share\nwhat about SLAPPs?", { kind: "ask", question: "what about SLAPPs?", share: true }],
    ["shareholders?", { kind: "ask", question: "shareholders?", share: false }],
    ["helpdesk?", { kind: "ask", question: "helpdesk?", share: false }],
  ])("reads %j", (text, intent) => {
    expect(parseIntent(text, false)).toEqual(intent);
  });

  it("shares every question when sharing is the default", () => {
    expect(parseIntent("what about SLAPPs?", true)).toEqual({
      kind: "ask",
      question: "what about SLAPPs?",
      share: true,
    });
  });

  it("reads the form fields and distrusts an odd command name", () => {
    const body =
      "command=%2Fbriefwijzer%3Cx%3E&text=a+%26+b&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&user_id=U1";
    expect(parseSlashCommand(Buffer.from(body))).toEqual({
      command: "/briefwijzer",
      text: "a & b",
      responseUrl: "https://hooks.slack.com/commands/1",
      userId: "U1",
      sslCheck: false,
    });
  });

  it.each([
    ["https://hooks.slack.com/commands/T1/1/abc", true],
    ["http://hooks.slack.com/commands/T1/1/abc", false],
    ["https://hooks.slack.com:8443/commands", false],
    ["https://hooks.slack.com.evil.example/commands", false],
    ["https://evil.example/hooks.slack.com", false],
  ])("accepts %s as a response_url: %s", (url, ok) => {
    expect(isSlackResponseUrl(new URL(url))).toBe(ok);
  });
});

describe("signature verification", () => {
  const body = Buffer.from("text=help");
  const nowMs = 1_700_000_000_000;
  const ts = nowMs / 1000;
  const check = (
    timestamp: number,
    signature = slackSignature(SIGNING_SECRET, timestamp, "text=help"),
  ) =>
    verifySignature(
      SIGNING_SECRET,
      { rawBody: body, timestamp: String(timestamp), signature },
      nowMs,
    );

  it("accepts a signature over the raw body within five minutes either way", () => {
    expect(check(ts).ok).toBe(true);
    expect(check(ts - 299).ok).toBe(true);
    expect(check(ts + 299).ok).toBe(true);
  });

  it("rejects old and future timestamps, other versions and other secrets", () => {
    expect(check(ts - 301)).toMatchObject({ ok: false });
    expect(check(ts + 301)).toEqual({ ok: false, reason: "timestamp in the future" });
    expect(
      check(ts, slackSignature(SIGNING_SECRET, ts, "text=help").replace("v0=", "v1=")),
    ).toMatchObject({
      ok: false,
    });
    expect(check(ts, slackSignature("another-secret", ts, "text=help"))).toMatchObject({
      ok: false,
    });
  });

  it("rejects missing and malformed headers before hashing", () => {
    const signature = slackSignature(SIGNING_SECRET, ts, "text=help");
    expect(
      verifySignature(SIGNING_SECRET, { rawBody: body, timestamp: undefined, signature }, nowMs),
    ).toEqual({
      ok: false,
      reason: "missing signature headers",
    });
    expect(
      verifySignature(SIGNING_SECRET, { rawBody: body, timestamp: "1e9", signature }, nowMs),
    ).toEqual({
      ok: false,
      reason: "malformed timestamp",
    });
  });

  it("accepts only the exact form v0=<64 lowercase hex digits>, though bolt would verify more", () => {
    const signature = slackSignature(SIGNING_SECRET, ts, "text=help");
    for (const altered of [
      `${signature}=anything`,
      `${signature}=`,
      `${signature} `,
      ` ${signature}`,
      `${signature}0`,
      signature.toUpperCase(),
      signature.replace("v0=", "V0="),
      signature.slice(0, -1),
    ]) {
      expect(check(ts, altered), altered).toEqual({ ok: false, reason: "malformed signature" });
    }
  });

  it("names the signed content as the replay key, whatever the spelling of the timestamp", () => {
    const signature = slackSignature(SIGNING_SECRET, ts, "text=help");
    const verdict = check(ts, signature);
    expect(verdict).toEqual({ ok: true, replayKey: `${ts}:${signature.slice(3)}` });
    // bolt reads the timestamp as a number: leading zeros sign the same content.
    expect(
      verifySignature(SIGNING_SECRET, { rawBody: body, timestamp: `00${ts}`, signature }, nowMs),
    ).toEqual(verdict);
  });
});

describe("deliveries", () => {
  const url = new URL("https://hooks.slack.com/commands/T1/1/abc");
  const message = usageMessage("/briefwijzer");

  function counting(status: number) {
    const calls: string[] = [];
    const fetch = (async (input: string | URL | Request) => {
      calls.push(String(input));
      return new Response("expired_url", { status });
    }) as typeof globalThis.fetch;
    return { calls, fetch };
  }

  it("does not retry an answer Slack rejects for good", async () => {
    const { calls, fetch } = counting(404);
    const { logger, lines } = recordingLogger();
    const deliveries = new SlackDeliveries({ logger, fetch, retryDelaysMs: [1, 1, 1] });
    expect(await deliveries.post(url, message)).toBe(false);
    expect(calls).toHaveLength(1);
    expect(lines.find((line) => line.msg === "slack delivery failed")).toMatchObject({
      detail: "HTTP 404 expired_url",
      responseHost: "hooks.slack.com",
    });
    expect(JSON.stringify(lines)).not.toContain("/commands/T1/1/abc");
  });

  it("posts at most five times, however many delays it is given", async () => {
    const { calls, fetch } = counting(503);
    const deliveries = new SlackDeliveries({
      logger: recordingLogger().logger,
      fetch,
      retryDelaysMs: Array.from({ length: 10 }, () => 1),
    });
    expect(await deliveries.post(url, message)).toBe(false);
    expect(calls).toHaveLength(5);
  });

  it("stops waiting to retry when abandoned, and logs a failing job instead of throwing", async () => {
    const { calls, fetch } = counting(500);
    const { logger, lines } = recordingLogger();
    const deliveries = new SlackDeliveries({ logger, fetch, retryDelaysMs: [60_000] });
    deliveries.run((signal) => deliveries.post(url, message, signal).then(() => undefined));
    deliveries.run(async () => {
      throw new Error("composer exploded");
    });
    await new Promise((resolve) => setImmediate(resolve));
    deliveries.abandon();
    await deliveries.settled();
    expect(calls).toHaveLength(1);
    expect(deliveries.pending).toBe(0);
    expect(lines.find((line) => line.msg === "slack background job failed")).toBeDefined();
    expect(lines.find((line) => line.msg === "slack delivery given up")).toMatchObject({
      aborted: true,
    });
  });
});

describe("the Slack app manifest", () => {
  const manifest = readFileSync("slack/manifest.yml", "utf8");

  it("declares /briefwijzer at the route this server serves, with only the commands scope", () => {
    expect(manifest).toMatch(
      /- command: \/briefwijzer\n\s+url: https:\/\/briefwijzer\.example\/slack\/commands\n/,
    );
    expect(manifest).toMatch(/usage_hint: .+/);
    expect(manifest).toMatch(/should_escape: false/);
    expect(manifest).toMatch(/scopes:\n\s+bot:\n(?:\s+#.*\n)*\s+- commands\n(?!\s+- )/);
  });
});

describe("direct answers in Slack", () => {
  it("sets the direct answer in bold at the start of the answer", async () => {
    const { answerMessage } = await import("../../src/slack/blocks.js");
    const message = answerMessage({
      question: "When?",
      responseType: "ephemeral",
      answer: {
        answer:
          "In May 2024 [1]. According to the letter: In May 2024, the Netherlands hosted the forum. [1]",
        direct: { text: "In May 2024", citation: 1 },
        grounded: true,
        language: "en",
        mode: "extractive",
        citations: [],
      },
    });
    expect(JSON.stringify(message.blocks)).toContain("*In May 2024* [1]. According to the letter:");
  });
});
