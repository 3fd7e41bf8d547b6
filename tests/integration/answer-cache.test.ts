import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  answerVersion,
  CachedAnswerService,
  type CacheLookup,
  cacheKey,
} from "../../src/answer/cache.js";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "../../src/answer/types.js";
import { cachedAnswers, codeVersion } from "../../src/cli/runtime.js";
import { createLogger } from "../../src/logger.js";
import { createSharedState, memorySharedState, type SharedState } from "../../src/state/shared.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { describeWith, privateRedis, REDIS_URL, uniqueName } from "../support/services.js";

const SLAPP_QUESTION = "What did the Netherlands do on SLAPPs?";
const runtime = await loadRealServices();
const { answers: real, manifest } = runtime;
const VERSION = answerVersion({
  corpusHash: manifest.corpusHash,
  embedderId: manifest.embedder.id,
  chunkingVersion: manifest.chunkingVersion,
  composer: "extractive",
  code: codeVersion(),
});

/** Counts the calls that reach the real service, to tell cached answers from fresh ones. */
class CountingAnswers implements AnswerService {
  asks = 0;
  streams = 0;
  constructor(private readonly inner: AnswerService) {}
  ask(input: AskInput, options?: { signal?: AbortSignal }): Promise<Answer> {
    this.asks += 1;
    return this.inner.ask(input, options);
  }
  stream(input: AskInput, options?: { signal?: AbortSignal }): AsyncGenerator<AnswerEvent> {
    this.streams += 1;
    return this.inner.stream(input, options);
  }
}

const states: SharedState[] = [];
afterAll(async () => {
  await Promise.all(states.map((state) => state.close()));
});

/** One "replica": its own connection to the shared state, its own counter, its own lookups. */
async function replica(redisUrl: string | undefined, keyPrefix: string, version = VERSION) {
  // In memory, "replicas" are one process sharing its state; with Redis, each has its own connection.
  const state =
    (redisUrl ? undefined : states.find((s) => s.backend === "memory")) ??
    (await createSharedState({ redisUrl, keyPrefix, logger: createLogger("silent") }));
  if (!states.includes(state)) states.push(state);
  // Commands fail rather than queue until the connection is up.
  await expect.poll(() => state.ready).toBe(true);
  const counting = new CountingAnswers(real);
  const lookups: CacheLookup[] = [];
  const service = new CachedAnswerService(counting, {
    store: state.keyv<Answer>("answers"),
    version,
    ttlMs: 60_000,
    onLookup: (result) => lookups.push(result),
  });
  return { service, counting, lookups, state };
}

async function streamed(service: AnswerService, input: AskInput) {
  const events: AnswerEvent[] = [];
  for await (const event of service.stream(input)) events.push(event);
  return events;
}

const engines = [
  { name: "in memory", describe, url: () => undefined as string | undefined },
  { name: "Redis", describe: describeWith(["redis"]), url: () => REDIS_URL },
];

for (const engine of engines) {
  engine.describe(`the answer cache, ${engine.name}`, () => {
    it("answers a repeated question from the cache, whichever replica asks and also streamed", async () => {
      const prefix = `${uniqueName("bwtest")}:`;
      const a = await replica(engine.url(), prefix);
      const b = await replica(engine.url(), prefix);

      const first = await a.service.ask({ question: SLAPP_QUESTION });
      expect(a.lookups).toEqual(["miss"]);
      // Case, spacing and the other replica make no difference.
      const again = await b.service.ask({ question: `  ${SLAPP_QUESTION.toLowerCase()}  ` });
      expect(again).toEqual(first);
      expect(b.counting.asks).toBe(0);
      expect(b.lookups).toEqual(["hit"]);

      const events = await streamed(b.service, { question: SLAPP_QUESTION });
      expect(events.map((event) => event.type)).toEqual(["citations", "delta", "done"]);
      expect(b.counting.streams).toBe(0);

      // Another language or conversation is another question.
      await b.service.ask({ question: SLAPP_QUESTION, lang: "nl" });
      await b.service.ask({
        question: SLAPP_QUESTION,
        history: [{ role: "user", content: "Hallo" }],
      });
      expect(b.counting.asks).toBe(2);
      await a.state.keyv("answers").clear();
    });

    it("misses after a re-index: another index version never meets the old answers", async () => {
      const prefix = `${uniqueName("bwtest")}:`;
      const before = await replica(engine.url(), prefix);
      await before.service.ask({ question: SLAPP_QUESTION });
      const reindexed = await replica(
        engine.url(),
        prefix,
        answerVersion({
          corpusHash: "a-changed-corpus",
          embedderId: manifest.embedder.id,
          chunkingVersion: manifest.chunkingVersion,
          composer: "extractive",
          code: codeVersion(),
        }),
      );
      await reindexed.service.ask({ question: SLAPP_QUESTION });
      expect(reindexed.lookups).toEqual(["miss"]);
      expect(reindexed.counting.asks).toBe(1);
      await before.state.keyv("answers").clear();
    });
  });
}

