import cors from "cors";
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { HttpError } from "./errors.js";

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

/** CORS for the listed origins only; any other origin gets no CORS headers and its browser refuses the response. */
export function apiCors(allowedOrigins: string[]): RequestHandler {
  return cors({
    origin: allowedOrigins,
    methods: ["GET", "POST"],
    allowedHeaders: ["Content-Type", "Accept", "X-Request-Id"],
    exposedHeaders: ["X-Request-Id", "Retry-After"],
    maxAge: 600,
  });
}

/** Per client IP (behind a proxy, per TRUST_PROXY); undefined when RATE_LIMIT_PER_MINUTE is 0. */
export function apiRateLimit(perMinute: number): RequestHandler | undefined {
  if (perMinute === 0) return undefined;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // Preflights carry no work and would halve a browser client's budget.
    skip: (req) => req.method === "OPTIONS",
    handler: (_req, _res, next) =>
      next(new HttpError(429, "rate_limited", "Too many requests; try again in a minute.")),
  });
}
