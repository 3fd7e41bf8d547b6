import type { RequestHandler } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Answer } from "../answer/types.js";
import type { RedisFailure } from "../state/shared.js";

export interface HttpMetrics {
  registry: Registry;
  /** Counts an answer by how it was produced; called once per answer actually delivered. */
  recordAnswer(answer: Answer): void;
  /** Times every request and labels it by route pattern, so that raw URLs never explode the label set. */
  middleware: RequestHandler;
  /** Counts one answer-cache lookup: a hit, a miss, or a cache that failed or was too slow. */
  recordCacheLookup(result: "hit" | "miss" | "error"): void;
  /** Counts a request refused by the rate limiter. */
  recordRateLimited(): void;
  /** Counts a rate-limit store failure (the request then passes unlimited). */
  recordRateLimitStoreError(): void;
  /**
   * Counts a Redis operation given up, by what it was for (answers, rate-limit, slack-signatures…)
   * and why (timeout, unavailable, error); the request it served went on without Redis.
   */
  recordRedisFailure(use: string, failure: RedisFailure): void;
  /** Counts a failed feedback-storage operation, by engine. */
  recordStorageError(engine: string): void;
  /** Counts question-log records written, or dropped because the backlog was full. */
  recordQuestions(result: "written" | "dropped", count: number): void;
  /**
   * Which engines hold this replica's shared state (one gauge set to 1), so that an operator
   * sees at a glance whether every replica behind the balancer shares the same ones.
   */
  setBackends(backends: { feedback: string; cache: string; rateLimit: string }): void;
}

/**
 * The label for a request's route: the pattern our routes record in `res.locals.route`, else the
 * one Express matched in a mounted router (pages, Slack), else "unmatched" for 404s and requests
 * turned away before routing.
 */
function routeLabel(locals: Record<string, unknown>, baseUrl: string, path: unknown): string {
  if (typeof locals.route === "string") return locals.route;
  if (typeof path === "string") return `${baseUrl}${path}`;
  return "unmatched";
}

/**
 * A registry per app, so that tests can build many apps in one process. Process metrics (CPU,
 * memory, event loop) are opt-in: they start timers that only the real server should own.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}): HttpMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to the end of the response (whole stream for server-sent events).",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const inProgress = new Gauge({
    name: "http_requests_in_progress",
    help: "Requests received and not yet answered (or abandoned), this scrape included.",
    registers: [registry],
  });
  const answers = new Counter({
    name: "briefwijzer_answers_total",
    help: "Answers delivered, by mode (extractive or llm) and whether the letter grounded them.",
    labelNames: ["mode", "grounded"] as const,
    registers: [registry],
  });

  const cacheLookups = new Counter({
    name: "briefwijzer_answer_cache_lookups_total",
    help: "Answer-cache lookups by result: hit, miss, or error (cache failed or too slow; counted as a miss).",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "briefwijzer_rate_limited_total",
    help: "Requests refused with 429 by the per-client rate limit.",
    registers: [registry],
  });
  const rateLimitStoreErrors = new Counter({
    name: "briefwijzer_rate_limit_store_errors_total",
    help: "Rate-limit store (Redis) failures; each such request passed without a limit.",
    registers: [registry],
  });
  const redisFailures = new Counter({
    name: "briefwijzer_redis_failures_total",
    help: "Redis operations given up (the request went on without Redis), by use and failure: timeout (no reply in REDIS_TIMEOUT_MS), unavailable (Redis down or still stalled: not sent, or its connection lost before the reply), error.",
    labelNames: ["use", "failure"] as const,
    registers: [registry],
  });
  const storageErrors = new Counter({
    name: "briefwijzer_feedback_storage_errors_total",
    help: "Failed operations on the feedback database (ratings, question log, insights), by engine.",
    labelNames: ["engine"] as const,
    registers: [registry],
  });
  const questions = new Counter({
    name: "briefwijzer_question_log_records_total",
    help: "Question-log records written, or dropped while the database was away and the backlog full.",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const backendsInfo = new Gauge({
    name: "briefwijzer_backends_info",
    help: "Engines holding this replica's state: feedback (sqlite, postgres), cache and rate limit (memory, redis).",
    labelNames: ["feedback", "cache", "rate_limit"] as const,
    registers: [registry],
  });
  // Zero rather than absent before the first event, so that rates and alerts work from the start.
  for (const result of ["hit", "miss", "error"] as const) cacheLookups.inc({ result }, 0);
  for (const result of ["written", "dropped"] as const) questions.inc({ result }, 0);

  const middleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    inProgress.inc();
    // "close" also fires when the client goes away mid-response, which must be counted too.
    res.once("close", () => {
      inProgress.dec();
      const labels = {
        method: req.method,
        route: routeLabel(res.locals, req.baseUrl, req.route?.path),
        status: String(res.statusCode),
      };
      requests.inc(labels);
      stop(labels);
    });
    next();
  };

  return {
    registry,
    middleware,
    recordAnswer: (answer) => answers.inc({ mode: answer.mode, grounded: String(answer.grounded) }),
    recordCacheLookup: (result) => cacheLookups.inc({ result }),
    recordRateLimited: () => rateLimited.inc(),
    recordRateLimitStoreError: () => rateLimitStoreErrors.inc(),
    recordRedisFailure: (use, failure) => redisFailures.inc({ use, failure }),
    recordStorageError: (engine) => storageErrors.inc({ engine }),
    recordQuestions: (result, count) => questions.inc({ result }, count),
    setBackends: ({ feedback, cache, rateLimit }) => {
      backendsInfo.reset();
      backendsInfo.set({ feedback, cache, rate_limit: rateLimit }, 1);
    },
  };
}
