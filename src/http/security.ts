import cors from "cors";
import type { RequestHandler } from "express";
import helmet from "helmet";
import { LRUCache } from "lru-cache";
import type { Logger } from "../logger.js";
import { CLIENT_HEADER, QUESTION_ID_HEADER } from "./controllers/ask.js";

/**
 * Our pages load only their own scripts and styles (no inline code), so the policy can be strict.
 * API responses and /widget.js are fetched by pages on other origins, hence the cross-origin
 * resource policy on those.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The same refusal for browsers that predate frame-ancestors.
    xFrameOptions: { action: "deny" },
  });
}

export const crossOriginResource: RequestHandler = (_req, res, next) => {
  res.set("Cross-Origin-Resource-Policy", "cross-origin");
  next();
};

/** A refused origin is named in the logs at most once per this interval. */
const REFUSED_ORIGIN_WARNING_INTERVAL_MS = 10 * 60_000;

/**
 * CORS for the listed origins only. Any other origin gets no CORS header at all (the cors package
 * would still send it the allowed methods, headers and max age), and its browser refuses the
 * response; its preflight falls through to the route, which answers OPTIONS with 405.
 *
 * A page on another origin calling the API is most often a widget embedded on a site that was
 * never added to ALLOWED_ORIGINS: its users only see the widget fail, so the operator gets a
 * warning naming the origin, at most one per origin per interval.
 */
export function apiCors(allowedOrigins: string[], logger: Logger): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const warned = new LRUCache<string, true>({ max: 1000, ttl: REFUSED_ORIGIN_WARNING_INTERVAL_MS });
  const handler = cors({
    origin: true,
    methods: ["GET", "POST"],
    allowedHeaders: ["Content-Type", "Accept", "X-Request-Id", "Idempotency-Key", CLIENT_HEADER],
    exposedHeaders: ["X-Request-Id", "Retry-After", "Idempotent-Replayed", QUESTION_ID_HEADER],
    maxAge: 600,
  });
  const sameSite = (origin: string, host: string | undefined) =>
    URL.canParse(origin) && new URL(origin).host === host;
  return (req, res, next) => {
    res.vary("Origin");
    const origin = req.get("Origin");
    if (origin !== undefined && allowed.has(origin)) {
      handler(req, res, next);
      return;
    }
    // Browsers send Origin on their own page's POSTs too; those need no CORS.
    if (origin !== undefined && !sameSite(origin, req.host) && !warned.has(origin)) {
      warned.set(origin, true);
      logger.warn(
        { origin, allowedOrigins },
        "refused a browser request from an origin not in ALLOWED_ORIGINS (a widget on that site cannot work): add it to ALLOWED_ORIGINS to allow it",
      );
    }
    next();
  };
}
