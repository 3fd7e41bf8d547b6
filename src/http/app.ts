import express, { type Express } from "express";
import type { AnswerService } from "../answer/types.js";
import { adminOnly } from "./admin-auth.js";
import { askController } from "./controllers/ask.js";
import { addFeedbackController, exportFeedbackController } from "./controllers/feedback.js";
import { liveness, metricsController, readiness } from "./controllers/health.js";
import { footnoteController, letterController } from "./controllers/letter.js";
import type { AppDependencies } from "./dependencies.js";
import { errorHandler, unknownRoute } from "./error-handler.js";
import { createMetrics, type HttpMetrics } from "./metrics.js";
import { buildOpenApiDocument } from "./openapi.js";
import { requestLogging } from "./request-logging.js";
import { route } from "./routes.js";
import { apiCors, apiRateLimit, crossOriginResource, securityHeaders } from "./security.js";
import { jsonBody, requireHost } from "./validation.js";

const DEFAULT_HEARTBEAT_MS = 15_000;

/** The whole HTTP service, without listening: tests drive it in-process or on a loopback port. */
export function createApp(deps: AppDependencies): Express {
  const { config } = deps;
  const metrics = deps.metrics ?? createMetrics();
  const answers = () => deps.answers.get();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.http.trustProxy);

  app.use(requestLogging(deps.logger), metrics.middleware, securityHeaders(), requireHost);
  // Slack signs the raw body, so its router must see the bytes before any parser does.
  if (deps.routers?.slack) app.use("/slack", deps.routers.slack);

  route(app, "/healthz", { get: [liveness] });
  route(app, "/readyz", { get: [readiness(deps.answers)] });
  route(app, "/metrics", { get: [metricsController(metrics)] });

  app.use("/widget.js", crossOriginResource);
  app.use("/api", crossOriginResource, apiCors(config.http.allowedOrigins));
  apiRoutes(app, deps, answers, metrics);
  if (deps.routers?.mcp) app.use(deps.routers.mcp);
  if (deps.routers?.web) app.use(deps.routers.web);

  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}

function apiRoutes(
  app: Express,
  deps: AppDependencies,
  answers: () => AnswerService | undefined,
  metrics: HttpMetrics,
): void {
  const { config, letter, feedback } = deps;
  const limited = [
    apiRateLimit(config.http.rateLimitPerMinute, {
      store: deps.rateLimitStore,
      metrics,
      logger: deps.logger,
    }),
  ].filter((h) => h !== undefined);
  const body = jsonBody(config.http.bodyLimit);
  const openApi = buildOpenApiDocument();

  route(app, "/api/ask", {
    post: [
      ...limited,
      ...body,
      askController({
        answers,
        metrics,
        heartbeatMs: deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
        shutdownSignal: deps.shutdownSignal,
      }),
    ],
  });
  route(app, "/api/letter", { get: [...limited, letterController(letter)] });
  route(app, "/api/footnotes/:number", { get: [...limited, footnoteController(letter)] });
  route(app, "/api/feedback", {
    post: [...limited, ...body, addFeedbackController(feedback)],
    get: [...limited, adminOnly(config.feedback.adminToken), exportFeedbackController(feedback)],
  });
  route(app, "/api/openapi.json", { get: [...limited, (_req, res) => void res.json(openApi)] });
}
