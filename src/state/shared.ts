import KeyvRedis, { createClient, type RedisClientType } from "@keyv/redis";
import { Keyv } from "keyv";
import { LRUCache } from "lru-cache";
import type { Logger } from "../logger.js";

/**
 * State that replicas share when REDIS_URL is set (rate-limit counters, cached answers, and
 * whatever else needs a key-value store), and that one process keeps in memory otherwise.
 */
export interface SharedState {
  backend: "redis" | "memory";
  /** The Redis connection, for stores that speak Redis themselves (the rate limiter). */
  redis?: RedisClientType;
  /**
   * A key-value store under `namespace` (after REDIS_KEY_PREFIX in Redis); in memory it keeps at
   * most `memoryEntries` entries, least recently used first out. A Redis-backed store rejects
   * when Redis fails (throwOnErrors), so that each caller chooses to fail open or closed.
   */
  keyv<Value>(namespace: string, options?: { memoryEntries?: number }): Keyv<Value>;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  redisUrl?: string;
  keyPrefix: string;
  logger: Logger;
}

const MEMORY_ENTRIES = 10_000;

/**
 * Redis commands fail at once while the connection is down instead of queueing: every user of
 * this state treats a failure as "not shared right now" (a cache miss, an unlimited request), and
 * a queued command would hold a request until Redis came back.
 */
function connect(url: string, logger: Logger): RedisClientType {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  }) as RedisClientType;
  let down = false;
  client.on("error", (error: unknown) => {
    // Every reconnection attempt fails with an error; one line per outage is enough.
    if (down) return;
    down = true;
    logger.warn({ err: error }, "Redis unavailable: answers uncached, rate limits not enforced");
  });
  client.on("ready", () => {
    if (down) logger.info("Redis connection restored");
    down = false;
  });
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

  if (!redisUrl) {
    return {
      backend: "memory",
      keyv: <Value>(namespace: string, opts?: { memoryEntries?: number }) =>
        once(
          namespace,
          () =>
            new Keyv<Value>({
              store: lruStore(opts?.memoryEntries ?? MEMORY_ENTRIES),
              namespace,
            }),
        ),
      close: async () => undefined,
    };
  }

  const redis = connect(redisUrl, logger);
  return {
    backend: "redis",
    redis,
    keyv: <Value>(namespace: string) =>
      once(
        namespace,
        () =>
          new Keyv<Value>({
            store: new KeyvRedis(redis, { throwOnErrors: true }),
            namespace: `${keyPrefix}${namespace}`,
            useKeyPrefix: false,
            throwOnErrors: true,
          }),
      ),
    close: async () => {
      if (redis.isOpen) await redis.close().catch(() => undefined);
    },
  };
}
