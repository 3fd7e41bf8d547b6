import bytes from "bytes";
import type { AnswerRuntime } from "../answer/service.js";
import { loadLetter } from "../letter/load.js";
import type { LetterBackend } from "../mcp/backend.js";
import { mcpServerFactory } from "../mcp/server.js";
import { StdioTransport } from "../mcp/stdio.js";
import { ReadinessHandle } from "../server/readiness.js";
import { letterBackend } from "./mcp-backend.js";
import { cliRuntime, commandQuestionLog } from "./runtime.js";

/**
 * `npm run --silent mcp`: the MCP server on stdin/stdout, for assistants that start a local
 * process. stdout carries only the protocol; logs go to stderr. It answers at once (the letter's
 * resources, passages and footnotes); ask and search wait for the index, up to 60 s.
 */
const { config, logger } = cliRuntime(2);
const letter = loadLetter(config.corpusPath);
const backend = new ReadinessHandle<LetterBackend>();
// The client has just started this process and is its only user: its calls wait for the index.
const server = mcpServerFactory({ letter, backend, logger, readyWithinMs: 60_000 })();
const questionLog = commandQuestionLog(config, logger, letter);
let runtime: AnswerRuntime | undefined;

let stopping = false;
async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, "stopping the MCP server");
  await server.close();
  await Promise.all([runtime?.close(), questionLog.close()]);
  process.exit(0);
}
// The client ends the session by closing our stdin.
process.stdin.once("end", () => void stop("stdin closed"));
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

// A message (one line) may be as large as a request body over HTTP.
await server.connect(
  new StdioTransport({ maxLineBytes: bytes.parse(config.http.bodyLimit) ?? 32_768, logger }),
);
logger.info("MCP server on stdio; loading the index");
try {
  // Imported only now: the encoder and index modules take seconds to load, and the assistant
  // waits for its `initialize` answer meanwhile.
  const { createAnswerService } = await import("../answer/service.js");
  runtime = await createAnswerService({ config, logger });
  backend.set(letterBackend(runtime, questionLog.log.wrap(runtime.answers, "mcp")));
  logger.info("ready");
} catch (error) {
  logger.fatal({ err: error }, "could not load the answer service");
  process.exit(1);
}
