import type { Paragraph } from "../letter/types.js";
import type { Fact, Split } from "./questions.js";

/**
 * What the scorer reads of an answer: the text shown, the optional direct span and, per citation,
 * the sentences it quotes and the footnotes it lists. `Answer` satisfies it.
 */
export interface ScoredAnswer {
  answer: string;
  grounded: boolean;
  direct?: { text: string; citation: number };
  citations: Array<{
    n: number;
    passageId: string;
    quote: string;
    footnotes: Array<{ number: number; text: string }>;
  }>;
}

/**
 * Folds what extraction and typography vary on: Unicode compatibility forms, case, curly quotes,
 * dash and hyphen variants, soft hyphens and runs of whitespace.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\u00ad/g, "")
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

const contains = (haystack: string, needle: string) =>
  normalizeText(haystack).includes(normalizeText(needle));

/** Footnotes referenced by the sentences a citation quotes (not merely by its passage). */
export function referencedFootnotes(
  citation: Pick<ScoredAnswer["citations"][number], "passageId" | "quote">,
  paragraphs: Paragraph[],
): Set<number> {
  const paragraph = paragraphs.find((p) => p.id === citation.passageId);
  if (!paragraph) return new Set();
  return new Set(
    paragraph.sentences
      .filter((s) => contains(citation.quote, s.text))
      .flatMap((s) => s.footnoteRefs.map((r) => r.number)),
  );
}

/**
 * Whether the answer itself states the fact: in a quoted sentence (Dutch), in the answer's text or
 * direct span (either language), or in a footnote that a citation lists and its quote references.
 * A fact that is only somewhere in a cited passage's full text does not count; a refusal never does.
 */
export function quotesFact(answer: ScoredAnswer, fact: Fact, paragraphs: Paragraph[]): boolean {
  if (!answer.grounded) return false;
  const phrases = [fact.nl, fact.en];
  const shown = [answer.answer, answer.direct?.text ?? ""];
  if (shown.some((text) => phrases.some((phrase) => contains(text, phrase)))) return true;
  return answer.citations.some((citation) => {
    if (contains(citation.quote, fact.nl)) return true;
    const referenced = referencedFootnotes(citation, paragraphs);
    return citation.footnotes.some(
      (f) => referenced.has(f.number) && phrases.some((phrase) => contains(f.text, phrase)),
    );
  });
}

/**
 * Whether the answer's direct span, where it has one, is the fact: it holds the fact or the fact
 * holds it, in either language. Undefined without a direct span.
 */
export function directStatesFact(answer: ScoredAnswer, fact: Fact): boolean | undefined {
  if (!answer.direct) return undefined;
  // A direct span opens without its article ("Voorzitter van de Europese Commissie").
  const bare = (text: string) => normalizeText(text).replace(/^(?:the|a|an|de|het|een) /, "");
  const span = bare(answer.direct.text);
  return [fact.nl, fact.en].some((phrase) => {
    const wanted = bare(phrase);
    return span.includes(wanted) || wanted.includes(span);
  });
}

/** Every footnote a citation lists is referenced by the sentences it quotes. */
export function footnotesAttributed(answer: ScoredAnswer, paragraphs: Paragraph[]): boolean {
  return answer.citations.every((citation) => {
    const referenced = referencedFootnotes(citation, paragraphs);
    return citation.footnotes.every((f) => referenced.has(f.number));
  });
}

/** The distinct sections an answer cites, by the section of each cited passage. */
export function citedSections(answer: ScoredAnswer, paragraphs: Paragraph[]): Set<string> {
  return new Set(
    answer.citations.flatMap((c) => {
      const sectionId = paragraphs.find((p) => p.id === c.passageId)?.sectionId;
      return sectionId === undefined ? [] : [sectionId];
    }),
  );
}

/** An overview succeeds when grounded and spanning enough sections, including any expected ones. */
export function overviewSucceeds(
  answer: ScoredAnswer,
  expectation: { minSections: number; expectedSections?: string[] },
  paragraphs: Paragraph[],
): boolean {
  if (!answer.grounded) return false;
  const sections = citedSections(answer, paragraphs);
  return (
    sections.size >= expectation.minSections &&
    (expectation.expectedSections ?? []).every((s) => sections.has(s))
  );
}

