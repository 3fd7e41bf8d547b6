import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai.js";
import {
  requestHead,
  type ServeChild,
  sendRaw,
  startServeChild,
  uniqueQuestion,
} from "../support/robustness.js";

/*
 * Faults covered elsewhere, not repeated here:
 * - a missing, stale or corrupt index file, each rebuilt with its reason logged: index.test.ts;
 * - the LLM endpoint down, slow, stalled or returning garbage → extractive fallback within
 *   LLM_TIMEOUT_MS: llm.test.ts ("LLM mode with a misbehaving model falls back…");
 * - the feedback database locked, not SQLite or unopenable → 503 while asking works:
 *   http-feedback.test.ts ("an unusable feedback database");
 * - Slack's response_url failing or never answering → retried, logged, nothing blocks:
 *   slack.test.ts ("delivery to response_url").
 * What only the real process shows is tested here: a rebuild at start-up and a graceful SIGTERM.
 */

const IN_FLIGHT = 20;

/** The server's count of requests in progress, from its /metrics text. */
const inProgress = (metrics: string) =>
  Number(/^http_requests_in_progress (\d+)/m.exec(metrics)?.[1] ?? 0);
const SLAPP = "What did the Netherlands do on SLAPPs?";

const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-robustness-faults-"));
let fake: FakeOpenAI | undefined;
let server: ServeChild | undefined;
let second: ServeChild | undefined;
const others: ServeChild[] = [];
afterAll(async () => {
  for (const child of [server, second, ...others])
    if (child?.child.exitCode === null) child.child.kill("SIGKILL");
  await fake?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the service process (npm start)", () => {
  it("rebuilds a corrupt index on start, then finishes 20 in-flight answers on SIGTERM and exits 0", {
    timeout: 90_000,
  }, async () => {
    const indexDir = join(scratch, "index");
    cpSync("index", indexDir, { recursive: true });
    const indexFile = join(indexDir, "hnsw", "hnswlib.index");
    const bytes = readFileSync(indexFile);
    bytes.fill(7, 100, 400);
    writeFileSync(indexFile, bytes);

    // The model never answers, so every request is provably in flight when SIGTERM arrives,
    // and each then completes through the extractive fallback once LLM_TIMEOUT_MS passes.
    fake = await startFakeOpenAI();
    fake.respondWith({ kind: "hang" });
    server = startServeChild({
      INDEX_DIR: indexDir,
      FEEDBACK_DB_PATH: join(scratch, "feedback.sqlite"),
      EMBED_WORKERS: "1",
      LLM_BASE_URL: fake.url,
      LLM_MODEL: "fake",
      LLM_TIMEOUT_MS: "1000",
      SHUTDOWN_TIMEOUT_MS: "30000",
    });
    const { url } = await server.waitFor("listening; loading the index");
    const rebuilding = await server.waitFor("building the index");
    expect(rebuilding).toMatchObject({ reason: "hnswlib.index is corrupt" });
    await server.waitFor("index built");
    await server.waitFor("ready");

    const responses = Array.from({ length: IN_FLIGHT }, async (_, i) => {
      const res = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        // Distinct wording, so that none is answered from the cache before reaching the model.
        body: JSON.stringify({ question: uniqueQuestion([SLAPP], i) }),
      });
      return {
        status: res.status,
        body: (await res.json()) as { mode?: string; grounded?: boolean },
      };
    });
    await expect.poll(() => fake?.requests.length, { timeout: 60_000 }).toBe(IN_FLIGHT);

    server.child.kill("SIGTERM");
    const answered = await Promise.all(responses);
    expect(answered.map((a) => a.status)).toEqual(Array(IN_FLIGHT).fill(200));
    for (const { body } of answered)
      expect(body).toMatchObject({ grounded: true, mode: "extractive" });
    expect(await server.exited).toBe(0);
    expect(server.lines.map((l) => l.msg)).toContain("stopped");
  });
});

