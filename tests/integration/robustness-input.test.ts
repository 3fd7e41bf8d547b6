import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import { LetterParseError, parseLetter } from "../../src/letter/parse.js";
import { createLogger } from "../../src/logger.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { askRequestSchema, feedbackRequestSchema } from "../../src/server/schemas.js";
import { createSlackRouter } from "../../src/slack/router.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { listen, SIGNING_SECRET } from "../support/slack.js";

const RUNS = 150;
/** BODY_LIMIT's default (32kb), which this file's server keeps. */
const BODY_LIMIT_BYTES = 32 * 1024;
/** A bound on each request, so that a hang fails the property instead of the whole run. */
const REQUEST_TIMEOUT_MS = 10_000;

const { letter, answers: real, config: realConfig } = await loadRealServices();
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-robustness-input-"));
let url: string;
const closers: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  const config = testConfig({
    RATE_LIMIT_PER_MINUTE: "0",
    FEEDBACK_DB_PATH: join(scratch, "feedback.sqlite"),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
  });
  const logger = createLogger("silent");
  const answers = new ReadinessHandle<AnswerService>();
  answers.set(real);
  const feedback = openFeedbackStore({ path: config.feedback.dbPath });
  const slack = createSlackRouter({ config, logger, answers });
  const app = createApp({ config, logger, letter, answers, feedback, routers: { slack } });
  const server = await listen(app);
  url = server.url;
  closers.push(
    () => feedback.close(),
    server.close,
    async () => {
      slack.deliveries.abandon();
      await slack.deliveries.settled();
    },
  );
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Sent {
  status: number;
  body: unknown;
}

async function post(path: string, body: string | Uint8Array, contentType: string): Promise<Sent> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "Content-Type": contentType },
    // A copy backed by a plain ArrayBuffer, which is what fetch's body type accepts.
    body: typeof body === "string" ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text: the assertion below then reports what came back instead of a JSON error.
  }
  return { status: res.status, body: parsed };
}

/**
 * Whether a body should be accepted: JSON (as application/json) of at most BODY_LIMIT, whose
 * bytes decode as UTF-8 (invalid sequences become replacement characters, as the server decodes
 * them) to an object or array, as the JSON parser's strict mode wants, that the schema accepts.
 */
function acceptable(
  body: string | Uint8Array,
  contentType: string,
  schema: { safeParse(value: unknown): { success: boolean } },
): boolean {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  if (contentType !== "application/json" || bytes.length > BODY_LIMIT_BYTES) return false;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null && schema.safeParse(value).success;
  } catch {
    return false;
  }
}

/** The error contract of every endpoint: a 4xx with `{error: {code, message}}` and nothing else. */
function expectClientError(sent: Sent): void {
  expect(sent.status, JSON.stringify(sent.body)).toBeGreaterThanOrEqual(400);
  expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(500);
  expect(sent.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
}

const controlChars = fc
  .array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 50 })
  .map((codes) => String.fromCharCode(...codes));
const hugeString = fc
  .tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 10_000, max: 200_000 }))
  .map(([unit, times]) => unit.repeat(times));
const nasty = fc.oneof(fc.string(), controlChars, hugeString, fc.string({ unit: "binary" }));

function deeplyNested(depth: number, key: string): string {
  return `${`{"${key}":`.repeat(depth)}1${"}".repeat(depth)}`;
}

/** Bytes that are not UTF-8 at all: lone continuation bytes, overlongs, surrogates, truncations. */
const invalidUtf8 = fc
  .tuple(
    fc.string(),
    fc.constantFrom(
      [0x80],
      [0xbf],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xff],
      [0xe2, 0x82],
    ),
    fc.string(),
  )
  .map(([before, bad, after]) =>
    Buffer.concat([
      Buffer.from(`{"question":"${before}`),
      Buffer.from(bad),
      Buffer.from(`${after}"`),
    ]),
  );

/** JSON values that the endpoint's schema rejects: wrong types, missing or unknown fields, nasty strings. */
function invalidJson(
  schema: { safeParse(value: unknown): { success: boolean } },
  fields: string[],
) {
  return fc
    .oneof(
      fc.jsonValue(),
      fc.record(Object.fromEntries(fields.map((f) => [f, fc.jsonValue()])), {
        requiredKeys: [],
      }),
      fc.record(Object.fromEntries(fields.map((f) => [f, nasty])), { requiredKeys: [] }),
      fc.dictionary(fc.string(), fc.jsonValue()),
    )
    .filter((value) => !schema.safeParse(value).success);
}

const nonJsonBody = fc.oneof(
  fc.string(),
  controlChars,
  fc.string({ unit: "binary" }),
  fc.integer({ min: 1, max: 5000 }).map((depth) => deeplyNested(depth, "question")),
  fc.uint8Array({ maxLength: 2000 }),
);

