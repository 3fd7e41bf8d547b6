import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BaselinePipeline } from "../../src/evaluate/baseline.js";
import type { Scores } from "../../src/evaluate/metrics.js";
import { loadQuestions } from "../../src/evaluate/questions.js";
import { type EvalReport, evaluate, type PipelineComparison } from "../../src/evaluate/run.js";
import { loadRealServices } from "../support/real-services.js";

type Column = "en" | "nl" | "all";
type Floors = Partial<Record<keyof Scores, Partial<Record<Column, number>>>>;

/**
 * Floors from the run of 2026-12-07 19:14 UTC (README, "Answer quality"), so answers cannot
 * silently regress. The blind authors' targets of issue 19 are higher (0.9 answer accuracy, 0.9
 * off-letter refused and overviews, 0.85 follow-ups); these hold what has been reached on the way
 * there. The dev authors are forty-one since the eighth round: the six `-i` authors joined, written
 * blind and scored before anyone read them. Raise the floors, never lower them, with one exception
 * each time a held-out figure falls with a change the dev authors judged: it is held where it
 * stands, not tuned back on the held-out authors.
 */
const FLOORS: Record<"regression" | "dev" | "heldout", Floors> = {
  regression: {
    answerAccuracy: { en: 0.86, nl: 0.88 },
    overviewSuccess: { all: 1 },
    letterFacts: { all: 1 },
    offLetterRefused: { all: 0.96 },
    citationValidity: { all: 1 },
    hitAt3: { en: 0.9, nl: 0.9 },
    footnoteAttribution: { all: 1 },
  },
  dev: {
    answerAccuracy: { en: 0.95, nl: 0.94 },
    directPrecision: { all: 0.91 },
    offLetterRefused: { all: 0.97 },
    everydayRefused: { all: 0.98 },
    followUps: { all: 0.96 },
    overviewSuccess: { all: 0.99 },
    letterFacts: { all: 0.96 },
    hitAt3: { en: 0.9, nl: 0.9 },
  },
  heldout: {
    // Floors at the measured figures (2026-12-07, ninth round), never a target: every change was
    // judged on the dev authors and the regression set.
    answerAccuracy: { en: 0.84, nl: 0.93 },
    directPrecision: { all: 0.86 },
    offLetterRefused: { all: 0.89 },
    everydayRefused: { all: 1 },
    followUps: { all: 0.83 },
    overviewSuccess: { all: 0.95 },
    letterFacts: { all: 1 },
    citationValidity: { all: 1 },
    hitAt3: { en: 0.9, nl: 0.9 },
  },
};

function shortfalls(floors: Floors, split: PipelineComparison): string[] {
  return Object.entries(floors).flatMap(([metric, columns]) =>
    Object.entries(columns ?? {}).flatMap(([column, floor]) => {
      const value = split.pipeline[column as Column][metric as keyof Scores];
      return value >= (floor ?? 0) ? [] : [`${metric} ${column}: ${value.toFixed(3)} < ${floor}`];
    }),
  );
}

/** The problem a trace reports for an answer in another language than the question's. */
const WRONG_LANGUAGE = /^answered in /;

/** Quality floors on every split, from one run of the pipeline. */
describe("evaluation floors", () => {
  let report: EvalReport;

  beforeAll(async () => {
    const { config, letter, answers, embeddings } = await loadRealServices();
    const baseline = await BaselinePipeline.build(
      readFileSync(config.corpusPath, "utf8"),
      letter,
      embeddings,
    );
    report = await evaluate(loadQuestions(letter), answers, letter, baseline);
  }, 600_000);

  it.each(["regression", "dev", "heldout"] as const)(
    "holds the floors on the %s questions, with no answer that contradicts itself",
    (split) => {
      const scores = report.splits[split];
      if (!scores) throw new Error(`the evaluation has no ${split} questions`);
      expect(shortfalls(FLOORS[split], scores)).toEqual([]);
      expect(scores.pipeline.all.contradictions).toBe(0);
      expect(scores.pipeline.all.mrr).toBeGreaterThan(scores.baseline.all.mrr);
    },
  );

  it("cites validly on every traced question", () => {
    const citing = (t: (typeof report.traces)[number]) =>
      t.problems.filter((problem) => !WRONG_LANGUAGE.test(problem));
    expect(report.traces.filter((t) => citing(t).length > 0).map((t) => t.id)).toEqual([]);
  });

  // A floor, not every question: a blind author's terse English "… = ? full name pls" is read as
  // Dutch ("name" is Dutch too, "pls" too short to count), and weighing such words otherwise moved
  // another terse question the other way (README, "Answer quality").
  it("answers nearly every traced question in its own language", () => {
    const wrong = report.traces.filter((t) => t.problems.some((p) => WRONG_LANGUAGE.test(p)));
    expect(wrong.length / report.traces.length).toBeLessThanOrEqual(0.001);
  });

  it("never traces a held-out question", () => {
    expect(report.traces.filter((t) => t.outcome.split === "heldout")).toEqual([]);
  });
});
