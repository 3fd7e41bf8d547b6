import { afterEach, expect, it } from "vitest";
import {
  createSharedState,
  type RedisFailure,
  RedisTimeoutError,
  RedisUnavailableError,
  type SharedState,
} from "../../src/state/shared.js";
import { describeWith, privateRedis, uniqueName } from "../support/services.js";
import { recordingLogger } from "../support/slack.js";

/** Far beyond REDIS_TIMEOUT_MS: an operation still unsettled then is one that waits on Redis. */
const HANG_MS = 10_000;

/** Rejects when `promise` has not settled within HANG_MS, so that a hang fails the test instead of stalling it. */
function settles<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${HANG_MS} ms`)), HANG_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function redisState(timeoutMs = 250) {
  const redis = await privateRedis();
  cleanups.push(() => redis.stop());
  const { logger, lines } = recordingLogger();
  const failures: Array<[string, RedisFailure]> = [];
  const state: SharedState = await createSharedState({
    redisUrl: redis.url,
    keyPrefix: `${uniqueName("bwtest")}:`,
    logger,
    timeoutMs,
    onFailure: (use, failure) => failures.push([use, failure]),
  });
  cleanups.push(() => state.close());
  await expect.poll(() => state.ready).toBe(true);
  return { redis, state, lines, failures };
}

describeWith(["redis"])("the shared state on a Redis that stops answering (SIGSTOP)", () => {
  it("gives up the first operation at the bound, fails the rest at once, warns once, and recovers when Redis answers", async () => {
    const { redis, state, lines, failures } = await redisState();
    const answers = state.keyv<string>("answers");
    await answers.set("question", "answer", 60_000);
    expect(await state.claim("slack-signatures", "before", 60_000)).toBe(true);

    redis.pause();
    cleanups.push(() => redis.resume());
    await expect(settles(answers.get("question"))).rejects.toThrow(RedisTimeoutError);
    // The command that timed out is still unanswered: nothing more is sent until it is.
    await expect(settles(answers.get("question"))).rejects.toThrow(RedisUnavailableError);
    const sendCommand = state.sendCommand as NonNullable<SharedState["sendCommand"]>;
    await expect(settles(sendCommand("rate-limit", ["PING"]))).rejects.toThrow(
      RedisUnavailableError,
    );
    // Claims fall back to this process's memory, which also knows the one made before.
    expect(await settles(state.claim("slack-signatures", "before", 60_000))).toBe(false);
    expect(await settles(state.claim("slack-signatures", "during", 60_000))).toBe(true);
    expect(await settles(state.claim("slack-signatures", "during", 60_000))).toBe(false);
    expect(state.ready).toBe(false);

    expect(failures.filter(([, failure]) => failure === "timeout")).toEqual([
      ["answers", "timeout"],
    ]);
    expect(failures).toContainEqual(["rate-limit", "unavailable"]);
    expect(failures).toContainEqual(["slack-signatures", "unavailable"]);
    const warnings = lines.filter((line) => String(line.msg).startsWith("Redis unavailable"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, reason: "no reply within 250 ms" });
    expect(warnings[0]).not.toHaveProperty("err");

    redis.resume();
    await expect
      .poll(() => lines.some((line) => line.msg === "Redis answering again"), { timeout: HANG_MS })
      .toBe(true);
    expect(state.ready).toBe(true);
    expect(await answers.get("question")).toBe("answer");
    // What was claimed in memory during the stall stays claimed, and Redis takes claims again.
    expect(await state.claim("slack-signatures", "during", 60_000)).toBe(false);
    expect(await state.claim("slack-signatures", "after", 60_000)).toBe(true);
  });

  it("fails a command cut off by the lost connection as the outage, not as an error of its own", async () => {
    // A bound far beyond the test, so that the command is still waiting when the connection drops.
    const { redis, state, lines, failures } = await redisState(60_000);
    const sendCommand = state.sendCommand as NonNullable<SharedState["sendCommand"]>;
    redis.pause();
    const inFlight = sendCommand("rate-limit", ["PING"]);
    inFlight.catch(() => undefined);
    await redis.stop();
    const error = await settles(inFlight).catch((reason: unknown) => reason);
    // The rate limiter (and every other user) stays quiet on an outage the connection logs.
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(failures).toEqual([["rate-limit", "unavailable"]]);
    await expect
      .poll(() => lines.filter((line) => String(line.msg).startsWith("Redis unavailable")).length)
      .toBe(1);
  });

  it("fails at once while Redis is down, and logs the outage once however often the client retries", async () => {
    const { redis, state, lines, failures } = await redisState();
    await redis.stop();
    await expect
      .poll(() => lines.filter((line) => String(line.msg).startsWith("Redis unavailable")).length)
      .toBe(1);
    await expect(settles(state.keyv("answers").get("question"))).rejects.toThrow(
      RedisUnavailableError,
    );
    expect(await settles(state.claim("slack-signatures", "down", 60_000))).toBe(true);
    expect(await settles(state.claim("slack-signatures", "down", 60_000))).toBe(false);
    expect(failures).toContainEqual(["answers", "unavailable"]);
    await redis.start();
    await expect
      .poll(() => lines.some((line) => line.msg === "Redis connection restored"), {
        timeout: HANG_MS,
      })
      .toBe(true);
    expect(lines.filter((line) => String(line.msg).startsWith("Redis unavailable"))).toHaveLength(
      1,
    );
  });
});
