import type { KnownBlock } from "@slack/types";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import { createSlackRouter, type SlackRouterDependencies } from "../../src/slack/router.js";
import { createSharedState, memorySharedState } from "../../src/state/shared.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { describeWith, REDIS_URL, uniqueName } from "../support/services.js";
import {
  commandBody,
  listen,
  type ReceiverStep,
  recordingLogger,
  type SendOptions,
  SIGNING_SECRET,
  sendCommand,
  startReceiver,
} from "../support/slack.js";

const SLAPP_QUESTION = "what did NL do on SLAPPs?";
const loopbackOnly = (url: URL) => url.hostname === "127.0.0.1";

let answers: AnswerService;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  answers = (await loadRealServices()).answers;
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

interface AppOptions extends Partial<Omit<SlackRouterDependencies, "config">> {
  env?: Record<string, string>;
  ready?: boolean;
}

/**
 * The router mounted as the server mounts it: at /slack, before the JSON and form parsers that
 * the rest of the app uses. Deliveries go to loopback with tiny backoffs, and by default always
 * through response_url, so that the receiver sees every answer.
 */
async function startApp(options: AppOptions = {}) {
  const { logger, lines } = recordingLogger();
  const config = testConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PUBLIC_BASE_URL: "https://briefwijzer.test",
    ...options.env,
  });
  const router = createSlackRouter({
    logger,
    answers: { get: () => (options.ready === false ? undefined : answers) },
    retryDelaysMs: [5, 5, 5],
    attemptTimeoutMs: 2_000,
    inlineAnswerWithinMs: 0,
    allowResponseUrl: loopbackOnly,
    ...options,
    config,
  });
  const app = express();
  app.use("/slack", router);
  app.use(express.json(), express.urlencoded({ extended: false }));
  app.post("/api/echo", (req, res) => {
    res.json(req.body);
  });
  const server = await listen(app);
  closers.push(async () => {
    router.deliveries.abandon();
    await router.deliveries.settled();
    await server.close();
  });
  return { url: server.url, router, lines };
}

async function receiver(steps?: ReceiverStep[]) {
  const started = await startReceiver(steps);
  closers.push(started.close);
  return started;
}

type Message = { response_type: string; text: string; blocks: KnownBlock[] };

function blockTexts(message: Message): string[] {
  return message.blocks.flatMap((block) => {
    if (block.type === "section") return [block.text?.text ?? ""];
    if (block.type === "context") return block.elements.map((e) => ("text" in e ? e.text : ""));
    return [];
  });
}

const UNAUTHORIZED = { error: { code: "unauthorized", message: "Unauthorized" } };

