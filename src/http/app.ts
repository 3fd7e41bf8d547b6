import express, { type Express } from "express";
import type { AnswerService } from "../answer/types.js";
import { questionLogStore } from "../feedback/question-log.js";
import { noQuestionLog } from "../feedback/recorder.js";
import { errorHandler, unknownRoute } from "../server/error-handler.js";
import { createMetrics, type HttpMetrics } from "../server/metrics.js";
import { apiRateLimit } from "../server/rate-limit.js";
import { requestLogging } from "../server/request-logging.js";
import { route } from "../server/routes.js";
import { jsonBody, requireHost } from "../server/validation.js";
import { adminOnly } from "./admin-auth.js";
import { askController } from "./controllers/ask.js";
import { addFeedbackController, exportFeedbackController } from "./controllers/feedback.js";
import { liveness, metricsController, readiness } from "./controllers/health.js";
import { insightsController } from "./controllers/insights.js";
import { footnoteController, letterController } from "./controllers/letter.js";
import type { AppDependencies } from "./dependencies.js";
import { buildOpenApiDocument } from "./openapi.js";
import { apiCors, crossOriginResource, securityHeaders } from "./security.js";

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
  app.use("/api", crossOriginResource, apiCors(config.http.allowedOrigins, deps.logger));
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
  const questionLog = deps.questionLog ?? noQuestionLog;
  const admin = adminOnly(config.feedback.adminToken);
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
        questionLog,
      }),
    ],
  });
  route(app, "/api/letter", { get: [...limited, letterController(letter)] });
  route(app, "/api/footnotes/:number", { get: [...limited, footnoteController(letter)] });
  route(app, "/api/feedback", {
    post: [...limited, ...body, addFeedbackController(feedback)],
    get: [...limited, admin, exportFeedbackController(feedback)],
  });
  route(app, "/api/admin/insights", {
    get: [
      ...limited,
      admin,
      insightsController({
        store: questionLogStore(feedback.database),
        questionLog: questionLog.enabled,
        letter,
      }),
    ],
  });
  route(app, "/api/openapi.json", { get: [...limited, (_req, res) => void res.json(openApi)] });
}
