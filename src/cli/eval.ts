import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createAnswerService } from "../answer/service.js";
import { BaselinePipeline } from "../evaluate/baseline.js";
import type { Scores } from "../evaluate/metrics.js";
import { loadQuestions } from "../evaluate/questions.js";
import { type EvalReport, evaluate } from "../evaluate/run.js";
import { cliRuntime } from "./runtime.js";

/** `npm run eval`: scores the pipeline and the textbook baseline on tests/eval/questions.json. */
const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    traces: { type: "boolean", default: false },
  },
});

const METRICS: Array<[keyof Scores, string]> = [
  ["questions", "questions"],
  ["hitAt1", "hit@1"],
  ["hitAt3", "hit@3"],
  ["mrr", "MRR"],
  ["footnoteAccuracy", "footnote accuracy"],
  ["refusalAccuracy", "refusal accuracy"],
  ["citationValidity", "citation validity"],
  ["latencyP50Ms", "latency p50 (ms)"],
];

function cell(value: number, metric: keyof Scores): string {
  if (Number.isNaN(value)) return "n/a";
  if (metric === "questions") return String(value);
  return metric === "latencyP50Ms" ? value.toFixed(1) : value.toFixed(3);
}

function formatReport(report: EvalReport): string {
  const columns = ["en", "nl", "all"] as const;
  const header = `| metric | ${columns.map((c) => `${c}`).join(" | ")} | ${columns.map((c) => `baseline ${c}`).join(" | ")} |`;
  const rule = `|---|${columns.map(() => "---:").join("|")}|${columns.map(() => "---:").join("|")}|`;
  const rows = METRICS.map(([metric, label]) => {
    const ours = columns.map((c) => cell(report.pipeline[c][metric], metric));
    const theirs = columns.map((c) =>
      metric === "citationValidity" ? "n/a" : cell(report.baseline[c][metric], metric),
    );
    return `| ${label} | ${ours.join(" | ")} | ${theirs.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

const { config, logger } = cliRuntime();
const runtime = await createAnswerService({ config, logger });
try {
  const baseline = await BaselinePipeline.build(
    readFileSync(config.corpusPath, "utf8"),
    runtime.letter,
    runtime.embeddings,
  );
  const report = await evaluate(loadQuestions(), runtime.answers, runtime.letter, baseline);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(report)}\n`);
    if (values.traces) {
      for (const trace of report.traces) {
        const o = trace.outcome;
        process.stdout.write(
          `${trace.id.padEnd(14)} ${o.offTopic ? "off" : "on "} answered=${o.answered ? "y" : "n"} rank=${o.rank ?? "-"} fn=${o.footnotesFound ?? "-"} sim=${trace.topSimilarity.toFixed(3)} lex=${trace.topLexical.toFixed(1)} cov=${trace.coverage.toFixed(2)} evidence=${trace.evidence.toFixed(2)} ${trace.problems.join("; ")}\n`,
        );
      }
    }
  }
} finally {
  await runtime.close();
}