const shortText = fc.string({ minLength: 1, maxLength: 80 });

/**
 * Bodies each endpoint must accept as JSON, and must refuse as anything else or when larger than
 * BODY_LIMIT: the latter valid by the schema too, with its longest fields in "€" (3 bytes each).
 */
const wellFormed: Record<
  "/api/ask" | "/api/feedback",
  { valid: fc.Arbitrary<object>; oversized: fc.Arbitrary<object> }
> = {
  "/api/ask": {
    valid: fc.record({ question: shortText }),
    oversized: fc.constant({
      question: "€",
      history: Array.from({ length: 10 }, () => ({ role: "user", content: "€".repeat(4000) })),
    }),
  },
  "/api/feedback": {
    valid: fc.record({
      question: shortText,
      answer: shortText,
      rating: fc.constantFrom("up", "down"),
    }),
    oversized: fc.constant({ question: "€", answer: "€".repeat(20_000), rating: "up" }),
  },
};

describe.each([
  ["/api/ask", askRequestSchema, ["question", "history", "lang"]],
  ["/api/feedback", feedbackRequestSchema, ["question", "answer", "rating", "comment"]],
] as const)("POST %s with bad input", (path, schema, fields) => {
  it("answers a 4xx JSON error to any JSON value its schema rejects", async () => {
    await fc.assert(
      fc.asyncProperty(invalidJson(schema, [...fields]), async (value) => {
        expectClientError(await post(path, JSON.stringify(value), "application/json"));
      }),
      { numRuns: RUNS },
    );
  });

  it("answers a 4xx JSON error to bodies that are not JSON, too large, too deep or not UTF-8, and only JSON within the limit succeeds", async () => {
    const { valid, oversized } = wellFormed[path];
    expect(schema.safeParse(fc.sample(oversized, 1)[0]).success).toBe(true);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          nonJsonBody,
          invalidUtf8,
          hugeString,
          valid.filter((value) => schema.safeParse(value).success).map((v) => JSON.stringify(v)),
          oversized.map((value) => JSON.stringify(value)),
        ),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
        async (body, contentType) => {
          const sent = await post(path, body, contentType);
          // Success only for what should succeed; everything else is the client's error, never
          // the server's (and never a success: a server that took text/plain or an oversized
          // body would fail here).
          if (acceptable(body, contentType, schema)) {
            expect(sent.status, JSON.stringify(sent.body)).toBe(path === "/api/ask" ? 200 : 201);
          } else {
            expectClientError(sent);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("POST /slack/commands with bad input and no signature", () => {
  it("answers a 4xx JSON error, whatever the body and content type", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          nonJsonBody,
          invalidUtf8,
          hugeString,
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.constantFrom(
          "application/x-www-form-urlencoded",
          "application/json",
          "text/plain",
          "multipart/form-data; boundary=x",
        ),
        async (body, contentType) => {
          expectClientError(await post("/slack/commands", body, contentType));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("parseLetter on random and damaged letters", () => {
  const raw = readFileSync(realConfig.corpusPath, "utf8");
  /** Only a structure or a LetterParseError (which the loader reports as a bad corpus) may come out. */
  const parsesOrRefuses = (text: string) => {
    try {
      parseLetter(text);
    } catch (error) {
      expect(error).toBeInstanceOf(LetterParseError);
    }
  };

  it("returns a letter or throws LetterParseError for random text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), controlChars),
        parsesOrRefuses,
      ),
      { numRuns: 200 },
    );
  });

  it("returns a letter or throws LetterParseError for truncated and mutated versions of the letter", () => {
    const mutation = fc.oneof(
      fc.nat({ max: raw.length }).map((end) => raw.slice(0, end)),
      fc
        .tuple(fc.nat({ max: raw.length }), fc.nat({ max: raw.length }))
        .map(([a, b]) => raw.slice(0, Math.min(a, b)) + raw.slice(Math.max(a, b))),
      fc
        .tuple(fc.nat({ max: raw.length }), fc.string({ unit: "binary", maxLength: 40 }))
        .map(([at, inserted]) => raw.slice(0, at) + inserted + raw.slice(at)),
      fc.array(fc.nat({ max: raw.split("\n").length - 1 }), { maxLength: 30 }).map((dropped) =>
        raw
          .split("\n")
          .filter((_line, i) => !dropped.includes(i))
          .join("\n"),
      ),
      fc.constant(raw.replace(/\n/g, "\r\n")),
      fc.constant(raw.replace(/\f/g, "")),
    );
    fc.assert(fc.property(mutation, parsesOrRefuses), { numRuns: 150 });
  });
});