describe("the answer cache across a deploy", () => {
  it("does not serve answers cached by other code, though the corpus and index are the same", async () => {
    const state = memorySharedState({ logger: createLogger("silent") });
    const question = { question: SLAPP_QUESTION };
    // What the deploy before stored: the same corpus, index and composer, older code.
    const before = answerVersion({
      corpusHash: manifest.corpusHash,
      embedderId: manifest.embedder.id,
      chunkingVersion: manifest.chunkingVersion,
      composer: "extractive",
      code: "0.0.9+a1b2c3d4e5f6",
    });
    const stale = { ...(await real.ask(question)), answer: "What the previous code answered." };
    await state.keyv<Answer>("answers").set(cacheKey(before, question), stale, 60_000);

    const lookups: CacheLookup[] = [];
    const answers = cachedAnswers(runtime, testConfig(), state, (result) => lookups.push(result));
    const answer = await answers.ask(question);
    expect(lookups).toEqual(["miss"]);
    expect(answer.answer).not.toBe(stale.answer);
    // …and this code's own answer is cached for the next asker.
    await answers.ask(question);
    expect(lookups).toEqual(["miss", "hit"]);
  });

  it("names the running code by the package version and a hash of its modules", () => {
    const root = mkdtempSync(join(tmpdir(), "briefwijzer-code-"));
    try {
      writeFileSync(join(root, "package.json"), JSON.stringify({ version: "1.2.3" }));
      mkdirSync(join(root, "dist", "cli"), { recursive: true });
      mkdirSync(join(root, "dist", "assets"));
      writeFileSync(join(root, "dist", "cli", "serve.js"), "console.log(1);");
      const first = codeVersion(join(root, "dist"));
      expect(first).toMatch(/^1\.2\.3\+[0-9a-f]{12}$/);
      // The build's time stamp and the browser bundles do not change it: the code does.
      writeFileSync(join(root, "dist", "build.json"), '{"builtAt":"now"}');
      writeFileSync(join(root, "dist", "assets", "page.0123456789.js"), "1");
      expect(codeVersion(join(root, "dist"))).toBe(first);
      writeFileSync(join(root, "dist", "cli", "serve.js"), "console.log(2);");
      expect(codeVersion(join(root, "dist"))).not.toBe(first);
      // This checkout's own: stable from one call to the next.
      expect(codeVersion()).toBe(codeVersion());
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describeWith(["redis"])("the answer cache when Redis fails", () => {
  it("keeps answering (counted as cache errors) while Redis is down, and caches again when it is back", async () => {
    const redis = await privateRedis();
    try {
      const prefix = `${uniqueName("bwtest")}:`;
      const { service, counting, lookups } = await replica(redis.url, prefix);
      await service.ask({ question: SLAPP_QUESTION });
      await service.ask({ question: SLAPP_QUESTION });
      expect(lookups).toEqual(["miss", "hit"]);

      await redis.stop();
      const during = await service.ask({ question: SLAPP_QUESTION });
      expect(during.grounded).toBe(true);
      expect(lookups.at(-1)).toBe("error");
      expect(counting.asks).toBe(2);

      await redis.start();
      // The client reconnects on its own (backing off up to 2 s); the empty server then fills again.
      await expect
        .poll(
          async () => {
            await service.ask({ question: SLAPP_QUESTION });
            return lookups.at(-1);
          },
          { timeout: 15_000, interval: 250 },
        )
        .toBe("hit");
    } finally {
      await redis.stop();
    }
  });
});