/** Per-question outcome that both pipelines report, so one scorer serves both. */
export interface QuestionOutcome {
  lang: "en" | "nl";
  split: Split;
  offTopic: boolean;
  /** Whether the question names passages that retrieval should rank (hit@k, MRR). */
  expectsPassages: boolean;
  /** Rank (1-based) of the first expected passage in the retrieval, or undefined when absent. */
  rank?: number;
  /** Expected footnotes all present in the answer's citations (undefined when none are expected). */
  footnotesFound?: boolean;
  /** Whether the pipeline answered (true) or refused (false). */
  answered: boolean;
  /** The answer quotes the question's fact (undefined for off-letter and overview questions, or no answer). */
  factQuoted?: boolean;
  /** The answer's direct span is the fact (undefined without a direct span or a fact). */
  directRight?: boolean;
  /** The overview was grounded and spanned its sections (overview questions only). */
  overviewOk?: boolean;
  /** The question asks for one of the letter's own facts (signatories, Kamerstuk, year, title…). */
  aboutLetter?: boolean;
  /** Every footnote listed on a citation is referenced in its quote (undefined without citations). */
  footnotesAttributed?: boolean;
  /** Every [n] resolves and every quote is verbatim in its passage (undefined when not applicable). */
  citationsValid?: boolean;
  latencyMs: number;
}

export interface Scores {
  questions: number;
  answerAccuracy: number;
  /** Of the answers that open with a direct span, the share whose span is the fact. */
  directPrecision: number;
  overviewSuccess: number;
  /** Answer accuracy on the questions about the letter itself. */
  letterFacts: number;
  offLetterRefused: number;
  onTopicAnswered: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  footnoteAccuracy: number;
  footnoteAttribution: number;
  refusalAccuracy: number;
  citationValidity: number;
  latencyP50Ms: number;
}

const mean = (values: number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** Mean of a boolean-or-undefined field over the outcomes where it applies. */
const share = (outcomes: QuestionOutcome[], pick: (o: QuestionOutcome) => boolean | undefined) =>
  mean(outcomes.flatMap((o) => (pick(o) === undefined ? [] : [pick(o) ? 1 : 0])));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function score(outcomes: QuestionOutcome[]): Scores {
  const onTopic = outcomes.filter((o) => !o.offTopic);
  const ranked = onTopic.filter((o) => o.expectsPassages);
  return {
    questions: outcomes.length,
    answerAccuracy: share(onTopic, (o) => o.factQuoted),
    directPrecision: share(onTopic, (o) => o.directRight),
    overviewSuccess: share(onTopic, (o) => o.overviewOk),
    letterFacts: share(onTopic, (o) => (o.aboutLetter ? (o.factQuoted ?? false) : undefined)),
    offLetterRefused: share(outcomes, (o) => (o.offTopic ? !o.answered : undefined)),
    onTopicAnswered: share(onTopic, (o) => o.answered),
    hitAt1: mean(ranked.map((o) => (o.rank === 1 ? 1 : 0))),
    hitAt3: mean(ranked.map((o) => (o.rank !== undefined && o.rank <= 3 ? 1 : 0))),
    mrr: mean(ranked.map((o) => (o.rank ? 1 / o.rank : 0))),
    footnoteAccuracy: share(onTopic, (o) => o.footnotesFound),
    footnoteAttribution: share(outcomes, (o) => o.footnotesAttributed),
    refusalAccuracy: mean(outcomes.map((o) => (o.answered !== o.offTopic ? 1 : 0))),
    citationValidity: share(outcomes, (o) => o.citationsValid),
    latencyP50Ms: percentile(
      outcomes.map((o) => o.latencyMs),
      50,
    ),
  };
}

export type ByLanguage = Record<"en" | "nl" | "all", Scores>;

export function byLanguage(outcomes: QuestionOutcome[]): ByLanguage {
  return {
    en: score(outcomes.filter((o) => o.lang === "en")),
    nl: score(outcomes.filter((o) => o.lang === "nl")),
    all: score(outcomes),
  };
}
