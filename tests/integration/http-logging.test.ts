import { getEventListeners } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "../../src/answer/types.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import type { AppDependencies } from "../../src/http/dependencies.js";
import { startServer } from "../../src/http/server.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { recordingLogger } from "../support/slack.js";

/*
 * The README promises JSON lines: every request logged once, at a level that says whose problem
 * it is, without secrets from the URL, and nothing in plain text on the console.
 */

const SLAPP_QUESTION = "What did the Netherlands do on SLAPPs?";
const { letter, answers: real } = await loadRealServices();
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-http-logging-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function appWith(env: Record<string, string>, extra: Partial<AppDependencies> = {}) {
  const { logger, lines } = recordingLogger();
  const config = testConfig({
    RATE_LIMIT_PER_MINUTE: "0",
    ADMIN_TOKEN: "logging-test-admin-token",
    FEEDBACK_DB_PATH: join(scratch, `${crypto.randomUUID()}.sqlite`),
    ...env,
  });
  const answers = new ReadinessHandle<AnswerService>();
  answers.set(real);
  const feedback = openFeedbackStore({ path: config.feedback.dbPath });
  afterAll(() => feedback.close());
  const app = createApp({ config, logger, letter, answers, feedback, ...extra });
  const requestLines = () => lines.filter((line) => line.req !== undefined);
  return { app, config, logger, lines, requestLines };
}

describe("request log lines", () => {
  it("log the path and the query's names, never its values", async () => {
    const { app, requestLines } = appWith({});
    await request(app).get("/api/feedback?format=csv&token=s3cr3t-in-the-url").expect(401);
    const [line] = requestLines();
    expect(line?.req).toMatchObject({ url: "/api/feedback?format=…&token=…" });
    expect(JSON.stringify(requestLines())).not.toContain("s3cr3t");
  });

  it("log an expected 503 at warn without an error or stack, a client's 4xx at info", async () => {
    const { app, requestLines } = appWith({}, { answers: new ReadinessHandle<AnswerService>() });
    await request(app).post("/api/ask").send({ question: SLAPP_QUESTION }).expect(503);
    await request(app).get("/api/footnotes/999").expect(404);
    const [notReady, notFound] = requestLines();
    expect(notReady).toMatchObject({ level: 40, res: { statusCode: 503 } });
    expect(notReady?.err).toBeUndefined();
    expect(notFound).toMatchObject({ level: 30, res: { statusCode: 404 } });
    expect(notFound?.err).toBeUndefined();
  });

  it("log a rating refused for an unusable database (503 feedback_unavailable) at warn, without a stack", async () => {
    // A directory is no SQLite file: every rating is refused.
    const { app, lines } = appWith({ FEEDBACK_DB_PATH: scratch });
    const rating = { question: SLAPP_QUESTION, answer: "An answer.", rating: "up" };
    await request(app).post("/api/feedback").send(rating).expect(503);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings.map((line) => line.msg)).toContain("The feedback database cannot be opened.");
    expect(lines.filter((line) => JSON.stringify(line).includes('"stack"'))).toEqual([]);
  });

  it("log a failure we did not expect at error, with its stack", async () => {
    const failing: AnswerService = {
      ask: () => Promise.reject(new Error("the index vanished")),
      stream: () => {
        throw new Error("unused");
      },
    };
    const answers = new ReadinessHandle<AnswerService>();
    answers.set(failing);
    const { app, requestLines } = appWith({}, { answers });
    await request(app).post("/api/ask").send({ question: SLAPP_QUESTION }).expect(500);
    const [line] = requestLines();
    expect(line).toMatchObject({ level: 50, err: { message: "the index vanished" } });
    expect(String((line?.err as { stack?: string } | undefined)?.stack)).toContain(
      "the index vanished",
    );
  });
});

describe("the rate limiter's check of the proxy setup", () => {
  it("is a JSON warning through the logger, not a stack trace on the console", async () => {
    const consoleError = vi.spyOn(console, "error");
    const consoleWarn = vi.spyOn(console, "warn");
    const { app, lines } = appWith({ RATE_LIMIT_PER_MINUTE: "60" });
    await request(app).get("/api/footnotes/9").set("X-Forwarded-For", "203.0.113.7").expect(200);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    const warning = lines.find((line) => line.code === "ERR_ERL_UNEXPECTED_X_FORWARDED_FOR");
    expect(warning).toMatchObject({ level: 40, msg: expect.stringContaining("X-Forwarded-For") });
    expect(warning?.err).toBeUndefined();
  });
});

/** Holds every stream open until released, so that they are all in flight at once. */
class HeldAnswers implements AnswerService {
  private release!: () => void;
  readonly released = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  started = 0;
  ask(input: AskInput, options?: { signal?: AbortSignal }): Promise<Answer> {
    return real.ask(input, options);
  }
  async *stream(input: AskInput, options?: { signal?: AbortSignal }): AsyncGenerator<AnswerEvent> {
    this.started += 1;
    await this.released;
    yield* real.stream(input, options);
  }
  go(): void {
    this.release();
  }
}

describe("many answer streams at once", () => {
  it("add no listener per stream to the shared shutdown signal, so Node never warns", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const shutdown = new AbortController();
    const held = new HeldAnswers();
    const answers = new ReadinessHandle<AnswerService>();
    answers.set(held);
    const { app, config, logger } = appWith(
      { CACHE_SIZE: "0" },
      { answers, shutdownSignal: shutdown.signal },
    );
    const server = await startServer(app, { config: { ...config, port: 0 }, logger, shutdown });
    try {
      const streams = Array.from({ length: 15 }, (_, i) =>
        fetch(`${server.url}/api/ask`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: JSON.stringify({ question: `${SLAPP_QUESTION} ${"?".repeat(i)}` }),
        }).then((res) => res.text()),
      );
      while (held.started < 15) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
      held.go();
      for (const body of await Promise.all(streams)) expect(body).toContain("event: done");
      // Node reports the warning on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
      await server.close();
    }
  });
});