describe("signals and warnings (npm start)", () => {
  it("logs Node's warnings as JSON lines, and exits at once on a second SIGTERM during the drain", {
    timeout: 60_000,
  }, async () => {
    // A warning on demand: SIGWINCH (ignored by Node itself) makes the process emit one, as a
    // library would.
    const probe = `data:text/javascript,process.on("SIGWINCH", () => process.emitWarning("probe warning"))`;
    second = startServeChild(
      {
        FEEDBACK_DB_PATH: join(scratch, "second.sqlite"),
        EMBED_WORKERS: "0",
        // Long enough that only the second signal can end the process within the test.
        SHUTDOWN_TIMEOUT_MS: "120000",
        REQUEST_TIMEOUT_MS: "120000",
        HEADERS_TIMEOUT_MS: "60000",
      },
      ["--import", probe],
    );
    const url = (await second.waitFor("listening; loading the index")).url as string;
    second.child.kill("SIGWINCH");
    const warning = await second.waitFor("probe warning");
    expect(warning).toMatchObject({ level: 40 });
    expect(second.stderr.join("")).not.toContain("probe warning");

    // A request whose body never comes keeps the drain waiting.
    const head = requestHead("POST", "/api/feedback", {
      "Content-Type": "application/json",
      "Content-Length": 100,
    });
    const held = sendRaw(url, `${head}{"question"`, 60_000);
    // In progress on the server (the scrape counts itself too) before the signal is sent.
    await expect
      .poll(async () => inProgress(await (await fetch(`${url}/metrics`)).text()), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(2);
    second.child.kill("SIGTERM");
    await second.waitFor("shutting down");
    // Well past the echo of one Ctrl-C that npm relays.
    await sleep(1000);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(143);
    expect(second.lines.map((l) => l.msg)).toContain("second signal: exiting at once");
    expect(second.lines.map((l) => l.msg)).not.toContain("stopped");
    await held;
  });
});

describe("SIGHUP and SIGUSR2 (npm start)", () => {
  it.each(["SIGHUP", "SIGUSR2"] as const)(
    "%s drains like SIGTERM: logged, answers in flight finished, a stream past the deadline told why, exit 0",
    { timeout: 90_000 },
    async (signal) => {
      // The model never answers: the JSON ask and the stream stay in flight until the deadline.
      const llm = await startFakeOpenAI();
      try {
        llm.respondWith({ kind: "hang" });
        const child = startServeChild({
          FEEDBACK_DB_PATH: join(scratch, `${signal}.sqlite`),
          EMBED_WORKERS: "0",
          LLM_BASE_URL: llm.url,
          LLM_MODEL: "fake",
          LLM_TIMEOUT_MS: "60000",
          SHUTDOWN_TIMEOUT_MS: "1000",
        });
        others.push(child);
        const { url } = await child.waitFor("ready");
        const ask = (accept: string, i: number) =>
          fetch(`${url}/api/ask`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: accept },
            body: JSON.stringify({ question: uniqueQuestion([SLAPP], i) }),
          }).then(async (res) => ({ status: res.status, text: await res.text() }));
        const json = ask("application/json", 1);
        const stream = ask("text/event-stream", 2);
        await expect.poll(() => llm.requests.length, { timeout: 30_000 }).toBe(2);

        child.child.kill(signal);
        expect(await child.waitFor("shutting down")).toMatchObject({ signal });
        // At the deadline the model is given up: the JSON ask gets the extractive answer, the
        // stream an error event saying why it ends.
        const [answered, streamed] = await Promise.all([json, stream]);
        expect(answered.status).toBe(200);
        expect(JSON.parse(answered.text)).toMatchObject({ grounded: true, mode: "extractive" });
        expect(streamed.status).toBe(200);
        expect(streamed.text).toContain("event: citations");
        expect(streamed.text).toMatch(/event: error\ndata: \{"code":"shutting_down"/);
        expect(await child.exited).toBe(0);
        expect(child.lines.map((l) => l.msg)).toContain("stopped");
      } finally {
        await llm.close();
      }
    },
  );
});
