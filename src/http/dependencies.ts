import type { Router } from "express";
import type { Store } from "express-rate-limit";
import type { AnswerService } from "../answer/types.js";
import type { Config } from "../config.js";
import type { QuestionLog } from "../feedback/recorder.js";
import type { FeedbackStore } from "../feedback/store.js";
import type { Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";
import type { HttpMetrics } from "../server/metrics.js";
import type { ReadinessHandle } from "../server/readiness.js";

export interface AppDependencies {
  config: Config;
  logger: Logger;
  letter: Letter;
  answers: ReadinessHandle<AnswerService>;
  feedback: FeedbackStore;
  /** Records the questions asked through /api/ask; none are recorded without it. */
  questionLog?: QuestionLog;
  /** Rate-limit counters shared by replicas (Redis); this process's memory when absent. */
  rateLimitStore?: Store;
  /** Defaults to a fresh registry without process metrics. */
  metrics?: HttpMetrics;
  /** Other channels' routers: Slack is mounted before any body parser, as it verifies raw bytes. */
  routers?: { slack?: Router; web?: Router; mcp?: Router };
  /**
   * Aborted when a graceful shutdown runs out of time: open answer streams then end with an
   * `error` event instead of being cut off mid-event.
   */
  shutdownSignal?: AbortSignal;
  /** Interval of `: ping` comments on answer streams, which keep proxies from timing them out. */
  heartbeatMs?: number;
}
