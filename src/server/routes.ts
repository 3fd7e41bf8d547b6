import type { RequestHandler, Router } from "express";
import { ServiceError } from "./errors.js";

type Method = "get" | "post";

/**
 * Registers a path's handlers and answers every other method, OPTIONS included, with 405 and an
 * `Allow` header. Used by every router, so pages and Slack answer like the API.
 * Each request is labelled with the path pattern first, so that metrics see the route even when
 * a later step (rate limit, body parser) turns the request away.
 */
export function route(
  router: Router,
  path: string,
  handlers: Partial<Record<Method, RequestHandler[]>>,
): void {
  const label: RequestHandler = (req, res, next) => {
    res.locals.route = `${req.baseUrl}${path}`;
    next();
  };
  const methods = Object.keys(handlers) as Method[];
  for (const method of methods) router[method](path, label, ...(handlers[method] ?? []));

  // Express answers HEAD with the GET handler.
  const allow = methods.flatMap((m) => (m === "get" ? ["GET", "HEAD"] : [m.toUpperCase()]));
  router.all(path, label, (req, _res, next) => {
    // A handler of an allowed method passed the request on (an unknown asset): not found, then.
    if (allow.includes(req.method)) {
      next();
      return;
    }
    next(
      new ServiceError(
        "method_not_allowed",
        "method_not_allowed",
        `${req.method} is not allowed here.`,
        {
          Allow: allow.join(", "),
        },
      ),
    );
  });
}
