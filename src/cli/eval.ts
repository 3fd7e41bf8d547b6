import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { createAnswerService } from "../answer/service.js";
import type { Outcome } from "../answer/types.js";
import { BaselinePipeline } from "../evaluate/baseline.js";
import type { Scores } from "../evaluate/metrics.js";
import { loadQuestions, SPLITS, type Split } from "../evaluate/questions.js";
import { type EvalReport, evaluate, type PipelineComparison } from "../evaluate/run.js";
import { type Profile, tunedProfile } from "../profile.js";
import { cliRuntime } from "./runtime.js";

/**
 * `npm run eval`: scores the pipeline and the textbook baseline on tests/eval/questions.json, one
 * table per split (dev: tuned on; held-out: never tuned on), and writes the full report as JSON.
 */
const USAGE =
  "usage: npm run eval -- [--split regression|dev|heldout|all] [--traces] [--json] [--out file] [--set section.key=number ...]";
const { values } = parseArgs({
  options: {
    split: { type: "string", default: "all" },
    json: { type: "boolean", default: false },
    traces: { type: "boolean", default: false },
    out: { type: "string", default: "data/eval-results.json" },
    set: { type: "string", multiple: true, default: [] },
  },
});
const split = values.split;
if (split !== "all" && !SPLITS.includes(split as Split)) {
  process.stderr.write(`unknown split "${split}"\n${USAGE}\n`);
  process.exit(2);
}

const METRICS: Array<[keyof Scores, string]> = [
  ["questions", "questions"],
  ["answerAccuracy", "answer accuracy"],
  ["followUps", "follow-ups right"],
  ["everydayRefused", "everyday/unrelated refused"],
  ["contradictions", "contradictions"],
  ["directPrecision", "direct answer right"],
  ["overviewSuccess", "overview success"],
  ["letterFacts", "letter's own facts"],
  ["offLetterRefused", "off-letter refused"],
  ["onTopicAnswered", "on-topic answered"],
  ["hitAt1", "hit@1"],
  ["hitAt3", "hit@3"],
  ["mrr", "MRR"],
  ["footnoteAccuracy", "footnote accuracy"],
  ["footnoteAttribution", "footnotes in quote"],
  ["refusalAccuracy", "refusal accuracy"],
  ["citationValidity", "citation validity"],
  ["latencyP50Ms", "latency p50 (ms)"],
];

/** Scores the textbook baseline cannot have: it composes no answer and cites nothing. */
const NOT_FOR_BASELINE = new Set<keyof Scores>([
  "answerAccuracy",
  "directPrecision",
  "overviewSuccess",
  "followUps",
  "everydayRefused",
  "contradictions",
  "letterFacts",
  "footnoteAttribution",
  "citationValidity",
]);

function cell(value: number, metric: keyof Scores): string {
  if (Number.isNaN(value)) return "n/a";
  if (metric === "questions" || metric === "contradictions") return String(value);
  return metric === "latencyP50Ms" ? value.toFixed(1) : value.toFixed(3);
}

