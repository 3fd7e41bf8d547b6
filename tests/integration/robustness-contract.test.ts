import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { createSlackRouter } from "../../src/slack/router.js";
import { createWebRouter } from "../../src/web/router.js";
import { type RealApp, startRealApp } from "../support/app.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { requestHead, sendRaw } from "../support/robustness.js";
import { recordingLogger, SIGNING_SECRET } from "../support/slack.js";

/*
 * The probes of the security review, kept as a standing suite so that each finding stays fixed:
 * slow and lying clients, methods the pages do not serve, questions that only look filled in,
 * formulas in the feedback export, and CORS for origins that are not allowed.
 */

const execFileAsync = promisify(execFile);
const ADMIN_TOKEN = "robustness-contract-admin-token";
const ALLOWED = "https://intranet.example";
const REJECTED = "https://evil.example";
/** Short, so that the suite waits seconds rather than the production default. */
const REQUEST_TIMEOUT_MS = 1500;
const HEADERS_TIMEOUT_MS = 1000;
const MAX_CONNECTIONS = 20;

const { letter, answers: real } = await loadRealServices();
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-robustness-contract-"));
let server: RunningServer;
const recorded = recordingLogger();
const closers: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  const config = testConfig({
    PORT: "0",
    RATE_LIMIT_PER_MINUTE: "0",
    ALLOWED_ORIGINS: ALLOWED,
    ADMIN_TOKEN,
    FEEDBACK_DB_PATH: join(scratch, "feedback.sqlite"),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    MAX_CONNECTIONS: String(MAX_CONNECTIONS),
  });
  const logger = recorded.logger;
  const answers = new ReadinessHandle<AnswerService>();
  answers.set(real);
  const feedback = openFeedbackStore({ path: config.feedback.dbPath });
  const slack = createSlackRouter({ config, logger, answers });
  const web = createWebRouter({ letter });
  server = await startServer(
    createApp({ config, logger, letter, answers, feedback, routers: { slack, web } }),
    { config, logger },
  );
  closers.push(server.close, () => feedback.close());
});
afterAll(async () => {
  for (const close of closers) await close();
  rmSync(scratch, { recursive: true, force: true });
});

const errorBody = (code: string) => ({ error: { code, message: expect.any(String) } });

describe("slow clients", () => {
  it("answers a body that stops halfway with a JSON 408 and closes the connection", async () => {
    const head = requestHead("POST", "/api/ask", {
      "Content-Type": "application/json",
      "Content-Length": 100,
    });
    const reply = await sendRaw(server.url, `${head}{"question": "What d`);
    expect(reply.status).toBe(408);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
    expect(reply.headers.connection).toBe("close");
    expect(JSON.parse(reply.body)).toEqual(errorBody("request_timeout"));
  });

  it("answers headers that never end with a JSON 408", async () => {
    const reply = await sendRaw(server.url, "GET /api/letter HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    expect(reply.status).toBe(408);
    expect(JSON.parse(reply.body)).toEqual(errorBody("request_timeout"));
  });

  it("frees the connections of many half-sent requests, and never holds more than MAX_CONNECTIONS", async () => {
    const head = requestHead("POST", "/api/feedback", {
      "Content-Type": "application/json",
      "Content-Length": 100,
    });
    const replies = await Promise.all(
      Array.from({ length: MAX_CONNECTIONS * 2 }, () => sendRaw(server.url, `${head}{"q`)),
    );
    const statuses = replies.map((r) => r.status);
    // The first MAX_CONNECTIONS are held until their timeout, the rest are closed at once.
    expect(statuses.filter((s) => s === 408).length).toBeLessThanOrEqual(MAX_CONNECTIONS);
    expect(statuses.filter((s) => s === 408).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 408 || s === 0)).toBe(true);
    // Afterwards the service answers as usual.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // One line for the flood, not one per connection refused.
    const refused = statuses.filter((s) => s === 0).length;
    const lines = recorded.lines.filter(
      (line) => line.msg === "connection refused: MAX_CONNECTIONS reached",
    );
    expect(lines).toHaveLength(refused > 0 ? 1 : 0);
  });
});

