import { parseArgs } from "node:util";
import { createAnswerService } from "../answer/service.js";
import { formatAnswer } from "./format.js";
import { cachedAnswers, cliRuntime, commandQuestionLog, sharedState } from "./runtime.js";

/** `npm run ask -- "question"`: answers one question in the terminal, with its sources. */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: "string", default: "auto" },
    json: { type: "boolean", default: false },
  },
});
const question = positionals.join(" ").trim();
if (question === "" || !["auto", "en", "nl"].includes(values.lang)) {
  process.stderr.write('Usage: npm run ask -- [--lang auto|en|nl] [--json] "your question"\n');
  process.exit(2);
}

// The terminal shows stderr too: only warnings and worse, unless LOG_LEVEL asks for more.
const { config, logger } = cliRuntime(2, "warn");
const runtime = await createAnswerService({ config, logger });
// With REDIS_URL, the terminal shares the servers' cache: a question asked on the page is instant here.
const shared = await sharedState(config, logger);
const questionLog = commandQuestionLog(config, logger, runtime.letter);
try {
  const started = performance.now();
  const answers = questionLog.log.wrap(cachedAnswers(runtime, config, shared), "cli");
  const answer = await answers.ask({
    question,
    lang: values.lang as "auto" | "en" | "nl",
  });
  const ms = performance.now() - started;
  process.stdout.write(
    values.json
      ? `${JSON.stringify(answer, null, 2)}\n`
      : formatAnswer(answer, { ms, tty: process.stdout.isTTY }),
  );
} finally {
  await Promise.all([runtime.close(), shared.close(), questionLog.close()]);
}
