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
 * Floors from the run of 2026-12-07 13:45 UTC (README, "Answer quality"), so answers cannot
 * silently regress. The blind authors' targets of issue 19 are higher (0.9 answer accuracy, 0.9
 * off-letter refused and overviews, 0.85 follow-ups); these hold what has been reached on the way
 * there. The dev authors are twenty-nine since that run: the six `-g` authors joined, written
 * blind and scored before anyone read them, so the dev floors are this larger set's figures (their
 * letter facts and one everyday request pulled those two below the last floors); on the
 * twenty-three authors before, every floor of the run before still holds. Raise the floors, never
 * lower them, with one exception each time a held-out figure falls with a change the dev authors
 * judged: it is held where it stands, not tuned back on the held-out authors.
 */
const FLOORS: Record<"regression" | "dev" | "heldout", Floors> = {
  regression: {
    answerAccuracy: { en: 0.86, nl: 0.87 },
    overviewSuccess: { all: 1 },
    letterFacts: { all: 1 },
    offLetterRefused: { all: 0.96 },
    citationValidity: { all: 1 },
    hitAt3: { en: 0.9, nl: 0.9 },
    footnoteAttribution: { all: 1 },
  },
  dev: {
    answerAccuracy: { en: 0.92, nl: 0.92 },
    directPrecision: { all: 0.91 },
    offLetterRefused: { all: 0.96 },
    everydayRefused: { all: 0.99 },
    followUps: { all: 0.93 },
    overviewSuccess: { all: 0.98 },
    letterFacts: { all: 0.94 },
    hitAt3: { en: 0.9, nl: 0.9 },
  },
  heldout: {
    // Off-letter refusal fell from 0.896 to 0.875 (one English question) with a change the dev
    // authors judged. English answers fell from 0.847 to 0.833 and Dutch rose from 0.903 to 0.917
    // (one question each) when sentences were credited for the glossary concepts they name, which
    // the dev authors (+2), the regression set (+1) and the unread `-g` authors (+1) judged.
    answerAccuracy: { en: 0.83, nl: 0.91 },
    directPrecision: { all: 0.84 },
    offLetterRefused: { all: 0.87 },
    everydayRefused: { all: 1 },
    followUps: { all: 0.8 },
    overviewSuccess: { all: 0.91 },
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
    expect(report.traces.filter((t) => t.problems.length > 0).map((t) => t.id)).toEqual([]);
  });

  it("never traces a held-out question", () => {
    expect(report.traces.filter((t) => t.outcome.split === "heldout")).toEqual([]);
  });
});
