import bytes from "bytes";
import express, { type RequestHandler } from "express";
import type { z } from "zod";
import { invalidInput, ServiceError, tooLarge } from "./errors.js";

/** Each problem with the field it is in: "history.0.content: Invalid input: expected string…". */
export function describeIssues(error: z.ZodError, subject: string): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || subject}: ${issue.message}`)
    .join("; ");
}

/** Validates untrusted input (`subject` names it in messages); a 400 naming each offending field otherwise. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  subject = "body",
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(describeIssues(result.error, subject));
}

/**
 * Refuses a request whose declared `Content-Length` exceeds `limit` before a byte of its body is
 * read: the 413 goes out at once, and the server (startServer) reads and discards what the
 * client still sends, within bounds, so that the client is not cut off before it reads the 413.
 */
export function refuseDeclaredOversize(limit: string): RequestHandler {
  const max = bytes.parse(limit) ?? Number.POSITIVE_INFINITY;
  return (req, _res, next) => {
    const declared = Number(req.get("Content-Length") ?? 0);
    if (declared > max) {
      next(tooLarge());
      return;
    }
    next();
  };
}

/**
 * A JSON body of at most `limit`. A body in another media type is refused (415) rather than
 * ignored, so that a form post does not surface as a puzzling "question is required".
 */
export function jsonBody(limit: string): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    // An empty body falls through to validation instead, which names what is missing.
    const empty = req.get("Content-Length") === "0" || req.is("application/json") === null;
    if (!empty && !req.is("application/json")) {
      next(
        new ServiceError(
          "unsupported_media_type",
          "unsupported_media_type",
          "Send the body as application/json.",
        ),
      );
      return;
    }
    next();
  };
  return [
    refuseDeclaredOversize(limit),
    requireJson,
    express.json({ limit, type: "application/json" }),
  ];
}

/**
 * HTTP/1.1 requires a Host header. Node refuses a request without one itself, with an empty 400,
 * unless told not to (startServer does): refused here instead, in JSON like every error.
 */
export const requireHost: RequestHandler = (req, _res, next) => {
  if (req.httpVersion === "1.1" && req.headers.host === undefined) {
    next(new ServiceError("invalid_input", "bad_request", "The request has no Host header."));
    return;
  }
  next();
};
