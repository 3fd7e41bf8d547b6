import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { ServiceError } from "../server/errors.js";

/** Hashing first gives equal lengths, so the comparison leaks neither the token nor its length. */
const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Guards admin routes with `Authorization: Bearer <ADMIN_TOKEN>`. Without a configured token the
 * routes answer 403 `admin_disabled`: the export and the insights are off, which no credential
 * can change.
 */
export function adminOnly(adminToken: string | undefined): RequestHandler {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return (req, _res, next) => {
    if (!expected) {
      next(
        new ServiceError("forbidden", "admin_disabled", "Set ADMIN_TOKEN to enable this endpoint."),
      );
      return;
    }
    const match = /^Bearer +(\S+)\s*$/i.exec(req.get("Authorization") ?? "");
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      next(
        new ServiceError(
          "unauthorized",
          "unauthorized",
          "A valid admin bearer token is required.",
          {
            "WWW-Authenticate": 'Bearer realm="briefwijzer"',
          },
        ),
      );
      return;
    }
    next();
  };
}
