import type { RequestHandler } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import { type Logger, throttled } from "../logger.js";
import { type RedisReply, RedisTimeoutError, RedisUnavailableError } from "../state/shared.js";
import { ServiceError } from "./errors.js";
import type { HttpMetrics } from "./metrics.js";

/** The limiter's checks of our setup fail with codes ERR_ERL_…, e.g. for an X-Forwarded-For header while TRUST_PROXY is off. */
const setupCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_ERL_") ? code : undefined;
};

/** At most one warning per this interval while the shared store keeps failing. */
const STORE_WARNING_INTERVAL_MS = 30_000;

/** Redis being away or stalled, which the shared state logs once per outage itself. */
const isRedisOutage = (error: unknown) =>
  error instanceof RedisTimeoutError || error instanceof RedisUnavailableError;

/**
 * The limiter logs to the console by default: stack traces on stderr among our JSON lines. Its
 * checks of our setup are configuration warnings, worth a line at warn without a stack; a failing
 * shared store lets requests through (fail open) and is worth a warning, at most one per interval,
 * unless Redis is away, which is logged where the connection is.
 */
function rateLimitLogger(logger: Logger) {
  const warnSetup = (error: unknown, message?: string) =>
    logger.warn(
      { code: setupCode(error) },
      message ?? (error instanceof Error ? error.message : String(error)),
    );
  const storeWarning = throttled(STORE_WARNING_INTERVAL_MS);
  const warnStore = (error: unknown, message?: string) => {
    if (isRedisOutage(error)) return;
    storeWarning((skipped) =>
      logger.warn(
        { err: error, unloggedFailures: skipped },
        message ?? "rate-limit store failed; requests pass unlimited",
      ),
    );
  };
  const log = (error: unknown, message?: string) =>
    setupCode(error) ? warnSetup(error, message) : warnStore(error, message);
  return { warn: log, error: log };
}

export interface RateLimitOptions {
  /** Counters shared by replicas (Redis); this process's memory when absent. */
  store?: Store;
  metrics?: HttpMetrics;
  logger: Logger;
}

/**
 * Per client IP (behind a proxy, per TRUST_PROXY); undefined when RATE_LIMIT_PER_MINUTE is 0.
 * When the shared store fails, requests pass unlimited (fail open, with a warning): the limit
 * protects capacity, not data, and a Redis outage must not take answering down with it.
 */
export function apiRateLimit(
  perMinute: number,
  options: RateLimitOptions,
): RequestHandler | undefined {
  if (perMinute === 0) return undefined;
  return rateLimit({
    logger: rateLimitLogger(options.logger),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    ...(options.store ? { store: options.store, passOnStoreError: true } : {}),
    // Preflights carry no work and would halve a browser client's budget.
    skip: (req) => req.method === "OPTIONS",
    handler: (_req, _res, next) => {
      options.metrics?.recordRateLimited();
      next(
        new ServiceError(
          "rate_limited",
          "rate_limited",
          "Too many requests; try again in a minute.",
        ),
      );
    },
  });
}

/**
 * Rate-limit counters in Redis under `prefix`, shared by every replica, sent through
 * `sendCommand` (the shared state's, which bounds each command); each failure is counted.
 * rate-limit-redis loads its script once and reloads it only on NOSCRIPT: a load that failed
 * because Redis was away (at start, or in an outage) would fail every later call, so a failed
 * increment loads the script again for the next one.
 */
export function redisRateLimitStore(
  sendCommand: (args: string[]) => Promise<RedisReply>,
  prefix: string,
  metrics?: HttpMetrics,
): Store {
  class ResilientRedisStore extends RedisStore {
    override async increment(key: string) {
      try {
        return await super.increment(key);
      } catch (error) {
        metrics?.recordRateLimitStoreError();
        this.incrementScriptSha = this.loadIncrementScript();
        this.incrementScriptSha.catch(() => undefined);
        throw error;
      }
    }
  }
  return new ResilientRedisStore({
    prefix,
    sendCommand: (...args: string[]) => sendCommand(args),
  });
}
