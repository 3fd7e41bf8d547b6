import cors from "cors";
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Logger } from "../logger.js";
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

/**
 * CORS for the listed origins only. Any other origin gets no CORS header at all (the cors package
 * would still send it the allowed methods, headers and max age), and its browser refuses the
 * response; its preflight falls through to the route, which answers OPTIONS with 405.
 */
export function apiCors(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const handler = cors({
    origin: true,
    methods: ["GET", "POST"],
    allowedHeaders: ["Content-Type", "Accept", "X-Request-Id"],
    exposedHeaders: ["X-Request-Id", "Retry-After"],
    maxAge: 600,
  });
  return (req, res, next) => {
    res.vary("Origin");
    const origin = req.get("Origin");
    if (origin !== undefined && allowed.has(origin)) handler(req, res, next);
    else next();
  };
}

/** The limiter's checks of our setup fail with codes ERR_ERL_…, e.g. for an X-Forwarded-For header while TRUST_PROXY is off. */
const setupCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_ERL_") ? code : undefined;
};

/**
 * The limiter logs to the console by default: stack traces on stderr among our JSON lines. Its
 * checks of our setup are configuration warnings, worth a line at warn without a stack.
 */
function rateLimitLogger(logger: Logger) {
  const warn = (error: unknown, message?: string) =>
    logger.warn(
      { code: setupCode(error) },
      message ?? (error instanceof Error ? error.message : String(error)),
    );
  return {
    warn,
    error: (error: unknown, message?: string) =>
      setupCode(error)
        ? warn(error, message)
        : logger.error({ err: error }, message ?? "the rate limiter failed"),
  };
}

/** Per client IP (behind a proxy, per TRUST_PROXY); undefined when RATE_LIMIT_PER_MINUTE is 0. */
export function apiRateLimit(perMinute: number, logger: Logger): RequestHandler | undefined {
  if (perMinute === 0) return undefined;
  return rateLimit({
    logger: rateLimitLogger(logger),
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
