import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.js";

/** An incoming id is kept only if it is a plain token: it ends up in logs and response headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes poll every few seconds; logging each would drown the requests that matter. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers["x-request-id"];
  const id =
    typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}

/** The path, and the query's names without their values: a token sent as `?token=` stays out of the logs. */
export function redactedUrl(url: string): string {
  const start = url.indexOf("?");
  if (start < 0) return url;
  const names = [...new URLSearchParams(url.slice(start + 1)).keys()];
  return `${url.slice(0, start)}?${names.map((name) => `${encodeURIComponent(name)}=…`).join("&")}`;
}

/**
 * One log line per request with its id, method, URL, status and time. Bodies and headers are
 * left out: questions may be personal and the Authorization header is a secret.
 *
 * Levels follow whose problem it is: info for what a client got wrong (4xx), warn for a refusal
 * we meant (503 while starting or without a feedback store), and error, with the stack, only
 * for a failure the error handler did not expect (it sets `res.err`).
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url?.split("?")[0] ?? "") },
    customLogLevel: (_req, res, error) =>
      error || res.err ? "error" : res.statusCode >= 500 ? "warn" : "info",
    // pino-http makes up an error, stack and all, for every 5xx; an expected one needs none.
    customErrorObject: (_req, res, _error, fields: Record<string, unknown>) =>
      res.err ? fields : { ...fields, err: undefined },
    customErrorMessage: (_req, res) => (res.err ? "request errored" : "request completed"),
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactedUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
