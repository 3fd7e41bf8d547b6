import express, { type RequestHandler } from "express";
import type { z } from "zod";
import { HttpError } from "./errors.js";

/** Validates untrusted input (`subject` names it in messages); a 400 naming each offending field otherwise. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  subject = "body",
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || subject}: ${issue.message}`,
  );
  throw new HttpError(400, "invalid_input", problems.join("; "));
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
      next(new HttpError(415, "unsupported_media_type", "Send the body as application/json."));
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit, type: "application/json" })];
}
