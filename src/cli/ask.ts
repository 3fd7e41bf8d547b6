import { parseArgs } from "node:util";
import { createAnswerService } from "../answer/service.js";
import type { Answer } from "../answer/types.js";
import { cachedAnswers, cliRuntime, sharedState } from "./runtime.js";

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

const LABELS = {
  en: { page: "page", footnote: "footnote" },
  nl: { page: "pagina", footnote: "voetnoot" },
} as const;

/** The answer, its opening direct answer (a date, a number, a name…) in bold on a terminal. */
function emphasizeDirect(answer: Answer): string {
  const direct = answer.direct?.text;
  if (!direct || !process.stdout.isTTY || !answer.answer.startsWith(direct)) return answer.answer;
  return `\x1b[1m${direct}\x1b[22m${answer.answer.slice(direct.length)}`;
}

function format(answer: Answer, ms: number): string {
  const labels = LABELS[answer.language];
  const lines = [emphasizeDirect(answer), ""];
  if (!answer.grounded) lines.push(...(answer.followUps ?? []).map((q) => `  • ${q}`), "");
  for (const citation of answer.citations) {
    lines.push(
      `[${citation.n}] ${labels.page} ${citation.page}, ${citation.section} (#${citation.passageId})`,
    );
    lines.push(`    “${citation.quote}”`);
    for (const footnote of citation.footnotes) {
      lines.push(`    ${labels.footnote} ${footnote.number}: ${footnote.text}`);
    }
  }
  lines.push("", `(${answer.mode}, ${answer.language}, ${ms.toFixed(0)} ms)`);
  return `${lines.join("\n")}\n`;
}

const { config, logger } = cliRuntime();
const runtime = await createAnswerService({ config, logger });
// With REDIS_URL, the terminal shares the servers' cache: a question asked on the page is instant here.
const shared = sharedState(config, logger);
try {
  const started = performance.now();
  const answer = await cachedAnswers(runtime, config, shared).ask({
    question,
    lang: values.lang as "auto" | "en" | "nl",
  });
  const ms = performance.now() - started;
  process.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : format(answer, ms));
} finally {
  await Promise.all([runtime.close(), shared.close()]);
}
