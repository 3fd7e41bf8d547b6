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

/** An error as raw HTTP/1.1 bytes, for a socket the app never gets to answer on; the connection is then closed. */
export function rawErrorResponse(failure: ServiceError): string {
  const status = httpStatus(failure);
  const body: ErrorBody = { error: { code: failure.code, message: failure.message } };
  const text = JSON.stringify(body);
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(text)}`,
    ...Object.entries(failure.headers).map(([name, value]) => `${name}: ${value}`),
    "Connection: close",
    "",
    text,
  ].join("\r\n");
}

/**
 * Failures Node's HTTP parser detects before any request reaches the app (a request or its
 * headers too slow, headers too large, bytes that are not HTTP), as HTTP/1.1 bytes to write on
 * the socket: the same JSON contract as every other error, and the connection is closed.
 */
export function clientErrorResponse(error: NodeJS.ErrnoException): string {
  return rawErrorResponse(
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? new ServiceError("timeout", "request_timeout", "The request was not received in time.")
      : error.code === "HPE_HEADER_OVERFLOW"
        ? new ServiceError(
            "headers_too_large",
            "headers_too_large",
            "The request headers are too large.",
          )
        : new ServiceError("invalid_input", "bad_request", "The request is malformed."),
  );
}

/**
 * CONNECT asks for a tunnel, which this service never opens. Node hands such a request to the
 * server's "connect" event instead of the app, and closes the socket without a word when nothing
 * listens.
 */
export const connectRefusal = () =>
  rawErrorResponse(
    new ServiceError("method_not_allowed", "method_not_allowed", "CONNECT is not allowed here.", {
      Allow: "GET, HEAD, POST",
    }),
  );
