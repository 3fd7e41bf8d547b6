import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "../../src/answer/types.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { createLogger } from "../../src/logger.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { loadRealServices, testConfig } from "../support/real-services.js";

const QUESTION = "What did the Netherlands do on SLAPPs?";
const { letter, answers: real } = await loadRealServices();
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-http-stream-"));
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Promise.withResolvers arrived after Node 20. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * The real service, held after its citations (or before answering, for `ask`) until released:
 * a slow answer whose progress the test controls, without any timing.
 */
class HeldAnswers implements AnswerService {
  readonly reached = deferred();
  readonly aborted = deferred();
  readonly finished = deferred();
  private readonly gate = deferred();

  release(): void {
    this.gate.resolve();
  }

  private async hold(signal: AbortSignal | undefined): Promise<void> {
    signal?.addEventListener("abort", () => this.aborted.resolve(), { once: true });
    this.reached.resolve();
    await Promise.race([this.gate.promise, this.aborted.promise]);
    signal?.throwIfAborted();
  }

  async ask(input: AskInput, options?: { signal?: AbortSignal }): Promise<Answer> {
    await this.hold(options?.signal);
    return real.ask(input, options);
  }

  async *stream(input: AskInput, options?: { signal?: AbortSignal }): AsyncGenerator<AnswerEvent> {
    try {
      for await (const event of real.stream(input, options)) {
        yield event;
        if (event.type === "citations") await this.hold(options?.signal);
      }
    } finally {
      this.finished.resolve();
    }
  }
}

async function serve(
  service: AnswerService | undefined,
  options: { heartbeatMs?: number; shutdownTimeoutMs?: number } = {},
) {
  const config = testConfig({
    PORT: "0",
    CACHE_SIZE: "0",
    RATE_LIMIT_PER_MINUTE: "0",
    FEEDBACK_DB_PATH: join(scratch, `${crypto.randomUUID()}.sqlite`),
  });
  const logger = createLogger("silent");
  const answers = new ReadinessHandle<AnswerService>();
  if (service) answers.set(service);
  const feedback = openFeedbackStore({ path: config.feedback.dbPath });
  const shutdown = new AbortController();
  const app = createApp({
    config,
    logger,
    letter,
    answers,
    feedback,
    heartbeatMs: options.heartbeatMs,
    shutdownSignal: shutdown.signal,
  });
  const server = await startServer(app, {
    config: { ...config, shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000 },
    logger,
    shutdown,
  });
  running.push(server);
  return { url: server.url, server, answers, close: () => server.close() };
}

