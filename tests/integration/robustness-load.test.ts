import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import { cachedAnswers } from "../../src/cli/runtime.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import { startServer } from "../../src/http/server.js";
import { createLogger } from "../../src/logger.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { memorySharedState } from "../../src/state/shared.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { standaloneQuestions, uniqueQuestion } from "../support/robustness.js";

const REQUESTS = 1_000;
const CONCURRENCY = 32;
/**
 * Distinct questions in the mix: few enough that the real embedder keeps the test short, so most
 * asks are cache hits, as in production where popular questions repeat.
 */
const DISTINCT_QUESTIONS = 40;
/** Generous: the answer cache and V8's own heap growth may keep some memory; a leak keeps it all. */
const HEAP_GROWTH_LIMIT_MB = 64;

const QUESTIONS = standaloneQuestions();
const runtime = await loadRealServices();
const { letter } = runtime;
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-robustness-load-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** V8's collector, so that heap sizes compare live objects rather than garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

type Kind = "ask" | "stream" | "letter" | "feedback";
const MIX: Kind[] = ["ask", "ask", "stream", "stream", "letter", "feedback"];

async function send(url: string, kind: Kind, i: number): Promise<{ status: number; ok: boolean }> {
  const question = uniqueQuestion(QUESTIONS, i % DISTINCT_QUESTIONS);
  const json = { "Content-Type": "application/json" };
  let res: Response;
  switch (kind) {
    case "ask":
      res = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ question }),
      });
      return { status: res.status, ok: "answer" in ((await res.json()) as object) };
    case "stream": {
      res = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { ...json, Accept: "text/event-stream" },
        body: JSON.stringify({ question }),
      });
      // A stream that was cut would lack its final event.
      return { status: res.status, ok: (await res.text()).includes("event: done") };
    }
    case "letter":
      res = await fetch(`${url}/api/letter`);
      return { status: res.status, ok: "paragraphs" in ((await res.json()) as object) };
    case "feedback":
      res = await fetch(`${url}/api/feedback`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ question, answer: "Volgens de brief: … [1]", rating: "up" }),
      });
      return { status: res.status, ok: "id" in ((await res.json()) as object) };
  }
}

describe("load: 1,000 mixed requests at concurrency 32 on a real loopback server", () => {
  // Generous: 1,000 requests on a busy 2-core machine may take minutes, and a slow run is no
  // failure of the service (the default 60 s was).
  it("answers every one without a 5xx or a dropped connection, and gives its memory back", {
    timeout: 600_000,
  }, async () => {
    const config = testConfig({
      // Any free port: 3000 may be taken by a running service.
      PORT: "0",
      RATE_LIMIT_PER_MINUTE: "0",
      FEEDBACK_DB_PATH: join(scratch, "feedback.sqlite"),
    });
    const logger = createLogger("silent");
    // Composed as `npm start` composes it: the answer service behind the in-memory answer cache.
    const answers = new ReadinessHandle<AnswerService>();
    answers.set(cachedAnswers(runtime, config, memorySharedState({ logger })));
    const feedback = openFeedbackStore({ path: config.feedback.dbPath });
    const app = createApp({ config, logger, letter, answers, feedback });
    const server = await startServer(app, { config, logger });
    const gc = collector();

    try {
      gc();
      const heapBefore = process.memoryUsage().heapUsed;

      const outcomes: Array<
        { kind: Kind; status: number; ok: boolean } | { kind: Kind; error: string }
      > = [];
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < REQUESTS; i = next++) {
          const kind = MIX[i % MIX.length] as Kind;
          try {
            outcomes.push({ kind, ...(await send(server.url, kind, i)) });
          } catch (error) {
            outcomes.push({ kind, error: String((error as Error).cause ?? error) });
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      expect(outcomes).toHaveLength(REQUESTS);
      const failures = outcomes.filter(
        (o) => "error" in o || o.status !== (o.kind === "feedback" ? 201 : 200) || !o.ok,
      );
      expect(failures).toEqual([]);

      gc();
      const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
      expect(grownMb).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
    } finally {
      await server.close();
      feedback.close();
    }
  });
});
