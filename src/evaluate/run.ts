import { citationProblems } from "../answer/citation-check.js";
import type { LetterAnswerService } from "../answer/service.js";
import type { Letter } from "../letter/types.js";
import type { BaselinePipeline } from "./baseline.js";
import { type QuestionOutcome, type Scores, score } from "./metrics.js";
import { type EvalQuestion, isOffTopic } from "./questions.js";

export interface QuestionTrace {
  id: string;
  outcome: QuestionOutcome;
  /** Evidence strength of the best passage: what the refusal threshold is calibrated on. */
  topSimilarity: number;
  topLexical: number;
  coverage: number;
  evidence: number;
  problems: string[];
}

export interface EvalReport {
  pipeline: Record<"en" | "nl" | "all", Scores>;
  baseline: Record<"en" | "nl" | "all", Scores>;
  traces: QuestionTrace[];
}

function rankOf(expected: string[], ranked: string[]): number | undefined {
  const index = ranked.findIndex((id) => expected.includes(id));
  return index === -1 ? undefined : index + 1;
}

function byLanguage(outcomes: QuestionOutcome[]): Record<"en" | "nl" | "all", Scores> {
  return {
    en: score(outcomes.filter((o) => o.lang === "en")),
    nl: score(outcomes.filter((o) => o.lang === "nl")),
    all: score(outcomes),
  };
}

export async function evaluate(
  questions: EvalQuestion[],
  answers: LetterAnswerService,
  letter: Letter,
  baseline: BaselinePipeline,
): Promise<EvalReport> {
  const traces: QuestionTrace[] = [];
  const baselineOutcomes: QuestionOutcome[] = [];
  for (const q of questions) {
    const input = { question: q.question, history: q.history, lang: "auto" as const };
    const evidence = await answers.retrieve(input);
    const started = performance.now();
    const answer = await answers.ask(input);
    const latencyMs = performance.now() - started;
    const cited = new Set(answer.citations.flatMap((c) => c.footnotes.map((f) => f.number)));
    const problems = citationProblems(answer, letter);
    if (answer.language !== q.lang) problems.push(`answered in ${answer.language}`);
    const top = evidence.retrieval.passages[0];
    traces.push({
      id: q.id,
      topSimilarity: top?.similarity ?? 0,
      topLexical: top?.lexical ?? 0,
      coverage: evidence.retrieval.coverage,
      evidence: evidence.evidence,
      problems,
      outcome: {
        lang: q.lang,
        offTopic: isOffTopic(q),
        rank: rankOf(
          q.expectedPassages,
          evidence.retrieval.passages.map((p) => p.passageId),
        ),
        footnotesFound:
          q.expectedFootnotes.length > 0
            ? q.expectedFootnotes.every((n) => cited.has(n))
            : undefined,
        answered: answer.grounded,
        citationsValid: problems.length === 0,
        latencyMs,
      },
    });

    const baselineStarted = performance.now();
    const chunks = await baseline.retrieve(
      [
        ...(q.history ?? []).filter((t) => t.role === "user").map((t) => t.content),
        q.question,
      ].join(" "),
    );
    const baselineText = chunks.map((c) => c.text).join("\n");
    baselineOutcomes.push({
      lang: q.lang,
      offTopic: isOffTopic(q),
      rank: rankOf(
        q.expectedPassages,
        chunks.flatMap((c, i) =>
          c.passageIds.some((id) => q.expectedPassages.includes(id))
            ? [q.expectedPassages[0] as string]
            : [`chunk-${i}`],
        ),
      ),
      footnotesFound:
        q.expectedFootnotes.length > 0
          ? q.expectedFootnotes.every((n) => {
              const text = letter.footnotes.find((f) => f.number === n)?.text ?? "\u0000";
              return baselineText.replace(/\s+/g, " ").includes(text.slice(0, 25));
            })
          : undefined,
      // The textbook pipeline has no notion of "not in the letter": it always answers.
      answered: true,
      latencyMs: performance.now() - baselineStarted,
    });
  }
  return {
    pipeline: byLanguage(traces.map((t) => t.outcome)),
    baseline: byLanguage(baselineOutcomes),
    traces,
  };
}
