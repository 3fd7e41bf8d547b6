import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AnswerService } from "../../src/answer/types.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import type { AppDependencies } from "../../src/http/dependencies.js";
import { buildOpenApiDocument } from "../../src/http/openapi.js";
import { createLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/server/metrics.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { answerSchema, letterSchema } from "../../src/server/schemas.js";
import { createSlackRouter } from "../../src/slack/router.js";
import { createWebRouter } from "../../src/web/router.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { commandBody, SIGNING_SECRET, slackSignature } from "../support/slack.js";

const SLAPP_QUESTION = "What did the Netherlands do on SLAPPs?";
const OFF_TOPIC_QUESTION = "What is the capital of France?";
const ORIGIN = "https://intranet.example";

const { letter, answers: real } = await loadRealServices();
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-http-api-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The app over the real letter and answer service; `env` overrides configuration variables. */
function appWith(
  env: Record<string, string> = {},
  extra: Partial<AppDependencies> & { service?: AnswerService | null } = {},
) {
  const config = testConfig({
    RATE_LIMIT_PER_MINUTE: "0",
    FEEDBACK_DB_PATH: join(scratch, `${crypto.randomUUID()}.sqlite`),
    ...env,
  });
  const answers = new ReadinessHandle<AnswerService>();
  if (extra.service !== null) answers.set(extra.service ?? real);
  const feedback = openFeedbackStore({ path: config.feedback.dbPath });
  afterAll(() => feedback.close());
  return createApp({
    config,
    logger: createLogger("silent"),
    letter,
    answers,
    feedback,
    ...extra,
  });
}

describe("readiness", () => {
  it("is alive but not ready until the answer service is set, then answers", async () => {
    const answers = new ReadinessHandle<AnswerService>();
    const app = appWith({}, { service: null, answers });

    await request(app).get("/healthz").expect(200, { status: "ok" });
    const notReady = await request(app).get("/readyz").expect(503);
    expect(notReady.body.error.code).toBe("not_ready");
    const ask = await request(app).post("/api/ask").send({ question: SLAPP_QUESTION }).expect(503);
    expect(ask.body).toEqual({ error: { code: "not_ready", message: expect.any(String) } });
    expect(ask.headers["retry-after"]).toBeDefined();
    // The letter is there from the start: pages can render while the index loads.
    await request(app).get("/api/letter").expect(200);

    answers.set(real);
    await request(app).get("/readyz").expect(200, { status: "ready" });
    const answered = await request(app).post("/api/ask").send({ question: SLAPP_QUESTION });
    expect(answered.status).toBe(200);
    expect(answered.body.grounded).toBe(true);
  });
});

describe("POST /api/ask", () => {
  const app = appWith();

  it("answers from the letter with citations down to the footnote", async () => {
    const res = await request(app)
      .post("/api/ask")
      .send({ question: SLAPP_QUESTION, lang: "en" })
      .expect("Content-Type", /application\/json/)
      .expect(200);
    const answer = answerSchema.parse(res.body);
    expect(answer).toMatchObject({ grounded: true, language: "en", mode: "extractive" });
    const footnotes = answer.citations.flatMap((c) => c.footnotes.map((f) => f.text));
    expect(footnotes).toContain("Directive – EU – 2024/1069");
    // The documented response schema accepts the real answer too.
    const documented = z.fromJSONSchema(buildOpenApiDocument().components.schemas.Answer as never);
    expect(documented.safeParse(res.body).success).toBe(true);
  });

  it("refuses a question the letter does not cover, with follow-up suggestions", async () => {
    const res = await request(app).post("/api/ask").send({ question: OFF_TOPIC_QUESTION });
    expect(res.status).toBe(200);
    expect(res.body.grounded).toBe(false);
    expect(res.body.citations).toEqual([]);
    expect(res.body.followUps.length).toBeGreaterThan(0);
  });

  it("answers a follow-up in the context of the conversation history", async () => {
    const res = await request(app)
      .post("/api/ask")
      .send({
        question: "Welke richtlijn was dat?",
        history: [
          { role: "user", content: "Wat deed Nederland aan SLAPP's?" },
          { role: "assistant", content: "Nederland verwelkomde de anti-SLAPP-richtlijn." },
        ],
      })
      .expect(200);
    expect(res.body.language).toBe("nl");
  });

  it.each([
    ["a blank question", { question: "   " }, "question"],
    ["a question over 1000 characters", { question: "a".repeat(1001) }, "question"],
    ["a missing question", { lang: "en" }, "question"],
    ["a question that is not a string", { question: 42 }, "question"],
    ["an unknown language", { question: "Hoi", lang: "fr" }, "lang"],
    [
      "more than 10 history turns",
      { question: "Hoi", history: Array(11).fill({ role: "user", content: "x" }) },
      "history",
    ],
    [
      "a history turn with an unknown role",
      { question: "Hoi", history: [{ role: "system", content: "x" }] },
      "history.0.role",
    ],
    [
      "a history turn over 4000 characters",
      { question: "Hoi", history: [{ role: "user", content: "x".repeat(4001) }] },
      "history.0.content",
    ],
    ["an unknown field", { question: "Hoi", questoin: "typo" }, "body"],
    ["a body that is not an object", ["Hoi"], "body"],
  ])("rejects %s with 400 naming the field", async (_name, body, field) => {
    const res = await request(app).post("/api/ask").send(body).expect(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.message).toContain(field);
  });

  it("rejects malformed JSON and a missing body with 400", async () => {
    const malformed = await request(app)
      .post("/api/ask")
      .set("Content-Type", "application/json")
      .send('{"question": "Hoi"')
      .expect(400);
    expect(malformed.body.error.code).toBe("invalid_json");
    const empty = await request(app).post("/api/ask").expect(400);
    expect(empty.body.error.code).toBe("invalid_input");
  });

  it("rejects a body that is not JSON with 415", async () => {
    const form = await request(app).post("/api/ask").type("form").send("question=Hoi").expect(415);
    expect(form.body.error.code).toBe("unsupported_media_type");
    await request(app)
      .post("/api/ask")
      .set("Content-Type", "text/plain")
      .send('{"question":"Hoi"}')
      .expect(415);
  });

  it("rejects a body over BODY_LIMIT with 413", async () => {
    const small = appWith({ BODY_LIMIT: "1kb" });
    const res = await request(small)
      .post("/api/ask")
      .send({ question: "Hoi", history: [{ role: "user", content: "x".repeat(2000) }] })
      .expect(413);
    expect(res.body).toEqual({
      error: { code: "payload_too_large", message: expect.any(String) },
    });
  });

  it("never answers arbitrary JSON bodies with a server error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await request(app)
          .post("/api/ask")
          .set("Content-Type", "application/json")
          .send(JSON.stringify(body));
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(res.body.error.code).toMatch(/^invalid_/);
      }),
      { numRuns: 60 },
    );
  });

  it("answers a failing answer service with 500 JSON and no stack trace", async () => {
    const failing: AnswerService = {
      ask: () => Promise.reject(new Error("index file vanished at /secret/path")),
      stream: (input, options) => real.stream(input, options),
    };
    const res = await request(appWith({ CACHE_SIZE: "0" }, { service: failing }))
      .post("/api/ask")
      .send({ question: SLAPP_QUESTION })
      .expect(500);
    expect(res.body).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side." },
    });
    expect(res.text).not.toContain("/secret/path");
  });
});

