import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AnswerService } from "../../src/answer/types.js";
import type { Config } from "../../src/config.js";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import type { AppDependencies } from "../../src/http/dependencies.js";
import { startServer } from "../../src/http/server.js";
import type { Letter } from "../../src/letter/types.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { loadRealServices, testConfig } from "./real-services.js";

export interface RealApp {
  url: string;
  config: Config;
  close(): Promise<void>;
}

/**
 * The production app (createApp) over the real letter and answer service, with its feedback store
 * in a temporary directory, listening on a loopback port. `env` overrides configuration variables;
 * `routers` adds channels built from the same configuration, letter and logger.
 */
export async function startRealApp(
  options: {
    env?: Record<string, string>;
    routers?: (parts: {
      config: Config;
      letter: Letter;
      logger: Logger;
    }) => AppDependencies["routers"];
  } = {},
): Promise<RealApp> {
  const { letter, answers: real } = await loadRealServices();
  const dataDir = await mkdtemp(join(tmpdir(), "briefwijzer-app-"));
  const config = testConfig({
    PORT: "0",
    RATE_LIMIT_PER_MINUTE: "0",
    FEEDBACK_DB_PATH: join(dataDir, "feedback.sqlite"),
    ...options.env,
  });
  const logger = createLogger("silent");
  const feedback = openFeedbackStore({ path: config.feedback.dbPath });
  const answers = new ReadinessHandle<AnswerService>();
  answers.set(real);
  const app = createApp({
    config,
    logger,
    letter,
    answers,
    feedback,
    routers: options.routers?.({ config, letter, logger }),
  });
  const server = await startServer(app, { config, logger });
  return {
    url: server.url,
    config,
    close: async () => {
      await server.close();
      await feedback.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
