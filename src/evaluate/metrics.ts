import type { Outcome } from "../answer/types.js";
import type { AnswerKind } from "../compose/question.js";
import { spansOfKind } from "../compose/spans.js";
import type { Paragraph } from "../letter/types.js";
import type { Expectation, Fact, Split } from "./questions.js";
import { normalizeText } from "./text.js";

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
 * How much of an answer's opening may hold the fact for it to count: a fact buried in a long
 * quote, or in a third passage, is not an answer a reader sees.
 */
export const CREDITED_LEAD_CHARS = 400;

/**
 * Whether the answer states the fact where a reader looks first: in its direct span, in the
 * opening of its text or of its first citation's quote (the first ${CREDITED_LEAD_CHARS}
 * characters, in either language), or in a footnote that first citation lists and its quote
 * references. A fact that is only further on, or somewhere in a cited passage, does not count; a
 * refusal never does.
 */
export function quotesFact(answer: ScoredAnswer, fact: Fact, paragraphs: Paragraph[]): boolean {
  if (!answer.grounded) return false;
  const phrases = [fact.nl, fact.en];
  const lead = (text: string) => normalizeText(text).slice(0, CREDITED_LEAD_CHARS);
  const first = answer.citations.find((c) => c.n === (answer.direct?.citation ?? 1));
  const shown = [answer.answer, answer.direct?.text ?? "", first?.quote ?? ""].map(lead);
  if (shown.some((text) => phrases.some((phrase) => text.includes(normalizeText(phrase))))) {
    return true;
  }
  if (!first) return false;
  const referenced = referencedFootnotes(first, paragraphs);
  return first.footnotes.some(
    (f) => referenced.has(f.number) && phrases.some((phrase) => contains(f.text, phrase)),
  );
}

/** How an answer says the letter gives nothing of the kind asked ("The letter does not give a date"). */
const SAYS_NOT_GIVEN =
  /\b(?:does not (?:give|name|state|say|mention)(?! a more precise)|doesn't (?:give|name|say)|geeft (?:hiervoor |daarvoor )?geen(?! preciezere)|noemt geen|vermeldt geen|zegt niet)\b/i;

/**
 * An answer that contradicts itself: it answers (a direct span, or quotes) and also says the letter
 * gives nothing of the kind asked, as "four individuals and two entities … The letter does not give
 * a number for this." does.
 */
export function contradicts(answer: ScoredAnswer, asked?: AnswerKind): boolean {
  if (!answer.grounded || !SAYS_NOT_GIVEN.test(answer.answer)) return false;
  if (answer.direct) return true;
  return (
    asked !== undefined &&
    answer.citations.some((c) => spansOfKind(c.quote, asked, "nl").length > 0)
  );
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
  style: string;
  offTopic: boolean;
  /** What the question should get. */
  expected: Expectation;
  /** For off-letter questions: near the letter's topics, an everyday request, or another field. */
  offLetter?: "near" | "everyday" | "unrelated";
  /** The question needs the conversation before it (a follow-up or a language switch). */
  followUp: boolean;
  /** What the pipeline decided (undefined for the baseline, which decides nothing). */
  decided?: Outcome;
  /** The answer quotes a thing of the kind asked and says the letter gives none. */
  contradiction?: boolean;
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
  /** Answer accuracy on follow-ups and language switches. */
  followUps: number;
  /** Share of everyday and unrelated requests refused. */
  everydayRefused: number;
  /** How many answers contradict themselves. */
  contradictions: number;
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
    followUps: share(onTopic, (o) => (o.followUp ? (o.factQuoted ?? o.overviewOk) : undefined)),
    everydayRefused: share(outcomes, (o) =>
      o.offLetter === "everyday" || o.offLetter === "unrelated" ? !o.answered : undefined,
    ),
    contradictions: outcomes.filter((o) => o.contradiction).length,
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

/** What was decided, per what was expected: rows expected, columns decided. */
export type Confusion = Record<Expectation, Partial<Record<Outcome, number>>>;

export function confusion(outcomes: QuestionOutcome[]): Confusion {
  const table: Confusion = { answer: {}, overview: {}, refuse: {} };
  for (const o of outcomes) {
    if (!o.decided) continue;
    const row = table[o.expected];
    row[o.decided] = (row[o.decided] ?? 0) + 1;
  }
  return table;
}

/** Scores per question style (persona), all languages together. */
export function byStyle(outcomes: QuestionOutcome[]): Record<string, Scores> {
  const styles = [...new Set(outcomes.map((o) => o.style))].sort();
  return Object.fromEntries(
    styles.map((style) => [style, score(outcomes.filter((o) => o.style === style))]),
  );
}

export function byLanguage(outcomes: QuestionOutcome[]): ByLanguage {
  return {
    en: score(outcomes.filter((o) => o.lang === "en")),
    nl: score(outcomes.filter((o) => o.lang === "nl")),
    all: score(outcomes),
  };
}
