import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logger.js";
import type { SlackMessage } from "./blocks.js";

/** Slack accepts at most five posts to one response_url (within 30 minutes). */
export const MAX_POSTS = 5;

export interface DeliveryOptions {
  logger: Logger;
  fetch?: typeof fetch;
  /** The waits before each retry; attempts are one more than these, capped at MAX_POSTS. */
  retryDelaysMs?: number[];
  /** How long one POST may take before it counts as failed. */
  attemptTimeoutMs?: number;
}

type Attempt = { ok: true } | { ok: false; retry: boolean; detail: string };

/**
 * Background work after the acknowledgement: composing late answers and posting them to
 * response_url. Every job is tracked, so shutdown (and tests) can wait for them with `settled()`
 * or cut them short with `abandon()`; a failing job is logged, never thrown.
 */
export class SlackDeliveries {
  private readonly jobs = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private readonly fetch: typeof fetch;
  private readonly retryDelaysMs: number[];
  private readonly attemptTimeoutMs: number;

  constructor(private readonly options: DeliveryOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.retryDelaysMs = (options.retryDelaysMs ?? [1_000, 4_000, 15_000]).slice(0, MAX_POSTS - 1);
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  }

  /** Aborted by `abandon()`: background work should pass it on to whatever it waits for. */
  get signal(): AbortSignal {
    return this.stop.signal;
  }

  get pending(): number {
    return this.jobs.size;
  }

  run(job: (signal: AbortSignal) => Promise<void>): void {
    const tracked = Promise.resolve()
      .then(() => job(this.stop.signal))
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, "slack background job failed");
      })
      .finally(() => this.jobs.delete(tracked));
    this.jobs.add(tracked);
  }

  /** Resolves once no job is left, including jobs started while waiting. */
  async settled(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all(this.jobs);
  }

  /** Cancels waits and requests in flight; jobs then end promptly (await `settled()`). */
  abandon(): void {
    this.stop.abort(new Error("slack deliveries abandoned"));
  }

  /** POSTs `message` to `url`, retrying with backoff; resolves whether or not it got through. */
  async post(url: URL, message: SlackMessage, signal: AbortSignal = this.signal): Promise<boolean> {
    // The path of a response_url is a bearer token: logs get the host only.
    const log = this.options.logger.child({ responseHost: url.host });
    const attempts = this.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const result = await this.attempt(url, message, signal);
      if (result.ok) {
        log.info({ attempt }, "slack answer delivered");
        return true;
      }
      const last = attempt === attempts || !result.retry || signal.aborted;
      log.warn({ attempt, detail: result.detail, willRetry: !last }, "slack delivery failed");
      if (last) break;
      try {
        await sleep(this.retryDelaysMs[attempt - 1], undefined, { signal });
      } catch {
        break;
      }
    }
    log.error({ aborted: signal.aborted }, "slack delivery given up");
    return false;
  }

  private async attempt(url: URL, message: SlackMessage, signal: AbortSignal): Promise<Attempt> {
    try {
      const response = await this.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(message),
        // A redirect would send the answer to a host that was never checked.
        redirect: "manual",
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.attemptTimeoutMs)]),
      });
      // Slack explains failures in the body ("expired_url", "invalid_blocks", …).
      const body = (await response.text()).slice(0, 200);
      if (response.ok) return { ok: true };
      // Other 4xx answers (an expired URL, a rejected message) will not change on a retry, and
      // each retry uses up one of the URL's five posts.
      const retry = response.status === 408 || response.status === 429 || response.status >= 500;
      return { ok: false, retry, detail: `HTTP ${response.status} ${body}`.trim() };
    } catch (error) {
      return {
        ok: false,
        retry: true,
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
