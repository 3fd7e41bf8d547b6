import { type AnswerRuntime, createAnswerService } from "../../src/answer/service.js";
import { type Config, parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";

/** Test configuration: the real corpus and index, quiet logs; `overrides` are environment variables. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    EMBED_WORKERS: "1",
    ...overrides,
  });
}

let runtime: Promise<AnswerRuntime> | undefined;

/**
 * The real answer service over the real letter and index (built by the global setup), shared by
 * the tests of one file.
 */
export function loadRealServices(): Promise<AnswerRuntime & { config: Config }> {
  const config = testConfig();
  runtime ??= createAnswerService({ config, logger: createLogger("silent") });
  return runtime.then((loaded) => ({ ...loaded, config }));
}
