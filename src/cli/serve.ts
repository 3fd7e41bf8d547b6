import { constants } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { type AnswerRuntime, createAnswerService, loadLetterLogged } from "../answer/service.js";
import type { AnswerService } from "../answer/types.js";
import { openFeedbackStore } from "../feedback/store.js";
import { createApp } from "../http/app.js";
import { startServer } from "../http/server.js";
import type { LetterBackend } from "../mcp/backend.js";
import { createMcpRouter } from "../mcp/http.js";
import { collectGarbageOnce } from "../memory.js";
import { createMetrics } from "../server/metrics.js";
import { redisRateLimitStore } from "../server/rate-limit.js";
import { ReadinessHandle } from "../server/readiness.js";
import { createSlackRouter } from "../slack/router.js";
import { createWebRouter } from "../web/router.js";
import { letterBackend } from "./mcp-backend.js";
import { cachedAnswers, cliRuntime, questionLogFor, sharedState } from "./runtime.js";

/** `npm start`: listens at once (health checks answer, /readyz says 503), then loads the index. */
const { config, logger } = cliRuntime(1);
// Node prints its warnings (deprecations, listener leaks, …) as plain text on stderr; the
// README promises JSON lines.
process.removeAllListeners("warning");
process.on("warning", (warning) => logger.warn({ warning: warning.name }, warning.message));
const letter = loadLetterLogged(config, logger);
const metrics = createMetrics({ processMetrics: true });
const shared = await sharedState(config, logger, metrics.recordRedisFailure);
const feedback = openFeedbackStore({
  databaseUrl: config.shared.databaseUrl,
  path: config.feedback.dbPath,
  logger,
  onError: metrics.recordStorageError,
});
await feedback.opened;
const questionLog = questionLogFor({
  config,
  logger,
  letter,
  feedback,
  onRecords: metrics.recordQuestions,
});
metrics.setBackends({
  feedback: feedback.engine,
  cache: config.cache.size === 0 ? "off" : shared.backend,
  rateLimit: config.http.rateLimitPerMinute === 0 ? "off" : shared.backend,
});
/** Counters in Redis under `keys` when replicas share it; undefined keeps them in memory. */
function rateLimitStore(use: string, keys: string) {
  const { sendCommand } = shared;
  return sendCommand
    ? redisRateLimitStore(
        (args) => sendCommand(use, args),
        `${config.shared.redisKeyPrefix}${keys}`,
        metrics,
      )
    : undefined;
}
const answers = new ReadinessHandle<AnswerService>();
const shutdown = new AbortController();
const slack = createSlackRouter({
  config,
  logger,
  answers: {
    get: () => {
      const service = answers.get();
      return service && questionLog.wrap(service, "slack");
    },
  },
  claimSignature: (key, ttlMs) => shared.claim("slack-signatures", key, ttlMs),
});
const mcpBackend = new ReadinessHandle<LetterBackend>();
const mcp = createMcpRouter({
  config,
  // Its own budget of the same size as /api's, in its own counters.
  rateLimit: {
    logger,
    metrics,
    store: rateLimitStore("rate-limit-mcp", "rate-mcp:"),
  },
  // Briefly: a load balancer keeps traffic away until /readyz says 200.
  servers: async () =>
    (await import("../mcp/server.js")).mcpServerFactory({
      letter,
      backend: mcpBackend,
      logger,
      readyWithinMs: 5_000,
    }),
});
const app = createApp({
  config,
  logger,
  letter,
  answers,
  feedback,
  questionLog,
  metrics,
  rateLimitStore: rateLimitStore("rate-limit", "rate:"),
  routers: { slack, mcp, web: createWebRouter({ letter, logger }) },
  shutdownSignal: shutdown.signal,
});
const server = await startServer(app, { config, logger, shutdown });
logger.info({ url: server.url }, "listening; loading the index");

let runtime: AnswerRuntime | undefined;

/** Slack answers still being delivered get the same grace as HTTP requests, then are abandoned. */
async function settleSlackDeliveries(): Promise<void> {
  const timer = new AbortController();
  const settled = await Promise.race([
    slack.deliveries.settled().then(() => true),
    sleep(config.shutdownTimeoutMs, false, { signal: timer.signal }).catch(() => false),
  ]);
  timer.abort();
  if (!settled) {
    slack.deliveries.abandon();
    await slack.deliveries.settled();
  }
}

/**
 * npm relays a terminal's Ctrl-C to this process as well, so one keypress arrives twice within a
 * few milliseconds: a repeat within this time is that echo, not an operator insisting.
 */
const SIGNAL_ECHO_MS = 500;

let stoppingSince: number | undefined;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stoppingSince !== undefined) {
    if (performance.now() - stoppingSince < SIGNAL_ECHO_MS) return;
    logger.warn({ signal }, "second signal: exiting at once");
    process.exit(128 + (constants.signals[signal] ?? 0));
  }
  stoppingSince = performance.now();
  logger.info({ signal }, "shutting down");
  await Promise.all([server.close(), settleSlackDeliveries()]);
  // The questions answered last are written before the database closes.
  await questionLog.close();
  await Promise.all([feedback.close(), shared.close(), runtime?.close()]);
  logger.info("stopped");
  process.exit(0);
}
/**
 * Every signal that asks the service to end gets the same drain. Left to Node's defaults, SIGHUP
 * (a closed terminal, a supervisor's reload) and SIGUSR2 (nodemon's restart) would end the
 * process at once, cutting every request in flight without a word.
 */
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP", "SIGUSR2"] as const) {
  process.on(signal, () => void stop(signal));
}

try {
  runtime = await createAnswerService({ config, logger, letter });
  const cached = cachedAnswers(runtime, config, shared, metrics.recordCacheLookup);
  answers.set(cached);
  mcpBackend.set(letterBackend(runtime, questionLog.wrap(cached, "mcp")));
  // Loading leaves garbage (the word lists' parse, the index's read) that idle traffic would hold.
  collectGarbageOnce();
  logger.info({ url: server.url }, "ready");
} catch (error) {
  logger.fatal({ err: error }, "could not load the answer service");
  await server.close();
  await questionLog.close();
  await Promise.all([feedback.close(), shared.close()]);
  process.exit(1);
}
