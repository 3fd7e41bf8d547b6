import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { answerVersion, CachedAnswerService, type CacheLookup } from "../answer/cache.js";
import type { AnswerRuntime } from "../answer/service.js";
import type { Answer, AnswerService } from "../answer/types.js";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { questionLogStore } from "../feedback/question-log.js";
import { QuestionRecorder } from "../feedback/recorder.js";
import { type FeedbackStore, openFeedbackStore } from "../feedback/store.js";
import type { Letter } from "../letter/types.js";
import { createLogger, type Logger } from "../logger.js";
import { createSharedState, type RedisFailure, type SharedState } from "../state/shared.js";

/**
 * Config and logger for an entry point; exits with the message on bad configuration. Commands log
 * to stderr (fd 2) so that their own output stays clean on stdout; the server logs to stdout.
 * `defaultLevel` applies unless LOG_LEVEL asks for another.
 */
export function cliRuntime(
  logFd: 1 | 2 = 2,
  defaultLevel = "info",
): { config: Config; logger: Logger } {
  try {
    const config = loadConfig();
    return {
      config,
      logger: createLogger(config.logLevel ?? defaultLevel, "briefwijzer", logFd),
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The state replicas share (Redis when REDIS_URL is set, else this process's memory). */
export function sharedState(
  config: Config,
  logger: Logger,
  onFailure?: (use: string, failure: RedisFailure) => void,
): Promise<SharedState> {
  return createSharedState({
    redisUrl: config.shared.redisUrl,
    keyPrefix: config.shared.redisKeyPrefix,
    timeoutMs: config.shared.redisTimeoutMs,
    logger,
    onFailure,
  });
}

/** The running code: `src/` through tsx, `dist/` after `npm run build`. */
const CODE_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The package version and a hash of the running code's modules (`.ts`/`.js` under `root`, by
 * path and content; not the browser bundles in `assets/` nor the build's time stamp). The same
 * sources give the same hash wherever they are built, so replicas of one deploy share their
 * cached answers, and any change to the code starts a fresh cache.
 */
export function codeVersion(root = CODE_ROOT): string {
  const { version } = JSON.parse(readFileSync(join(root, "..", "package.json"), "utf8"));
  const hash = createHash("sha256");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|js)$/.test(file) && !file.startsWith(`assets`))
    .sort();
  for (const file of files) {
    hash.update(`${relative(root, join(root, file))}\0`).update(readFileSync(join(root, file)));
  }
  return `${version}+${hash.digest("hex").slice(0, 12)}`;
}

/**
 * The answer service every channel of this process uses (HTTP, Slack, CLI): the index's answers,
 * behind the answer cache unless CACHE_SIZE is 0. The cache lives in `shared` (Redis when
 * REDIS_URL is set), so that replicas built from the same corpus share their answers.
 */
export function cachedAnswers(
  runtime: AnswerRuntime,
  config: Config,
  shared: SharedState,
  onLookup?: (result: CacheLookup) => void,
): AnswerService {
  if (config.cache.size === 0) return runtime.answers;
  const { manifest } = runtime;
  return new CachedAnswerService(runtime.answers, {
    store: shared.keyv<Answer>("answers", { memoryEntries: config.cache.size }),
    version: answerVersion({
      corpusHash: manifest.corpusHash,
      embedderId: manifest.embedder.id,
      chunkingVersion: manifest.chunkingVersion,
      composer: config.llm ? `llm:${config.llm.baseUrl}:${config.llm.model}` : "extractive",
      code: codeVersion(),
    }),
    ttlMs: config.cache.ttlMs,
    onLookup,
  });
}

/** The question log (QUESTION_LOG) of this process, in the feedback database beside the ratings. */
export function questionLogFor(parts: {
  config: Config;
  logger: Logger;
  letter: Letter;
  feedback: FeedbackStore;
  onRecords?: (result: "written" | "dropped", count: number) => void;
}): QuestionRecorder {
  return new QuestionRecorder({
    enabled: parts.config.questionLog.enabled,
    retentionDays: parts.config.questionLog.retentionDays,
    store: questionLogStore(parts.feedback.database),
    letter: parts.letter,
    logger: parts.logger,
    onRecords: parts.onRecords,
  });
}

/**
 * A command's own question log (`npm run ask`, the MCP server on stdio), with the feedback
 * database it writes to: with DATABASE_URL, the one the servers share. `close` writes what is
 * still pending, then closes the database.
 */
export function commandQuestionLog(
  config: Config,
  logger: Logger,
  letter: Letter,
): { log: QuestionRecorder; close(): Promise<void> } {
  const feedback = openFeedbackStore({
    databaseUrl: config.shared.databaseUrl,
    path: config.feedback.dbPath,
    logger,
  });
  const log = questionLogFor({ config, logger, letter, feedback });
  return {
    log,
    close: async () => {
      await log.close();
      await feedback.close();
    },
  };
}
