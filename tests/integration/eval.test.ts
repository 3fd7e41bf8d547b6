import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BaselinePipeline } from "../../src/evaluate/baseline.js";
import { loadQuestions } from "../../src/evaluate/questions.js";
import { evaluate } from "../../src/evaluate/run.js";
import { loadRealServices } from "../support/real-services.js";

/** Quality floors on the evaluation set, so retrieval and answers cannot silently regress. */
describe("evaluation floors", () => {
  it("meets the floors on the question set and beats the textbook baseline", async () => {
    const questions = loadQuestions();
    const langs = (lang: "en" | "nl") => questions.filter((q) => q.lang === lang);
    expect(questions.length).toBeGreaterThanOrEqual(45);
    expect(langs("en").length).toBeGreaterThanOrEqual(20);
    expect(langs("nl").length).toBeGreaterThanOrEqual(15);
    for (const lang of ["en", "nl"] as const) {
      expect(langs(lang).filter((q) => q.kind === "offtopic").length).toBeGreaterThanOrEqual(8);
    }

    const { config, letter, answers, embeddings } = await loadRealServices();
    const baseline = await BaselinePipeline.build(
      readFileSync(config.corpusPath, "utf8"),
      letter,
      embeddings,
    );
    const report = await evaluate(questions, answers, letter, baseline);
    const dev = report.splits.dev;
    if (!dev) throw new Error("the evaluation set has no dev questions");

    expect(dev.pipeline.en.hitAt3).toBeGreaterThanOrEqual(0.9);
    expect(dev.pipeline.nl.hitAt3).toBeGreaterThanOrEqual(0.9);
    expect(dev.pipeline.all.footnoteAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(dev.pipeline.all.refusalAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.traces.filter((t) => t.problems.length > 0)).toEqual([]);
    expect(dev.pipeline.all.citationValidity).toBe(1);
    expect(dev.pipeline.all.mrr).toBeGreaterThan(dev.baseline.all.mrr);
  }, 300_000);
});
