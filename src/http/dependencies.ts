import type { Router } from "express";
import type { Store } from "express-rate-limit";
import type { AnswerService } from "../answer/types.js";
import type { Config } from "../config.js";
import type { FeedbackStore } from "../feedback/store.js";
import type { Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";
import type { HttpMetrics } from "./metrics.js";

/**
 * A value that arrives after start-up. The server listens before the index has loaded, so that
 * health checks answer and `/readyz` can say "not yet".
 */
export class ReadinessHandle<T> {
  private value: T | undefined;
  private readonly waiters = new Set<(value: T) => void>();

  set(value: T): void {
    this.value = value;
    for (const wake of this.waiters) wake(value);
    this.waiters.clear();
  }

  get(): T | undefined {
    return this.value;
  }

  /** The value once set, or undefined if it is not set within `ms`. */
  async within(ms: number): Promise<T | undefined> {
    if (this.value !== undefined || ms <= 0) return this.value;
    let wake: ((value: T) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<T | undefined>((resolve) => {
        wake = resolve;
        this.waiters.add(resolve);
        timer = setTimeout(() => resolve(undefined), ms);
      });
    } finally {
      clearTimeout(timer);
      if (wake) this.waiters.delete(wake);
    }
  }
}

export interface AppDependencies {
  config: Config;
  logger: Logger;
  letter: Letter;
  answers: ReadinessHandle<AnswerService>;
  feedback: FeedbackStore;
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