const ask = (url: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${url}/api/ask`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });

interface Block {
  event?: string;
  data?: unknown;
  comment?: string;
}

/** Reads a text/event-stream body block by block (events and comment lines alike). */
class EventReader {
  private buffer = "";
  private readonly decoder = new TextDecoder();
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(response: Response) {
    if (!response.body) throw new Error("no body");
    this.reader = response.body.getReader();
  }

  /** The next block, or undefined once the server has ended the stream. */
  async next(): Promise<Block | undefined> {
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end !== -1) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const block: Block = {};
        for (const line of raw.split("\n")) {
          if (line.startsWith(":")) block.comment = line.slice(1).trim();
          else if (line.startsWith("event: ")) block.event = line.slice(7);
          else if (line.startsWith("data: ")) block.data = JSON.parse(line.slice(6));
        }
        return block;
      }
      const { value, done } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** The next event, skipping heartbeats. */
  async nextEvent(): Promise<Block | undefined> {
    for (;;) {
      const block = await this.next();
      if (!block?.comment) return block;
    }
  }

  async rest(): Promise<Block[]> {
    const blocks: Block[] = [];
    for (let block = await this.nextEvent(); block; block = await this.nextEvent()) {
      blocks.push(block);
    }
    return blocks;
  }
}

describe("POST /api/ask as server-sent events", () => {
  it("streams citations, deltas and done in order, with proxy-safe headers", async () => {
    const { url } = await serve(real);
    const res = await ask(url, { question: QUESTION });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("connection")).toBe("keep-alive");

    const events = await new EventReader(res).rest();
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("citations");
    expect(names.at(-1)).toBe("done");
    expect(names.slice(1, -1).every((name) => name === "delta")).toBe(true);
    expect(names.length).toBeGreaterThan(2);

    const done = events.at(-1)?.data as Answer;
    expect(events[0]?.data).toEqual({ citations: done.citations });
    // The streamed answer is the JSON answer.
    const json = await fetch(`${url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: QUESTION }),
    });
    expect(await json.json()).toEqual(done);
  });

  it("sends the citations as soon as retrieval is done, before the answer exists", async () => {
    const held = new HeldAnswers();
    const { url } = await serve(held);
    const reader = new EventReader(await ask(url, { question: QUESTION }));

    const first = await reader.nextEvent();
    expect(first?.event).toBe("citations");
    const citations = (first?.data as Pick<Answer, "citations"> | undefined)?.citations;
    expect(citations?.[0]?.footnotes.map((f) => f.number)).toContain(9);

    held.release();
    const rest = await reader.rest();
    expect(rest[0]?.event).toBe("delta");
    expect(rest.at(-1)?.event).toBe("done");
  });

  it("sends heartbeat comments while the answer is being produced", async () => {
    const held = new HeldAnswers();
    const { url } = await serve(held, { heartbeatMs: 10 });
    const reader = new EventReader(await ask(url, { question: QUESTION }));
    expect((await reader.nextEvent())?.event).toBe("citations");
    await held.reached.promise;

    // The service is held, so nothing but a heartbeat can come next.
    expect(await reader.next()).toEqual({ comment: "ping" });

    held.release();
    expect((await reader.rest()).at(-1)?.event).toBe("done");
  });

  it("aborts the answer service when the client goes away, and keeps serving", async () => {
    const held = new HeldAnswers();
    const { url } = await serve(held);
    const client = new AbortController();
    const reader = new EventReader(await ask(url, { question: QUESTION }, client.signal));
    expect((await reader.nextEvent())?.event).toBe("citations");
    await held.reached.promise;

    client.abort();
    await held.aborted.promise;
    await held.finished.promise;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("aborts a JSON answer when its client goes away", async () => {
    const held = new HeldAnswers();
    const { url } = await serve(held);
    const client = new AbortController();
    const pending = fetch(`${url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: QUESTION }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    await held.reached.promise;
    client.abort();
    await held.aborted.promise;
    expect(await pending).toBeInstanceOf(DOMException);
  });

  it("ends with an error event when the answer fails midway", async () => {
    const failing: AnswerService = {
      ask: (input, options) => real.ask(input, options),
      async *stream(input, options) {
        for await (const event of real.stream(input, options)) {
          yield event;
          if (event.type === "citations") throw new Error("composer crashed at /secret/path");
        }
      },
    };
    const { url } = await serve(failing);
    const events = await new EventReader(await ask(url, { question: QUESTION })).rest();
    expect(events.map((e) => e.event)).toEqual(["citations", "error"]);
    expect(events[1]?.data).toEqual({
      code: "internal_error",
      message: "Something went wrong on our side.",
    });
  });

  it("answers 503 JSON, not a stream, while the service is not ready", async () => {
    const { url } = await serve(undefined);
    const res = await ask(url, { question: QUESTION });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_ready");
  });

  it("validates before streaming: bad input is a 400 JSON error", async () => {
    const { url } = await serve(real);
    const res = await ask(url, { question: "" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
  });
});

describe("graceful shutdown", () => {
  it("stops accepting connections but finishes a request in flight", async () => {
    const held = new HeldAnswers();
    const { url, close } = await serve(held);
    const inFlight = fetch(`${url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: QUESTION }),
    });
    await held.reached.promise;

    const closing = close();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    held.release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as Answer).grounded).toBe(true);
    await closing;
  });

  it("ends an answer stream still open at the deadline with a shutting_down event", async () => {
    const held = new HeldAnswers();
    const { url, close } = await serve(held, { shutdownTimeoutMs: 50 });
    const reader = new EventReader(await ask(url, { question: QUESTION }));
    expect((await reader.nextEvent())?.event).toBe("citations");
    await held.reached.promise;

    const closing = close();
    const rest = await reader.rest();
    expect(rest).toEqual([
      {
        event: "error",
        data: { code: "shutting_down", message: "The server is restarting." },
      },
    ]);
    await held.aborted.promise;
    await closing;
  });

  it("answers a JSON request still running at the deadline with 503 shutting_down, and aborts its work", async () => {
    const held = new HeldAnswers();
    const { url, close } = await serve(held, { shutdownTimeoutMs: 50 });
    const pending = fetch(`${url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: QUESTION }),
    });
    await held.reached.promise;
    await close();
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({
      error: { code: "shutting_down", message: "The server is restarting." },
    });
    await held.aborted.promise;
  });
});

describe("readiness over HTTP", () => {
  it("says 503 until the answer service is set, then 200", async () => {
    const { url, answers } = await serve(undefined);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    answers.set(real);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });
});
