import type { RequestHandler } from "express";
import type { AnswerService } from "../../answer/types.js";
import { notReady } from "../../server/errors.js";
import type { HttpMetrics } from "../../server/metrics.js";
import type { ReadinessHandle } from "../../server/readiness.js";

export const liveness: RequestHandler = (_req, res) => {
  res.set("Cache-Control", "no-store").json({ status: "ok" });
};

export function readiness(answers: ReadinessHandle<AnswerService>): RequestHandler {
  return (_req, res) => {
    if (!answers.get()) throw notReady();
    res.set("Cache-Control", "no-store").json({ status: "ready" });
  };
}

export function metricsController(metrics: HttpMetrics): RequestHandler {
  return async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
