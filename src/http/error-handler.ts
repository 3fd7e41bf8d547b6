import type { ErrorRequestHandler, RequestHandler } from "express";
import { type ErrorBody, HttpError, notFound, toHttpError } from "./errors.js";

export const unknownRoute: RequestHandler = (req, res, next) => {
  res.locals.route = "unmatched";
  next(notFound(`No route for ${req.method} ${req.path}.`));
};

/** The only place that turns errors into responses: JSON, no stack traces, 500 only for our own faults. */
export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const known = toHttpError(error);
  if (!known) {
    // pino-http logs the failed request with this error attached.
    res.err = error instanceof Error ? error : new Error(String(error));
  }
  if (res.headersSent) {
    // Nothing sane can be appended to a response under way: cut it off so the client sees a failure.
    res.destroy();
    return;
  }
  const failure =
    known ?? new HttpError(500, "internal_error", "Something went wrong on our side.");
  const body: ErrorBody = { error: { code: failure.code, message: failure.message } };
  res.status(failure.status).set(failure.headers).json(body);
};