describe("the letter and its footnotes", () => {
  const app = appWith();

  it("GET /api/letter returns the parsed letter with metadata and translation", async () => {
    const res = await request(app).get("/api/letter").expect(200);
    const served = letterSchema.parse(res.body);
    expect(served.metadata.kamerstuk).toMatchObject({ dossier: "30 420", number: 415 });
    expect(served.paragraphs.map((p) => p.id)).toEqual(letter.paragraphs.map((p) => p.id));
    expect(served.footnotes).toEqual(letter.footnotes);
    expect(Object.keys(served.translation.paragraphs).length).toBeGreaterThan(0);

    // Revalidation is cheap: the same ETag yields 304 without the body.
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    await request(app).get("/api/letter").set("If-None-Match", etag).expect(304);
  });

  it("GET /api/footnotes/:number returns one footnote with its English rendering", async () => {
    const res = await request(app).get("/api/footnotes/9").expect(200);
    expect(res.body).toMatchObject({
      number: 9,
      text: "Directive – EU – 2024/1069",
      paragraphIds: ["inzet-voor-de-bescherming-van-grondrechten-2"],
    });
    expect(typeof res.body.en).toBe("string");
  });

  it("answers 404 for a footnote the letter does not have and 400 for a non-integer", async () => {
    const missing = await request(app).get("/api/footnotes/999").expect(404);
    expect(missing.body.error.code).toBe("not_found");
    for (const bad of ["abc", "1.5", "-1", "9e1"]) {
      const res = await request(app).get(`/api/footnotes/${bad}`).expect(400);
      expect(res.body.error.code).toBe("invalid_input");
    }
    // A path that cannot even be decoded is still a client error, not a crash.
    const undecodable = await request(app).get("/api/footnotes/%E0%A4%A").expect(400);
    expect(undecodable.body.error.code).toBe("bad_request");
  });
});