describe("declared sizes", () => {
  // No byte of the body is ever sent: a server that waited for it would answer 408 when
  // REQUEST_TIMEOUT_MS ran out, never 413.
  it.each([
    ["/api/ask", "application/json", 10_000_000],
    ["/api/feedback", "application/json", 10_000_000],
    ["/slack/commands", "application/x-www-form-urlencoded", 100_000],
  ])(
    "refuses a declared Content-Length above the limit before any body is sent: %s",
    async (path, type, length) => {
      const head = requestHead("POST", path, { "Content-Type": type, "Content-Length": length });
      const reply = await sendRaw(server.url, head);
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toEqual(errorBody("payload_too_large"));
    },
  );
});

describe("bodies over the limit, still being sent when the 413 goes out", () => {
  /**
   * 10 MB: far over BODY_LIMIT, under the server's lingering bound (16 MB), and more than the
   * loopback's socket buffers hold, so the client is still writing when the answer comes.
   */
  const payload = Buffer.from(JSON.stringify({ question: "x".repeat(10_000_000) }));
  let app: RealApp;
  const bodyFile = join(scratch, "oversize.json");
  beforeAll(async () => {
    // The production defaults (REQUEST_TIMEOUT_MS 15 s), not this file's short ones.
    app = await startRealApp();
    writeFileSync(bodyFile, payload);
  });
  afterAll(() => app.close());

  /**
   * Node's fetch in a process of its own, as a real client is (one sharing this process's event
   * loop with the server is never cut off mid-write). It streams the file, with its
   * Content-Length or chunked, and prints the status and body, or the error. Before the server
   * lingered, the declared 10 MB stream failed with EPIPE 10 times in 10 (3 MB: 8 in 10).
   */
  const CLIENT = `
    import { readFileSync } from "node:fs";
    const [url, file, mode] = process.argv.slice(1);
    const payload = readFileSync(file);
    const body = new ReadableStream({
      start(controller) {
        for (let at = 0; at < payload.length; at += 64 * 1024) {
          controller.enqueue(payload.subarray(at, at + 64 * 1024));
        }
        controller.close();
      },
    });
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(mode === "declared" ? { "Content-Length": String(payload.length) } : {}),
        },
        body,
        duplex: "half",
        signal: AbortSignal.timeout(30000),
      });
      console.log(JSON.stringify({ status: res.status, body: await res.json() }));
    } catch (error) {
      console.log(JSON.stringify({ error: String(error.cause?.code ?? error.cause ?? error) }));
    }`;

  const post = async (mode: "declared" | "chunked") => {
    const { stdout } = await execFileAsync(process.execPath, [
      "--input-type=module",
      "-e",
      CLIENT,
      `${app.url}/api/ask`,
      bodyFile,
      mode,
    ]);
    return JSON.parse(stdout);
  };

  it.each([
    ["with its Content-Length (refused before reading)", "declared"],
    ["chunked (refused at the limit while reading)", "chunked"],
  ] as const)("is read by Node's fetch every time: the body sent %s", async (_name, mode) => {
    for (let run = 0; run < 5; run++) {
      expect(await post(mode), `run ${run}`).toEqual({
        status: 413,
        body: errorBody("payload_too_large"),
      });
    }
  });

  it("is read by curl every time, whether it waits for 100-continue or not", async () => {
    for (const expect100 of [true, false]) {
      for (let run = 0; run < 3; run++) {
        const { stdout } = await execFileAsync("curl", [
          "-sS",
          "--max-time",
          "30",
          ...(expect100 ? [] : ["-H", "Expect:"]),
          "-H",
          "Content-Type: application/json",
          "--data-binary",
          `@${bodyFile}`,
          "-w",
          "\n%{http_code}",
          `${app.url}/api/ask`,
        ]);
        const [body, status] = stdout.split("\n");
        expect(status, `Expect: ${expect100}, run ${run}`).toBe("413");
        expect(JSON.parse(body as string)).toEqual(errorBody("payload_too_large"));
      }
    }
  });

  it("reads the refused body to its end and serves the next request on the same connection", async () => {
    const body = "x".repeat(100_000);
    const refused = `${requestHead("POST", "/api/ask", {
      "Content-Type": "application/json",
      "Content-Length": body.length,
    })}${body}`;
    const replies = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(app.url).port), "127.0.0.1", () =>
        socket.write(`${refused}GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
      );
      let received = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        received += chunk;
        if (/HTTP\/1\.1 200[\s\S]*"ok"/.test(received)) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.once("close", () => reject(new Error(`closed after: ${received.slice(0, 200)}`)));
    });
    expect(replies).toMatch(/^HTTP\/1\.1 413 /);
    expect(replies).toContain('"payload_too_large"');
  });
});

describe("requests Node would answer by itself", () => {
  it("answers an HTTP/1.1 request without a Host header with a JSON 400", async () => {
    const reply = await sendRaw(server.url, "GET /api/letter HTTP/1.1\r\n\r\n");
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toEqual(errorBody("bad_request"));
    // HTTP/1.0 needs none.
    const old = await sendRaw(server.url, "GET /healthz HTTP/1.0\r\n\r\n");
    expect(old.status).toBe(200);
  });

  it("answers CONNECT with a JSON 405 instead of closing without a word", async () => {
    const reply = await sendRaw(
      server.url,
      "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    );
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe("GET, HEAD, POST");
    expect(JSON.parse(reply.body)).toEqual(errorBody("method_not_allowed"));
  });
});

describe("methods the routes do not serve", () => {
  it.each([
    ["OPTIONS", "/", "GET, HEAD"],
    ["OPTIONS", "/widget.js", "GET, HEAD"],
    ["POST", "/", "GET, HEAD"],
    ["DELETE", "/letter", "GET, HEAD"],
    ["PUT", "/assets/site.css", "GET, HEAD"],
    ["GET", "/slack/commands", "POST"],
  ])("%s %s answers 405 with Allow: %s", async (method, path, allow) => {
    const res = await fetch(`${server.url}${path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    expect(await res.json()).toEqual(errorBody("method_not_allowed"));
  });
});

describe("questions made only of invisible characters", () => {
  it.each([
    ["zero-width spaces", "\u200b\u200b\u200b"],
    ["a byte order mark", "\ufeff"],
    ["NUL characters", "\u0000\u0000"],
    ["a mix with white space", " \u200c\u200d\u2060 \ufeff\n"],
  ])("are refused as blank: %s", async (_name, question) => {
    for (const [path, body] of [
      ["/api/ask", { question }],
      ["/api/feedback", { question, answer: "An answer.", rating: "up" }],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status, path).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe("invalid_input");
      expect(json.error.message).toContain("question: must not be blank");
    }
  });
});

describe("the feedback export", () => {
  it("holds no cell that a spreadsheet would run as a formula, split on commas or on semicolons", async () => {
    const hostile = [
      'harmless;=HYPERLINK("https://evil.example")',
      "a,=1+1",
      "  =SUM(A1:A9)",
      "\n@cmd",
      "x;\t-2+3",
      "plain text",
    ];
    for (const comment of hostile) {
      const res = await fetch(`${server.url}/api/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          question: "SLAPPs?",
          answer: "An answer.",
          rating: "down",
          comment,
        }),
      });
      expect(res.status).toBe(201);
    }
    const csv = await (
      await fetch(`${server.url}/api/feedback?format=csv`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).text();

    // As written (RFC 4180, commas, every field quoted) no cell starts a formula, even after
    // leading white space…
    const cells = (parse(csv, { delimiter: "," }) as string[][]).flat();
    for (const cell of cells) expect(cell.trimStart()).not.toMatch(/^[=+\-@]/);
    // …and neither does any piece of it when a spreadsheet ignores the quotes and splits lines on
    // commas or, as Dutch Excel does, on semicolons.
    for (const delimiter of [",", ";"]) {
      const pieces = parse(csv, {
        delimiter,
        quote: false,
        relax_column_count: true,
      }) as string[][];
      for (const piece of pieces.flat()) expect(piece, delimiter).not.toMatch(/^[\s"]*[=+\-@]/);
    }
    // Nothing is lost: only apostrophes were added.
    const comments = cells.filter((cell) => hostile.includes(cell.replaceAll("'", "")));
    expect(comments).toHaveLength(hostile.length);
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/api/ask`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
  const corsHeaders = (res: Response) =>
    [...res.headers.keys()].filter((name) => name.startsWith("access-control-"));

  it("sends no CORS headers at all to an origin that is not allowed", async () => {
    expect(corsHeaders(await preflight(REJECTED))).toEqual([]);
    const get = await fetch(`${server.url}/api/letter`, { headers: { Origin: REJECTED } });
    expect(corsHeaders(get)).toEqual([]);
  });

  it("still answers an allowed origin's preflight in full", async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });
});