function formatTable(title: string, comparison: PipelineComparison): string {
  const columns = ["en", "nl", "all"] as const;
  const header = `| ${title} | ${columns.join(" | ")} | ${columns.map((c) => `baseline ${c}`).join(" | ")} |`;
  const rule = `|---|${columns.map(() => "---:").join("|")}|${columns.map(() => "---:").join("|")}|`;
  const rows = METRICS.map(([metric, label]) => {
    const ours = columns.map((c) => cell(comparison.pipeline[c][metric], metric));
    const theirs = columns.map((c) =>
      NOT_FOR_BASELINE.has(metric) ? "n/a" : cell(comparison.baseline[c][metric], metric),
    );
    return `| ${label} | ${ours.join(" | ")} | ${theirs.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

const TITLES: Record<Split, string> = {
  regression: "regression (team)",
  dev: "dev authors",
  heldout: "held-out authors",
};

const STYLE_METRICS: Array<[keyof Scores, string]> = [
  ["questions", "questions"],
  ["answerAccuracy", "answer"],
  ["overviewSuccess", "overview"],
  ["offLetterRefused", "off-letter refused"],
  ["everydayRefused", "everyday refused"],
  ["followUps", "follow-ups"],
  ["onTopicAnswered", "on-topic answered"],
  ["contradictions", "contradictions"],
];

function formatStyles(title: string, comparison: PipelineComparison): string {
  const header = `| ${title}: style | ${STYLE_METRICS.map(([, label]) => label).join(" | ")} |`;
  const rule = `|---|${STYLE_METRICS.map(() => "---:").join("|")}|`;
  const rows = Object.entries(comparison.byStyle).map(
    ([style, scores]) =>
      `| ${style} | ${STYLE_METRICS.map(([metric]) => cell(scores[metric], metric)).join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}

const DECISIONS: Outcome[] = [
  "answer",
  "letter_fact",
  "overview",
  "not_stated",
  "out_of_scope",
  "language_switch",
];

function formatConfusion(title: string, comparison: PipelineComparison): string {
  const header = `| ${title}: expected \\ decided | ${DECISIONS.join(" | ")} |`;
  const rule = `|---|${DECISIONS.map(() => "---:").join("|")}|`;
  const rows = Object.entries(comparison.confusion).map(
    ([expected, decided]) =>
      `| ${expected} | ${DECISIONS.map((d) => String(decided[d] ?? 0)).join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}

function formatReport(report: EvalReport): string {
  return SPLITS.flatMap((s) => {
    const comparison = report.splits[s];
    return comparison
      ? [
          formatTable(TITLES[s], comparison),
          formatStyles(TITLES[s], comparison),
          formatConfusion(TITLES[s], comparison),
        ]
      : [];
  }).join("\n\n");
}

function formatFailures(report: EvalReport): string {
  return report.traces
    .filter((t) => t.failures.length > 0)
    .map((t) => {
      const o = t.outcome;
      return [
        `${t.id} (${o.split}, ${o.lang}, ${t.kind}, decided ${o.decided}): ${t.failures.join("; ")}`,
        `  question: ${t.question}`,
        `  expected: ${t.expected}`,
        `  evidence: rank=${o.rank ?? "-"} sim=${t.topSimilarity.toFixed(3)} lex=${t.topLexical.toFixed(1)} cov=${t.coverage.toFixed(2)} evidence=${t.evidence.toFixed(2)}`,
        ...(t.direct ? [`  direct: ${t.direct}`] : []),
        ...t.quotes.map((q) => `  quoted ${q}`),
        `  answer: ${t.answer}`,
      ].join("\n");
    })
    .join("\n\n");
}

let profile: Profile;
try {
  profile = tunedProfile(values.set);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

/** The profile as `section.key=value` lines, overridden values marked, so a run says what it ran with. */
function formatProfile(): string {
  const overridden = new Set(values.set.map((o) => o.split("=")[0]?.trim()));
  return Object.entries(profile)
    .map(
      ([section, keys]) =>
        `${section}: ${Object.entries(keys)
          .map(([key, value]) => `${key}=${value}${overridden.has(`${section}.${key}`) ? "*" : ""}`)
          .join(" ")}`,
    )
    .join("\n");
}

const { config, logger } = cliRuntime();
const runtime = await createAnswerService({ config, logger, profile });
try {
  const baseline = await BaselinePipeline.build(
    readFileSync(config.corpusPath, "utf8"),
    runtime.letter,
    runtime.embeddings,
  );
  const questions = loadQuestions(runtime.letter).filter(
    (q) => split === "all" || q.split === split,
  );
  const report = await evaluate(questions, runtime.answers, runtime.letter, baseline);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify({ profile, ...report }, null, 2)}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ profile, ...report }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `Tuning profile (* overridden):\n${formatProfile()}\n\n${formatReport(report)}\n\nFull report: ${values.out}\n`,
    );
    if (values.traces) process.stdout.write(`\n${formatFailures(report)}\n`);
  }
} finally {
  await runtime.close();
}
