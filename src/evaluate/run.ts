import { citationProblems } from "../answer/citation-check.js";
import type { LetterAnswerService } from "../answer/service.js";
import type { Answer } from "../answer/types.js";
import type { AnswerKind } from "../compose/question.js";
import type { Letter } from "../letter/types.js";
import type { BaselinePipeline } from "./baseline.js";
import {
  type ByLanguage,
  byLanguage,
  byStyle,
  type Confusion,
  confusion,
  contradicts,
  directStatesFact,
  footnotesAttributed,
  overviewSucceeds,
  type QuestionOutcome,
  quotesFact,
  type ScoredAnswer,
  type Scores,
} from "./metrics.js";
import {
  type EvalQuestion,
  expectationOf,
  isOffTopic,
  isOverview,
  SPLITS,
  type Split,
} from "./questions.js";
import { normalizeText } from "./text.js";

export interface QuestionTrace {
  id: string;
  kind: EvalQuestion["kind"];
  question: string;
  outcome: QuestionOutcome;
  /** What the answer should state: the fact, or the sections an overview should span. */
  expected: string;
  /** The answer's text, direct span and quoted sentences, for reading a failure. */
  answer: string;
  direct?: string;
  quotes: string[];
  /** Evidence strength of the best passage: what the refusal threshold is calibrated on. */
  topSimilarity: number;
  topLexical: number;
  coverage: number;
  evidence: number;
  /** Share of the question's everyday content in words the letter never uses. */
  unknownShare: number;
  problems: string[];
  /** Why the question counts as failed, empty when it passed. */
  failures: string[];
}

export interface PipelineComparison {
  pipeline: ByLanguage;
  baseline: ByLanguage;
  byStyle: Record<string, Scores>;
  confusion: Confusion;
}

export interface EvalReport {
  splits: Partial<Record<Split, PipelineComparison>>;
  /**
   * Per-question traces of the regression and dev questions only: the held-out authors' questions
   * are scored in aggregate and never traced, so that no one tunes on them by reading a failure.
   */
  traces: QuestionTrace[];
}

/** The outcome fields that come from the question itself, the same for both pipelines. */
function asked(q: EvalQuestion) {
  return {
    lang: q.lang,
    split: q.split,
    style: q.style,
    offTopic: isOffTopic(q),
    expected: expectationOf(q),
    offLetter: q.offLetter,
    followUp: q.kind === "followup" || q.kind === "switch",
    aboutLetter: q.kind === "meta",
    expectsPassages: q.expectedPassages.length > 0,
  };
}

/** The kind of thing an evaluation question asks for, as the answer's spans know kinds. */
const ASKED_KIND: Partial<Record<EvalQuestion["kind"], AnswerKind>> = {
  who: "person",
  when: "date",
  quantity: "quantity",
  where: "place",
};

function rankOf(expected: string[], ranked: string[]): number | undefined {
  const index = ranked.findIndex((id) => expected.includes(id));
  return index === -1 ? undefined : index + 1;
}

function expectation(q: EvalQuestion): string {
  if (q.fact) return `"${q.fact.nl}" / "${q.fact.en}"`;
  if (q.minSections !== undefined) {
    return `>= ${q.minSections} sections${q.expectedSections ? ` incl. ${q.expectedSections.join(", ")}` : ""}`;
  }
  return isOffTopic(q) ? "a refusal" : "an answer (no fact recorded)";
}

/** A direct span must be verbatim in the sentences its citation quotes, in Dutch or English. */
function directProblems(answer: ScoredAnswer, letter: Letter): string[] {
  if (!answer.direct) return [];
  const citation = answer.citations.find((c) => c.n === answer.direct?.citation);
  if (!citation) return [`direct span cites [${answer.direct.citation}], which is not a citation`];
  const english = (letter.translation.paragraphs[citation.passageId] ?? [])
    .filter((pair) => citation.quote.includes(pair.nl))
    .map((pair) => pair.en);
  const span = normalizeText(answer.direct.text);
  return [citation.quote, ...english].some((text) => normalizeText(text).includes(span))
    ? []
    : [
        `direct span "${answer.direct.text}" is not in the sentences [${citation.passageId}] quotes`,
      ];
}