describe("routing errors", () => {
  const app = appWith();

  it("answers unknown routes with 404 JSON", async () => {
    for (const path of ["/api/nope", "/nope", "/api/footnotes"]) {
      const res = await request(app).get(path).expect(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });

  it("answers a known path with a wrong method with 405 and Allow", async () => {
    const put = await request(app).put("/api/ask").send({}).expect(405);
    expect(put.headers.allow).toBe("POST");
    expect(put.body.error.code).toBe("method_not_allowed");
    const del = await request(app).delete("/api/letter").expect(405);
    expect(del.headers.allow).toBe("GET, HEAD");
    const feedback = await request(app).patch("/api/feedback").expect(405);
    expect(feedback.headers.allow).toBe("POST, GET, HEAD");
    await request(app).post("/healthz").expect(405);
  });
});

describe("GET /api/openapi.json", () => {
  it("serves the OpenAPI 3.1 document built from the validation schemas", async () => {
    const res = await request(appWith()).get("/api/openapi.json").expect(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/ask",
        "/api/letter",
        "/api/footnotes/{number}",
        "/api/feedback",
        "/healthz",
        "/readyz",
        "/metrics",
      ]),
    );
  });

  it("documents a letter schema that the served letter satisfies", async () => {
    const documented = z.fromJSONSchema(buildOpenApiDocument().components.schemas.Letter as never);
    const res = await request(appWith()).get("/api/letter").expect(200);
    expect(documented.safeParse(res.body).success).toBe(true);
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a client exceeds RATE_LIMIT_PER_MINUTE", async () => {
    const app = appWith({ RATE_LIMIT_PER_MINUTE: "2" });
    await request(app).get("/api/footnotes/1").expect(200);
    await request(app).get("/api/letter").expect(200);
    const limited = await request(app).post("/api/ask").send({ question: "Hoi" }).expect(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers.ratelimit).toBeDefined();
    // Probes are never limited.
    await request(app).get("/healthz").expect(200);
    await request(app).get("/readyz").expect(200);
  });

  it("counts every /api/* route, the OpenAPI document included", async () => {
    const app = appWith({ RATE_LIMIT_PER_MINUTE: "1" });
    await request(app).get("/api/openapi.json").expect(200);
    const limited = await request(app).get("/api/openapi.json").expect(429);
    expect(limited.body.error.code).toBe("rate_limited");
  });

  it("is off with RATE_LIMIT_PER_MINUTE=0", async () => {
    const app = appWith({ RATE_LIMIT_PER_MINUTE: "0" });
    for (let i = 0; i < 5; i += 1) {
      const res = await request(app).get("/api/footnotes/1").expect(200);
      expect(res.headers.ratelimit).toBeUndefined();
    }
  });

  it("limits each client behind a trusted proxy separately, by X-Forwarded-For", async () => {
    const app = appWith({ RATE_LIMIT_PER_MINUTE: "1", TRUST_PROXY: "1" });
    const from = (ip: string) => request(app).get("/api/footnotes/1").set("X-Forwarded-For", ip);
    await from("203.0.113.1").expect(200);
    await from("203.0.113.1").expect(429);
    await from("203.0.113.2").expect(200);
  });

  it("ignores X-Forwarded-For without TRUST_PROXY, so clients cannot dodge the limit", async () => {
    const app = appWith({ RATE_LIMIT_PER_MINUTE: "1", TRUST_PROXY: "false" });
    const from = (ip: string) => request(app).get("/api/footnotes/1").set("X-Forwarded-For", ip);
    await from("203.0.113.1").expect(200);
    await from("203.0.113.2").expect(429);
  });
});

