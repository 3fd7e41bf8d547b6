import { STATUS_CODES } from "node:http";
import type { ErrorRequestHandler, RequestHandler } from "express";
import {
  type ErrorBody,
  httpStatus,
  internalError,
  knownError,
  notFound,
  ServiceError,
} from "./errors.js";

export const unknownRoute: RequestHandler = (req, res, next) => {
  res.locals.route = "unmatched";
  next(notFound(`No route for ${req.method} ${req.path}.`));
};

/** The only place that turns errors into HTTP responses: JSON, no stack traces, 500 only for our own faults. */
export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const known = knownError(error);
  if (!known) {
    // pino-http logs the failed request with this error attached.
    res.err = error instanceof Error ? error : new Error(String(error));
  }
  if (res.headersSent) {
    // Nothing sane can be appended to a response under way: cut it off so the client sees a failure.
    res.destroy();
    return;
  }
  const failure = known ?? internalError();
  const body: ErrorBody = { error: { code: failure.code, message: failure.message } };
  res.status(httpStatus(failure)).set(failure.headers).json(body);
};

/**
 * Failures Node's HTTP parser detects before any request reaches the app (a request or its
 * headers too slow, headers too large, bytes that are not HTTP), as HTTP/1.1 bytes to write on
 * the socket: the same JSON contract as every other error, and the connection is closed.
 */
export function clientErrorResponse(error: NodeJS.ErrnoException): string {
  const failure =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? new ServiceError("timeout", "request_timeout", "The request was not received in time.")
      : error.code === "HPE_HEADER_OVERFLOW"
        ? new ServiceError(
            "headers_too_large",
            "headers_too_large",
            "The request headers are too large.",
          )
        : new ServiceError("invalid_input", "bad_request", "The request is malformed.");
  const body = JSON.stringify({ error: { code: failure.code, message: failure.message } });
  return [
    `HTTP/1.1 ${httpStatus(failure)} ${STATUS_CODES[httpStatus(failure)]}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}
