import KeyvRedis, { createClient, type RedisClientType } from "@keyv/redis";
import { Keyv } from "keyv";
import { type Logger, throttled } from "../logger.js";
import {
  keyvPerNamespace,
  memoryClaims,
  type RedisFailure,
  type RedisReply,
  RedisTimeoutError,
  RedisUnavailableError,
  type SharedState,
  type SharedStateOptions,
} from "./shared.js";

const DEFAULT_TIMEOUT_MS = 250;
/** At most one warning per this interval for stalls, however often Redis turns slow. */
const STALL_WARNING_INTERVAL_MS = 30_000;
const DEGRADED = "answers uncached, rate limits not enforced, Slack replays checked per replica";

/**
 * Logs an outage once when it starts, and its end when its start was logged. `intervalMs` spaces
 * the warnings of outages that come and go quickly (a Redis that is slow rather than down).
 */
function outageLog(logger: Logger, intervalMs: number) {
  const warn = throttled(intervalMs);
  let down = false;
  let warned = false;
  return {
    down(details: Record<string, unknown>) {
      if (down) return;
      down = true;
      warned = warn((skipped) =>
        logger.warn(
          skipped ? { ...details, unloggedOutages: skipped } : details,
          `Redis unavailable: ${DEGRADED}`,
        ),
      );
    },
    up(message: string) {
      if (down && warned) logger.info(message);
      down = false;
    },
  };
}

/**
 * Bounds every Redis operation. A command already written to the socket cannot be taken back
 * (node-redis times out only commands still waiting to be written), so a Redis process that is
 * stopped or hung, with its connection still open, would hold every request that touches it.
 * Past the bound the caller gets an error; the command that timed out stays outstanding, and
 * until it is answered (Redis is back) or fails (the connection broke), no further command is
 * sent: they fail at once, so a stall costs one request the bound and the rest nothing, and
 * commands do not pile up in the client.
 */
class RedisGuard {
  private outstanding: Promise<unknown> | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly connected: () => boolean,
    private readonly onFailure: (use: string, failure: RedisFailure) => void,
    private readonly outage: ReturnType<typeof outageLog>,
  ) {}

  get stalled(): boolean {
    return this.outstanding !== undefined;
  }

  async run<T>(use: string, operation: () => Promise<T>): Promise<T> {
    if (this.outstanding || !this.connected()) {
      this.onFailure(use, "unavailable");
      throw new RedisUnavailableError(
        this.outstanding
          ? "Redis has not answered an earlier command yet"
          : "Redis is not connected",
      );
    }
    const pending = operation();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new RedisTimeoutError(`no reply from Redis within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      if (error instanceof RedisTimeoutError) {
        this.stall(pending);
        this.onFailure(use, "timeout");
        throw error;
      }
      // A command in flight when the connection drops fails with the socket's error; that is the
      // outage the connection logs once, not a failure of its own for each caller to report.
      if (!this.connected()) {
        this.onFailure(use, "unavailable");
        throw new RedisUnavailableError("the connection to Redis was lost before it replied", {
          cause: error,
        });
      }
      this.onFailure(use, "error");
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private stall(pending: Promise<unknown>): void {
    if (this.outstanding) return;
    this.outage.down({ reason: `no reply within ${this.timeoutMs} ms` });
    const settled = () => {
      this.outstanding = undefined;
      this.outage.up("Redis answering again");
    };
    this.outstanding = pending.then(settled, settled);
  }
}

/**
 * Redis commands fail at once while the connection is down instead of queueing: every user of
 * this state treats a failure as "not shared right now" (a cache miss, an unlimited request), and
 * a queued command would hold a request until Redis came back.
 */
function connect(url: string, outage: ReturnType<typeof outageLog>): RedisClientType {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  }) as RedisClientType;
  // Every reconnection attempt fails with an error; the outage is logged once, without a stack:
  // a refused connection is all there is to say.
  client.on("error", (error: unknown) =>
    outage.down({ reason: error instanceof Error ? error.message : String(error) }),
  );
  client.on("ready", () => outage.up("Redis connection restored"));
  client.connect().catch(() => undefined);
  return client;
}

/** KeyvRedis with every operation Keyv uses passed through the guard. */
function boundedRedisStore(redis: RedisClientType, use: string, guard: RedisGuard, logger: Logger) {
  const inner = new KeyvRedis(redis, { throwOnErrors: true });
  // The adapter re-emits every connection error; the connection logs outages already.
  inner.on("error", (error: unknown) => logger.debug({ err: error }, "Redis store error"));
  return {
    get namespace() {
      return inner.namespace;
    },
    set namespace(value: string | undefined) {
      inner.namespace = value;
    },
    get: (key: string) => guard.run(use, () => inner.get(key)),
    set: (key: string, value: string, ttl?: number) =>
      guard.run(use, () => inner.set(key, value, ttl)),
    delete: (key: string) => guard.run(use, () => inner.delete(key)),
    clear: () => guard.run(use, () => inner.clear()),
    has: (key: string) => guard.run(use, () => inner.has(key)),
  };
}

/** The state replicas share through Redis at `redisUrl`. */
export function redisSharedState(options: SharedStateOptions & { redisUrl: string }): SharedState {
  const { redisUrl, keyPrefix, logger } = options;
  const once = keyvPerNamespace(logger);
  const claimInMemory = memoryClaims();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // A lost connection is retried with a growing delay, so its outages cannot flood the log.
  const redis = connect(redisUrl, outageLog(logger, 0));
  const guard = new RedisGuard(
    timeoutMs,
    () => redis.isReady,
    options.onFailure ?? (() => undefined),
    outageLog(logger, STALL_WARNING_INTERVAL_MS),
  );
  return {
    backend: "redis",
    get ready() {
      return redis.isReady && !guard.stalled;
    },
    sendCommand: (use, args) =>
      guard.run(use, () => redis.sendCommand(args) as Promise<RedisReply>),
    keyv: <Value>(namespace: string) =>
      once(
        namespace,
        () =>
          new Keyv<Value>({
            store: boundedRedisStore(redis, namespace, guard, logger),
            namespace: `${keyPrefix}${namespace}`,
            useKeyPrefix: false,
            throwOnErrors: true,
          }),
      ),
    claim: async (namespace, key, ttlMs) => {
      try {
        const reply = await guard.run(namespace, () =>
          redis.set(`${keyPrefix}${namespace}:${key}`, "1", {
            condition: "NX",
            expiration: { type: "PX", value: ttlMs },
          }),
        );
        // Also recorded here, both ways: a key claimed in memory while Redis was away stays
        // claimed when Redis is back, and one claimed in Redis stays claimed if Redis goes away.
        const firstHere = claimInMemory(namespace, key, ttlMs);
        return reply === "OK" && firstHere;
      } catch {
        return claimInMemory(namespace, key, ttlMs);
      }
    },
    close: async () => {
      if (!redis.isOpen) return;
      // close() waits for the replies to commands already sent, which a stalled Redis never gives.
      if (guard.stalled) redis.destroy();
      else await redis.close().catch(() => undefined);
    },
  };
}