describe("CORS and security headers", () => {
  const app = appWith(
    { ALLOWED_ORIGINS: ORIGIN },
    {
      routers: {
        web: createWebRouter({ letter }),
      },
    },
  );

  it("allows listed origins on the API", async () => {
    const res = await request(app).get("/api/footnotes/9").set("Origin", ORIGIN).expect(200);
    expect(res.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(res.headers["access-control-expose-headers"]).toContain("X-Request-Id");
    const preflight = await request(app)
      .options("/api/ask")
      .set("Origin", ORIGIN)
      .set("Access-Control-Request-Method", "POST")
      .set("Access-Control-Request-Headers", "content-type")
      .expect(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(preflight.headers["access-control-allow-methods"]).toContain("POST");
  });

  it("gives other origins no CORS headers, while same-origin requests work", async () => {
    const other = await request(app)
      .get("/api/footnotes/9")
      .set("Origin", "https://evil.example")
      .expect(200);
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    const preflight = await request(app)
      .options("/api/ask")
      .set("Origin", "https://evil.example")
      .set("Access-Control-Request-Method", "POST");
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const sameOrigin = await request(app).get("/api/footnotes/9").expect(200);
    expect(sameOrigin.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("serves pages under a strict CSP without inline scripts or styles", async () => {
    const page = await request(app).get("/").expect(200);
    const csp = page.headers["content-security-policy"] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["cross-origin-resource-policy"]).toBe("same-origin");
  });

  it("lets other origins load /widget.js and read the API", async () => {
    const widget = await request(app).get("/widget.js").expect(200);
    expect(widget.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    const api = await request(app).get("/api/letter").expect(200);
    expect(api.headers["cross-origin-resource-policy"]).toBe("cross-origin");
  });
});

describe("the Slack mount", () => {
  it("hands the Slack router the raw, still-signed bytes before any body parser", async () => {
    const config = testConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET, RATE_LIMIT_PER_MINUTE: "0" });
    const slack = createSlackRouter({
      config,
      logger: createLogger("silent"),
      answers: { get: () => real },
    });
    const app = appWith({ SLACK_SIGNING_SECRET: SIGNING_SECRET }, { routers: { slack } });
    const body = commandBody({ text: "help" });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await request(app)
      .post("/slack/commands")
      .set("Content-Type", "application/x-www-form-urlencoded")
      .set("X-Slack-Request-Timestamp", String(timestamp))
      .set("X-Slack-Signature", slackSignature(SIGNING_SECRET, timestamp, body))
      .send(body);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain("/briefwijzer");
  });
});

describe("request ids", () => {
  const app = appWith();

  it("echoes a sane incoming X-Request-Id", async () => {
    const res = await request(app).get("/healthz").set("X-Request-Id", "edge-42.a:b_c").expect(200);
    expect(res.headers["x-request-id"]).toBe("edge-42.a:b_c");
  });

  it("replaces a missing or unsafe one with a fresh UUID", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const none = await request(app).get("/healthz");
    expect(none.headers["x-request-id"]).toMatch(uuid);
    for (const unsafe of ["two words", "<script>", "x".repeat(200)]) {
      const res = await request(app).get("/api/nope").set("X-Request-Id", unsafe).expect(404);
      expect(res.headers["x-request-id"]).toMatch(uuid);
    }
  });
});

describe("GET /metrics", () => {
  it("counts requests by route pattern and status, and answers by mode and grounded", async () => {
    const metrics = createMetrics();
    const app = appWith({ CACHE_SIZE: "0" }, { metrics });
    await request(app).get("/api/footnotes/9").expect(200);
    await request(app).get("/api/footnotes/999").expect(404);
    await request(app).get("/no/such/page").expect(404);
    await request(app).post("/api/ask").send({ question: SLAPP_QUESTION }).expect(200);
    await request(app).post("/api/ask").send({ question: OFF_TOPIC_QUESTION }).expect(200);
    await request(app)
      .post("/api/ask")
      .set("Accept", "text/event-stream")
      .send({ question: SLAPP_QUESTION })
      .expect(200);

    const res = await request(app).get("/metrics").expect(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/footnotes/:number",status="200"} 1',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/footnotes/:number",status="404"} 1',
    );
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('http_requests_total{method="POST",route="/api/ask",status="200"} 3');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/ask",status="200"\} 3/,
    );
    expect(text).toContain('briefwijzer_answers_total{mode="extractive",grounded="true"} 2');
    expect(text).toContain('briefwijzer_answers_total{mode="extractive",grounded="false"} 1');
    expect(text).not.toContain("/no/such/page");
  });
});