function failuresOf(outcome: QuestionOutcome, problems: string[]): string[] {
  const failures: string[] = [];
  if (outcome.offTopic && outcome.answered) failures.push("answered an off-letter question");
  if (!outcome.offTopic && !outcome.answered) failures.push("refused an on-topic question");
  if (outcome.answered && outcome.factQuoted === false) failures.push("fact not quoted");
  if (outcome.overviewOk === false) failures.push("overview too narrow");
  if (outcome.contradiction) failures.push("contradicts itself");
  if (outcome.expectsPassages && (outcome.rank === undefined || outcome.rank > 3)) {
    failures.push(`expected passage at rank ${outcome.rank ?? "-"}`);
  }
  if (outcome.footnotesFound === false) failures.push("expected footnote not cited");
  if (outcome.footnotesAttributed === false) failures.push("lists a footnote its quote lacks");
  return [...failures, ...problems];
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
    const answer: ScoredAnswer & Answer = await answers.ask(input);
    const latencyMs = performance.now() - started;
    const cited = new Set(answer.citations.flatMap((c) => c.footnotes.map((f) => f.number)));
    const problems = [...citationProblems(answer, letter), ...directProblems(answer, letter)];
    if (answer.language !== q.lang) problems.push(`answered in ${answer.language}`);
    const top = evidence.retrieval.passages[0];
    // A partial question asks for more than the letter gives ("how much money…?"): the right
    // answer says what is missing and points to where the letter mentions the subject.
    const notStatedRight = q.kind === "partial" && answer.reason === "not_stated";
    const credited = notStatedRight
      ? { ...answer, grounded: true, citations: answer.related ?? [] }
      : answer;
    const outcome: QuestionOutcome = {
      ...asked(q),
      // "Can you say that in English?" is answered from the earlier answer's passages, not by a
      // search for its own words: those passages, in the order cited, are what it found.
      rank: rankOf(
        q.expectedPassages,
        answer.outcome === "language_switch"
          ? answer.citations.map((c) => c.passageId)
          : evidence.retrieval.passages.map((p) => p.passageId),
      ),
      footnotesFound:
        q.expectedFootnotes.length > 0 ? q.expectedFootnotes.every((n) => cited.has(n)) : undefined,
      answered: answer.grounded || notStatedRight,
      decided: answer.outcome ?? (answer.grounded ? "answer" : (answer.reason ?? "out_of_scope")),
      contradiction: contradicts(answer, ASKED_KIND[q.kind]),
      factQuoted: q.fact ? quotesFact(credited, q.fact, letter.paragraphs) : undefined,
      directRight: q.fact ? directStatesFact(answer, q.fact) : undefined,
      overviewOk:
        isOverview(q) && q.minSections !== undefined
          ? overviewSucceeds(
              answer,
              { minSections: q.minSections, expectedSections: q.expectedSections },
              letter.paragraphs,
            )
          : undefined,
      footnotesAttributed:
        answer.citations.length > 0 ? footnotesAttributed(answer, letter.paragraphs) : undefined,
      citationsValid: problems.length === 0,
      latencyMs,
    };
    traces.push({
      id: q.id,
      kind: q.kind,
      question: q.question,
      outcome,
      expected: expectation(q),
      answer: answer.answer,
      direct: answer.direct?.text,
      quotes: answer.citations.map((c) => `[${c.n}] ${c.passageId}: ${c.quote}`),
      topSimilarity: top?.similarity ?? 0,
      topLexical: top?.lexical ?? 0,
      coverage: evidence.retrieval.coverage,
      evidence: evidence.evidence,
      unknownShare: evidence.scope.unknownShare,
      problems,
      failures: failuresOf(outcome, problems),
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
      ...asked(q),
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
      // The textbook pipeline has no notion of "not in the letter" and composes no answer: it
      // always answers, with chunks rather than quoted sentences, so answer-level scores do not apply.
      answered: true,
      latencyMs: performance.now() - baselineStarted,
    });
  }
  const outcomes = traces.map((t) => t.outcome);
  const splits: EvalReport["splits"] = {};
  for (const split of SPLITS) {
    const inSplit = outcomes.filter((o) => o.split === split);
    if (inSplit.length === 0) continue;
    splits[split] = {
      pipeline: byLanguage(inSplit),
      baseline: byLanguage(baselineOutcomes.filter((o) => o.split === split)),
      byStyle: byStyle(inSplit),
      confusion: confusion(inSplit),
    };
  }
  return { splits, traces: traces.filter((t) => t.outcome.split !== "heldout") };
}
