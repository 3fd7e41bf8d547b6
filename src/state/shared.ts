import KeyvRedis, { createClient, type RedisClientType } from "@keyv/redis";
import { Keyv } from "keyv";
import { LRUCache } from "lru-cache";
import { type Logger, throttled } from "../logger.js";

/** What a Redis command can answer, as the rate limiter's Redis store expects it. */
export type RedisReply = boolean | number | string | Array<boolean | number | string>;

/**
 * Why a Redis operation was given up: no reply within the bound (`timeout`), Redis down or stalled
 * (`unavailable`: not even sent, or its connection lost before the reply), or refused (`error`).
 */
export type RedisFailure = "timeout" | "unavailable" | "error";

/**
 * State that replicas share when REDIS_URL is set (rate-limit counters, cached answers, Slack
 * signatures already seen), and that one process keeps in memory otherwise. Every Redis operation
 * is bounded: a Redis that stops answering costs a request at most `timeoutMs` once, after which
 * operations fail at once until it answers again. Each user chooses how to fail (open, for all of
 * them today).
 */
export interface SharedState {
  backend: "redis" | "memory";
  /** Whether operations reach Redis right now (always true in memory). */
  readonly ready: boolean;
  /**
   * One raw Redis command under the same bound as every other, for stores that speak Redis
   * themselves (the rate limiter); undefined in memory. `use` labels failures in logs and metrics.
   */
  sendCommand?: (use: string, args: string[]) => Promise<RedisReply>;
  /**
   * A key-value store under `namespace` (after REDIS_KEY_PREFIX in Redis); in memory it keeps at
   * most `memoryEntries` entries, least recently used first out. A Redis-backed store rejects
   * when Redis fails or does not answer in time.
   */
  keyv<Value>(namespace: string, options?: { memoryEntries?: number }): Keyv<Value>;
  /**
   * Records `key` in `namespace` for `ttlMs` unless it is already there, atomically (Redis
   * `SET NX PX`): true for the one caller, on any replica, that recorded it. When Redis fails or
   * does not answer in time, the key is recorded in this process's memory instead, so the check
   * still holds within one replica. Never rejects.
   */
  claim(namespace: string, key: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  redisUrl?: string;
  keyPrefix: string;
  logger: Logger;
  /** Longest wait for one Redis operation (REDIS_TIMEOUT_MS); default 250 ms. */
  timeoutMs?: number;
  /** Told about every Redis operation given up, for the metric. */
  onFailure?: (use: string, failure: RedisFailure) => void;
}

const MEMORY_ENTRIES = 10_000;
const DEFAULT_TIMEOUT_MS = 250;
/** At most one warning per this interval for stalls, however often Redis turns slow. */
const STALL_WARNING_INTERVAL_MS = 30_000;
const DEGRADED = "answers uncached, rate limits not enforced, Slack replays checked per replica";

export class RedisTimeoutError extends Error {
  override name = "RedisTimeoutError";
}

export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

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

/**
 * A bounded Map for Keyv. Keyv keeps each entry's expiry in the value and passes the TTL as a
 * third argument that lru-cache would read as its options, so `set` takes only key and value.
 */
function lruStore(max: number) {
  const lru = new LRUCache<string, string | object>({ max });
  return {
    get: (key: string) => lru.get(key),
    set: (key: string, value: string | object) => {
      lru.set(key, value);
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
    has: (key: string) => lru.has(key),
  };
}

/** Keys recorded in this process's memory for a time: the claims of one process, or a replica's fallback. */
function memoryClaims() {
  const namespaces = new Map<string, LRUCache<string, true>>();
  return (namespace: string, key: string, ttlMs: number): boolean => {
    let seen = namespaces.get(namespace);
    if (!seen) {
      seen = new LRUCache<string, true>({ max: MEMORY_ENTRIES });
      namespaces.set(namespace, seen);
    }
    // Synchronous, so two callers in this process cannot both find the key absent.
    if (seen.has(key)) return false;
    seen.set(key, true, { ttl: ttlMs });
    return true;
  };
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

export function createSharedState(options: SharedStateOptions): SharedState {
  const { redisUrl, keyPrefix, logger } = options;
  // One store per namespace, so that every user of a namespace in this process sees the same
  // entries (in memory, a second store would be a second, empty map).
  const stores = new Map<string, Keyv>();
  const once = <Value>(namespace: string, create: () => Keyv<Value>): Keyv<Value> => {
    let store = stores.get(namespace);
    if (!store) {
      store = create() as Keyv;
      // Outages are logged once by the connection; per-operation errors only at debug level.
      store.on("error", (error: unknown) => logger.debug({ err: error }, "key-value store error"));
      stores.set(namespace, store);
    }
    return store as Keyv<Value>;
  };
  const claimInMemory = memoryClaims();

  if (!redisUrl) {
    return {
      backend: "memory",
      ready: true,
      keyv: <Value>(namespace: string, opts?: { memoryEntries?: number }) =>
        once(
          namespace,
          () =>
            new Keyv<Value>({
              store: lruStore(opts?.memoryEntries ?? MEMORY_ENTRIES),
              namespace,
            }),
        ),
      claim: async (namespace, key, ttlMs) => claimInMemory(namespace, key, ttlMs),
      close: async () => undefined,
    };
  }

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
