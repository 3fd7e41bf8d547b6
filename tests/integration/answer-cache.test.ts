import { afterAll, describe, expect, it } from "vitest";
import { answerVersion, CachedAnswerService, type CacheLookup } from "../../src/answer/cache.js";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "../../src/answer/types.js";
import { createLogger } from "../../src/logger.js";
import { createSharedState, type SharedState } from "../../src/state/shared.js";
import { loadRealServices } from "../support/real-services.js";
import { describeWith, privateRedis, REDIS_URL, uniqueName } from "../support/services.js";

const SLAPP_QUESTION = "What did the Netherlands do on SLAPPs?";
const { answers: real, manifest } = await loadRealServices();
const VERSION = answerVersion({
  corpusHash: manifest.corpusHash,
  embedderId: manifest.embedder.id,
  chunkingVersion: manifest.chunkingVersion,
  composer: "extractive",
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
    createSharedState({ redisUrl, keyPrefix, logger: createLogger("silent") });
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
        }),
      );
      await reindexed.service.ask({ question: SLAPP_QUESTION });
      expect(reindexed.lookups).toEqual(["miss"]);
      expect(reindexed.counting.asks).toBe(1);
      await before.state.keyv("answers").clear();
    });
  });
}

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
