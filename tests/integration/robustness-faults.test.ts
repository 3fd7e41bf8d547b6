import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai.js";
import { type ServeChild, startServeChild, uniqueQuestion } from "../support/robustness.js";

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
const SLAPP = "What did the Netherlands do on SLAPPs?";

const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-robustness-faults-"));
let fake: FakeOpenAI | undefined;
let server: ServeChild | undefined;
afterAll(async () => {
  if (server?.child.exitCode === null) server.child.kill("SIGKILL");
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
    while (fake.requests.length < IN_FLIGHT) await sleep(20);

    server.child.kill("SIGTERM");
    const answered = await Promise.all(responses);
    expect(answered.map((a) => a.status)).toEqual(Array(IN_FLIGHT).fill(200));
    for (const { body } of answered)
      expect(body).toMatchObject({ grounded: true, mode: "extractive" });
    expect(await server.exited).toBe(0);
    expect(server.lines.map((l) => l.msg)).toContain("stopped");
  });
});