describe("POST /slack/commands with a valid signature", () => {
  it("acknowledges at once and delivers the cited answer, with footnote 9, to response_url", async () => {
    const { url, router, lines } = await startApp();
    const hook = await receiver();
    const response = await sendCommand(url, {
      body: commandBody({ text: SLAPP_QUESTION, response_url: hook.url }),
    });

    expect(response.status).toBe(200);
    const ack = (await response.json()) as Message;
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.text).toContain("Looking that up");

    await router.deliveries.settled();
    expect(hook.received).toHaveLength(1);
    const message = hook.received[0] as Message;
    expect(message.response_type).toBe("ephemeral");
    const texts = blockTexts(message);
    const all = texts.join("\n");
    // The question first, since the asker's own command is not shown to the channel.
    expect(texts[0]).toBe(`<@U2147483697> asked:\n>${SLAPP_QUESTION}`);
    expect(all).toContain("anti-SLAPP directive");
    expect(all).toMatch(/\[1\]/);
    expect(all).toContain("*Sources*");
    expect(all).toContain("*[1]* page 3 · Efforts to protect fundamental rights");
    expect(all).toContain("Nederland verwelkomde de richtlijn die strategische rechtszaken");
    expect(all).toContain("footnote 9: Directive – EU – 2024/1069");
    expect(all).toContain(
      "<https://briefwijzer.test/letter?lang=en#inzet-voor-de-bescherming-van-grondrechten-2|open in the letter>",
    );
    expect(message.text).toContain("anti-SLAPP directive");
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(lines.some((line) => line.msg === "slack answer delivered" && line.attempt === 1)).toBe(
      true,
    );
  });

  it("answers in the acknowledgement itself when the answer is ready in time", async () => {
    const { url, router } = await startApp({ inlineAnswerWithinMs: 20_000 });
    const hook = await receiver();
    const response = await sendCommand(url, {
      body: commandBody({ text: SLAPP_QUESTION, response_url: hook.url }),
    });
    expect(response.status).toBe(200);
    const message = (await response.json()) as Message;
    expect(blockTexts(message).join("\n")).toContain("footnote 9: Directive – EU – 2024/1069");
    await router.deliveries.settled();
    expect(hook.received).toHaveLength(0);
  });

  it("posts in the channel for `share <question>`", async () => {
    const { url, router } = await startApp();
    const hook = await receiver();
    const response = await sendCommand(url, {
      body: commandBody({ text: `share ${SLAPP_QUESTION}`, response_url: hook.url }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Message).response_type).toBe("ephemeral");
    await router.deliveries.settled();
    const message = hook.received[0] as Message;
    expect(message.response_type).toBe("in_channel");
    expect(blockTexts(message)[0]).toBe(`<@U2147483697> asked:\n>${SLAPP_QUESTION}`);
  });

  it("posts in the channel by default when SLACK_SHARE_BY_DEFAULT is set", async () => {
    const { url, router } = await startApp({ env: { SLACK_SHARE_BY_DEFAULT: "true" } });
    const hook = await receiver();
    await sendCommand(url, { body: commandBody({ text: SLAPP_QUESTION, response_url: hook.url }) });
    await router.deliveries.settled();
    expect((hook.received[0] as Message).response_type).toBe("in_channel");
  });

  it.each(["", "   ", "help", "HELP", "share"])(
    "replies to %j with usage and examples",
    async (text) => {
      const { url } = await startApp();
      const response = await sendCommand(url, { body: commandBody({ text }) });
      expect(response.status).toBe(200);
      const message = (await response.json()) as Message;
      expect(message.response_type).toBe("ephemeral");
      const all = blockTexts(message).join("\n");
      expect(all).toContain("`/briefwijzer share &lt;question&gt;`");
      expect(all).toContain("/briefwijzer What did the Netherlands do on SLAPPs?");
    },
  );

  it("escapes mrkdwn specials in the question and says plainly when the letter does not cover it", async () => {
    const { url, router } = await startApp();
    const hook = await receiver();
    const question = "is <!channel> & <script>alert(1)</script> > AT&T covered?";
    await sendCommand(url, { body: commandBody({ text: question, response_url: hook.url }) });
    await router.deliveries.settled();
    const message = hook.received[0] as Message;
    const texts = blockTexts(message);
    expect(texts[0]).toBe(
      "<@U2147483697> asked:\n>is &lt;!channel&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; &gt; AT&amp;T covered?",
    );
    expect(texts.join("\n")).not.toContain("<!channel>");
    expect(message.text).not.toContain("<script>");
    expect(texts[1]).toContain("*Not in the letter*");
    expect(texts[1]).toContain("The letter does not cover that.");
    expect(texts.join("\n")).toContain("• What did the Netherlands do on SLAPPs?");
  });

  it("tells the asker to retry while the answer service is still starting", async () => {
    const { url } = await startApp({ ready: false });
    const response = await sendCommand(url, {
      body: commandBody({ text: SLAPP_QUESTION, response_url: "http://127.0.0.1:9/hook" }),
    });
    expect(response.status).toBe(200);
    const message = (await response.json()) as Message;
    expect(message.response_type).toBe("ephemeral");
    expect(message.text).toContain("starting up");
  });

  it("refuses a response_url outside hooks.slack.com by default", async () => {
    const { url, router } = await startApp({ allowResponseUrl: undefined });
    const hook = await receiver();
    const response = await sendCommand(url, {
      body: commandBody({ text: SLAPP_QUESTION, response_url: hook.url }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_response_url" } });
    await router.deliveries.settled();
    expect(hook.received).toHaveLength(0);
  });
});

describe("POST /slack/commands that fail verification", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const body = commandBody({ text: SLAPP_QUESTION, response_url: "http://127.0.0.1:9/hook" });

  const cases: Array<[string, SendOptions]> = [
    ["a wrong signature", { body, secret: "not-the-signing-secret" }],
    ["a stale timestamp", { body, timestamp: now() - 6 * 60 }],
    ["a future timestamp", { body, timestamp: now() + 6 * 60 }],
    ["no signature header", { body, omit: ["x-slack-signature"] }],
    ["no timestamp header", { body, omit: ["x-slack-request-timestamp"] }],
    [
      "no signature headers at all",
      { body, omit: ["x-slack-signature", "x-slack-request-timestamp"] },
    ],
    ["a tampered body", { body, signedBody: commandBody({ text: "help" }) }],
    ["a signature in another form", { body, alterSignature: (s) => `${s}=1` }],
  ];
  it.each(cases)("answers 401 without detail for %s", async (_name, options) => {
    const { url, router } = await startApp();
    const response = await sendCommand(url, options);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(UNAUTHORIZED);
    await router.deliveries.settled();
  });

  it("answers 415 to a JSON body, signed or not, before reading it", async () => {
    const { url } = await startApp();
    const json = JSON.stringify({ text: SLAPP_QUESTION });
    for (const secret of [SIGNING_SECRET, "not-the-signing-secret"]) {
      const response = await sendCommand(url, {
        body: json,
        contentType: "application/json",
        secret,
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    }
  });

  it("answers 413 to a body larger than any slash command, in the API's words", async () => {
    const { url } = await startApp();
    const response = await sendCommand(url, { body: commandBody({ text: "x".repeat(20_000) }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "payload_too_large", message: "The request body is too large." },
    });
  });

  it("answers a compressed body with the API's 415 unsupported_media_type", async () => {
    const { url } = await startApp();
    const response = await sendCommand(url, {
      body: commandBody({ text: "help" }),
      headers: { "content-encoding": "gzip" },
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: { code: "unsupported_media_type", message: expect.any(String) },
    });
  });

  it("answers GET with 405 and Allow: POST", async () => {
    const { url } = await startApp();
    const response = await fetch(`${url}/slack/commands`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });
});

/** A command signed now, answered to `hook`. */
const signed = (hook: string): SendOptions => ({
  body: commandBody({ text: SLAPP_QUESTION, response_url: hook }),
  timestamp: Math.floor(Date.now() / 1000),
});

describe("replayed requests", () => {
  it("accepts a signed request once and refuses the same bytes sent again", async () => {
    const { url, router, lines } = await startApp();
    const hook = await receiver();
    const request = signed(hook.url);
    expect((await sendCommand(url, request)).status).toBe(200);
    const again = await sendCommand(url, request);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual(UNAUTHORIZED);
    await router.deliveries.settled();
    expect(hook.received).toHaveLength(1);
    expect(lines.find((line) => line.reason === "replayed signature")).toBeDefined();
  });

  it("refuses a copy whose signature header was altered but still verifies in bolt (v0=<digest>=1)", async () => {
    const { url, router } = await startApp();
    const hook = await receiver();
    const request = signed(hook.url);
    expect((await sendCommand(url, request)).status).toBe(200);
    for (const suffix of ["=1", "=2", "="]) {
      const again = await sendCommand(url, { ...request, alterSignature: (s) => `${s}${suffix}` });
      expect(again.status, suffix).toBe(401);
    }
    // Leading zeros in the timestamp sign the same content too.
    const zeros = await sendCommand(url, { ...request, timestampHeader: `0${request.timestamp}` });
    expect(zeros.status).toBe(401);
    await router.deliveries.settled();
    expect(hook.received).toHaveLength(1);
  });

  it("refuses two copies sent at the same moment, all but one", async () => {
    const { url, router } = await startApp();
    const hook = await receiver();
    const request = signed(hook.url);
    const statuses = await Promise.all(
      Array.from({ length: 5 }, async () => (await sendCommand(url, request)).status),
    );
    expect(statuses.sort()).toEqual([200, 401, 401, 401, 401]);
    await router.deliveries.settled();
  });

  it("refuses a replay to another replica that shares the store of seen signatures", async () => {
    const shared = memorySharedState({ logger: recordingLogger().logger });
    const claimSignature = (key: string, ttlMs: number) =>
      shared.claim("slack-signatures", key, ttlMs);
    const first = await startApp({ claimSignature });
    const second = await startApp({ claimSignature });
    const hook = await receiver();
    const request = signed(hook.url);
    expect((await sendCommand(first.url, request)).status).toBe(200);
    expect((await sendCommand(second.url, request)).status).toBe(401);
    await first.router.deliveries.settled();
    expect(hook.received).toHaveLength(1);
  });
});

describeWith(["redis"])("replayed requests, replicas sharing Redis", () => {
  it("lets exactly one of two copies sent at the same moment to two replicas through", async () => {
    const keyPrefix = `${uniqueName("bwtest")}:`;
    const replicas = await Promise.all(
      [0, 1].map(async () => {
        const shared = await createSharedState({
          redisUrl: REDIS_URL,
          keyPrefix,
          logger: recordingLogger().logger,
        });
        closers.push(() => shared.close());
        await expect.poll(() => shared.ready).toBe(true);
        return startApp({
          claimSignature: (key, ttlMs) => shared.claim("slack-signatures", key, ttlMs),
        });
      }),
    );
    const hook = await receiver();
    for (let copy = 0; copy < 10; copy++) {
      const request = signed(`${hook.url}?copy=${copy}`);
      const statuses = await Promise.all(
        replicas.map(async (replica) => (await sendCommand(replica.url, request)).status),
      );
      expect(statuses.sort(), `copy ${copy}`).toEqual([200, 401]);
    }
    await Promise.all(replicas.map((replica) => replica.router.deliveries.settled()));
    expect(hook.received).toHaveLength(10);
  });
});

describe("questions the API would refuse", () => {
  it("answers a question over 1,000 characters with an ephemeral note instead of an answer", async () => {
    const asked: string[] = [];
    const { url, router } = await startApp({
      answers: {
        get: () => ({
          ask: (input, options) => {
            asked.push(input.question);
            return answers.ask(input, options);
          },
          stream: (input, options) => answers.stream(input, options),
        }),
      },
    });
    const hook = await receiver();
    const question = `${SLAPP_QUESTION} ${"and what else? ".repeat(70)}`.trim();
    expect(question.length).toBeGreaterThan(1000);
    const response = await sendCommand(url, {
      body: commandBody({ text: question, response_url: hook.url }),
    });
    expect(response.status).toBe(200);
    const message = (await response.json()) as Message;
    expect(message.response_type).toBe("ephemeral");
    expect(message.text).toContain(`${question.length.toLocaleString("en")} characters`);
    expect(message.text).toContain("up to 1,000 characters");
    await router.deliveries.settled();
    expect(asked).toEqual([]);
    expect(hook.received).toHaveLength(0);
  });

  it("counts a question's length as the API does: 600 emoji are 600 characters, within the limit", async () => {
    const { url, router } = await startApp();
    const hook = await receiver();
    const accepted = await sendCommand(url, {
      body: commandBody({ text: `SLAPPs ${"🇳🇱".repeat(300)}`, response_url: hook.url }),
    });
    expect(((await accepted.json()) as Message).text).not.toContain("characters long");
    await router.deliveries.settled();

    const over = "😀".repeat(1001);
    const refused = await sendCommand(url, { body: commandBody({ text: over }) });
    expect(((await refused.json()) as Message).text).toContain(
      "Your question is 1,001 characters long; Briefwijzer takes questions of up to 1,000 characters.",
    );
  });

  it("shows the usage for a question of invisible characters only", async () => {
    const { url } = await startApp();
    const response = await sendCommand(url, { body: commandBody({ text: "\u200b\u2060\u200b" }) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Message).text).toContain("Usage:");
  });
});

describe("delivery to response_url", () => {
  it("retries a receiver that fails twice and delivers on the third try", async () => {
    const { url, router, lines } = await startApp();
    const hook = await receiver([500, 500, 200]);
    await sendCommand(url, { body: commandBody({ text: SLAPP_QUESTION, response_url: hook.url }) });
    await router.deliveries.settled();
    expect(hook.received).toHaveLength(3);
    expect(hook.received[2]).toEqual(hook.received[0]);
    expect(lines.filter((line) => line.msg === "slack delivery failed")).toHaveLength(2);
    expect(lines.find((line) => line.msg === "slack answer delivered")).toMatchObject({
      attempt: 3,
    });
  });

  it("gives up on a receiver that never answers, and keeps serving", async () => {
    const { url, router, lines } = await startApp({ attemptTimeoutMs: 100 });
    const hook = await receiver(["hang"]);
    const response = await sendCommand(url, {
      body: commandBody({ text: SLAPP_QUESTION, response_url: hook.url }),
    });
    expect(response.status).toBe(200);
    await router.deliveries.settled();
    // One first try and one per retry delay.
    expect(hook.received).toHaveLength(4);
    expect(lines.find((line) => line.msg === "slack delivery given up")).toBeDefined();
    expect(router.deliveries.pending).toBe(0);

    const after = await sendCommand(url, { body: commandBody({ text: "help" }) });
    expect(after.status).toBe(200);
  });
});

describe("without SLACK_SIGNING_SECRET", () => {
  it("answers 503 with a clear message while the rest of the app works", async () => {
    const { url } = await startApp({ env: { SLACK_SIGNING_SECRET: "" } });
    const response = await sendCommand(url, { body: commandBody({ text: SLAPP_QUESTION }) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: "slack_not_configured",
        message: "The Slack command is not configured on this server: set SLACK_SIGNING_SECRET.",
      },
    });

    const echo = await fetch(`${url}/api/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ still: "working" }),
    });
    expect(await echo.json()).toEqual({ still: "working" });
  });
});

describe("mounting", () => {
  it("leaves the body to the parsers mounted after it", async () => {
    const { url } = await startApp();
    const echo = await fetch(`${url}/api/echo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(await echo.json()).toEqual({ a: "1" });
  });

  it("fails loudly when a body parser has already consumed the body", async () => {
    const { logger } = recordingLogger();
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.use(
      "/slack",
      createSlackRouter({
        config: testConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET }),
        logger,
        answers: { get: () => answers },
      }),
    );
    const server = await listen(app);
    closers.push(server.close);
    const response = await sendCommand(server.url, { body: commandBody({ text: "help" }) });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side." },
    });
  });
});
