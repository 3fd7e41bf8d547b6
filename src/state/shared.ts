import { Keyv } from "keyv";
import { LRUCache } from "lru-cache";
import type { Logger } from "../logger.js";

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

export class RedisTimeoutError extends Error {
  override name = "RedisTimeoutError";
}

export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
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
export function memoryClaims() {
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

/**
 * One Keyv per namespace, so that every user of a namespace in this process sees the same entries
 * (in memory, a second store would be a second, empty map).
 */
export function keyvPerNamespace(logger: Logger) {
  const stores = new Map<string, Keyv>();
  return <Value>(namespace: string, create: () => Keyv<Value>): Keyv<Value> => {
    let store = stores.get(namespace);
    if (!store) {
      store = create() as Keyv;
      // Outages are logged once by the connection; per-operation errors only at debug level.
      store.on("error", (error: unknown) => logger.debug({ err: error }, "key-value store error"));
      stores.set(namespace, store);
    }
    return store as Keyv<Value>;
  };
}

/** This process's own state, for a single replica or for what must stay per replica. */
export function memorySharedState(options: Pick<SharedStateOptions, "logger">): SharedState {
  const once = keyvPerNamespace(options.logger);
  const claimInMemory = memoryClaims();
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

/**
 * Redis when `redisUrl` is set, else this process's memory. The Redis client is imported only
 * then: a single replica would otherwise hold it resident (a few megabytes, `npm run bench`)
 * for nothing.
 */
export async function createSharedState(options: SharedStateOptions): Promise<SharedState> {
  const { redisUrl } = options;
  if (!redisUrl) return memorySharedState(options);
  const { redisSharedState } = await import("./redis.js");
  return redisSharedState({ ...options, redisUrl });
}
