import type { RequestHandler } from "express";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { Answer } from "../answer/types.js";

export interface HttpMetrics {
  registry: Registry;
  /** Counts an answer by how it was produced; called once per answer actually delivered. */
  recordAnswer(answer: Answer): void;
  /** Times every request and labels it by route pattern, so that raw URLs never explode the label set. */
  middleware: RequestHandler;
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
  const answers = new Counter({
    name: "briefwijzer_answers_total",
    help: "Answers delivered, by mode (extractive or llm) and whether the letter grounded them.",
    labelNames: ["mode", "grounded"] as const,
    registers: [registry],
  });

  const middleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    // "close" also fires when the client goes away mid-response, which must be counted too.
    res.once("close", () => {
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
  };
}
