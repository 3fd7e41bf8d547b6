import { setTimeout as sleep } from "node:timers/promises";
import { type AnswerRuntime, createAnswerService, loadLetterLogged } from "../answer/service.js";
import type { AnswerService } from "../answer/types.js";
import { openFeedbackStore } from "../feedback/store.js";
import { createApp } from "../http/app.js";
import { ReadinessHandle } from "../http/dependencies.js";
import { createMetrics } from "../http/metrics.js";
import { startServer } from "../http/server.js";
import { createSlackRouter } from "../slack/router.js";
import { createWebRouter } from "../web/router.js";
import { cliRuntime } from "./runtime.js";

/** `npm start`: listens at once (health checks answer, /readyz says 503), then loads the index. */
const { config, logger } = cliRuntime(1);
const letter = loadLetterLogged(config, logger);
const feedback = openFeedbackStore({ path: config.feedback.dbPath, logger });
const answers = new ReadinessHandle<AnswerService>();
const shutdown = new AbortController();
const slack = createSlackRouter({ config, logger, answers });
const app = createApp({
  config,
  logger,
  letter,
  answers,
  feedback,
  metrics: createMetrics({ processMetrics: true }),
  routers: { slack, web: createWebRouter({ letter, logger }) },
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

let stopping = false;
async function stop(signal: string): Promise<void> {
  // npm and tsx relay a terminal's Ctrl-C to this process as well, so one keypress can arrive
  // twice; the drain is bounded by SHUTDOWN_TIMEOUT_MS anyway.
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  await Promise.all([server.close(), settleSlackDeliveries()]);
  feedback.close();
  await runtime?.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

try {
  runtime = await createAnswerService({ config, logger, letter });
  answers.set(runtime.answers);
  logger.info({ url: server.url }, "ready");
} catch (error) {
  logger.fatal({ err: error }, "could not load the answer service");
  await server.close();
  feedback.close();
  process.exit(1);
}
