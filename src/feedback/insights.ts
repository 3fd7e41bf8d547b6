import type { Outcome } from "../answer/types.js";
import type { Language } from "../letter/types.js";
import { analyze, contentWords } from "../retrieve/analyzer.js";
import { CHANNELS, type Channel, type QuestionRecord, type RatedAnswer } from "./question-log.js";

/** Every outcome of the contract, in the order shown: a Record, so that a new one must be added here. */
const OUTCOME_ORDER: Record<Outcome, true> = {
  answer: true,
  overview: true,
  letter_fact: true,
  language_switch: true,
  not_stated: true,
  out_of_scope: true,
};
export const OUTCOMES = Object.keys(OUTCOME_ORDER) as Outcome[];

/** The refusals: the letter does not say what was asked, or is not about it at all. */
const UNANSWERED: ReadonlySet<Outcome> = new Set(["not_stated", "out_of_scope"]);
const LANGUAGES = ["nl", "en"] as const satisfies readonly Language[];

const DAY_MS = 24 * 3_600_000;
const TOP_QUESTIONS = 20;
const TOP_TOPICS = 20;
const THUMBS_DOWN = 50;
const VARIANTS = 5;
/** A year or a number is no topic: "2024" would join railways and fishing quotas. */
const NUMBER = /^\d/;

export type SectionTitle = Record<Language, string>;
type OutcomeCounts = Record<Outcome, number>;

export interface Insights {
  /** The period, [from, to): ISO 8601, UTC. */
  from: string;
  to: string;
  /** Whether questions are being recorded (QUESTION_LOG); ratings are counted either way. */
  questionLog: boolean;
  totals: {
    questions: number;
    answered: number;
    unanswered: number;
    followUps: number;
    cacheHits: number;
    ratingsUp: number;
    ratingsDown: number;
  };
  /** Every day of the period, empty ones included. */
  byDay: Array<{ day: string; total: number; outcomes: OutcomeCounts }>;
  byChannel: Array<{ channel: Channel; count: number }>;
  byLanguage: Array<{ language: Language; count: number }>;
  byOutcome: Array<{ outcome: Outcome; count: number }>;
  /** Null without questions. */
  latencyMs: { p50: number; p95: number } | null;
  /** Most asked first; near-duplicates (the same words, stemmed, in any order) count together. */
  topQuestions: Array<{
    question: string;
    count: number;
    variants: string[];
    outcomes: OutcomeCounts;
  }>;
  /** Most cited first, with the ratings of answers that cite them. */
  sections: Array<{ id: string; title: SectionTitle; citations: number; up: number; down: number }>;
  /** Refused questions grouped by the word they share most; the largest topic first. */
  unanswered: Array<{
    topic: string;
    count: number;
    questions: Array<{ question: string; count: number; outcome: Outcome }>;
  }>;
  /** Newest first. */
  thumbsDown: Array<{
    createdAt: string;
    question: string;
    answer: string;
    comment?: string;
    channel?: Channel;
    outcome?: Outcome;
    sections: Array<{ id: string; title: SectionTitle }>;
  }>;
}

export interface InsightsInput {
  from: Date;
  to: Date;
  questionLog: boolean;
  questions: readonly QuestionRecord[];
  ratings: readonly RatedAnswer[];
  sectionTitle: (id: string) => SectionTitle;
  /** Applied to what raters typed (their question and comment), which the log did not store. */
  scrub: (text: string) => string;
}

const zeroOutcomes = (): OutcomeCounts =>
  Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;

function countBy<K extends string>(keys: readonly K[], values: Iterable<K>): Map<K, number> {
  const counts = new Map(keys.map((k) => [k, 0] as [K, number]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Nearest-rank percentile of sorted numbers. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

/**
 * What makes two questions the same for counting: their content words, stemmed, in any order,
 * without question words ("What did NL do on SLAPPs?" = "SLAPPs: what did the Netherlands do?").
 * A question of stop words only is compared as typed, ignoring case and spacing.
 */
export function questionKey(question: string, language: Language): string {
  const terms = [...new Set(analyze(question, language))].sort();
  return terms.length > 0
    ? terms.join(" ")
    : question.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

interface Group {
  count: number;
  /** Each phrasing and how often it was asked. */
  phrasings: Map<string, number>;
  outcomes: OutcomeCounts;
}

function groupQuestions(records: readonly QuestionRecord[]): Group[] {
  const groups = new Map<string, Group>();
  for (const record of records) {
    const key = questionKey(record.question, record.language);
    const group = groups.get(key) ?? { count: 0, phrasings: new Map(), outcomes: zeroOutcomes() };
    group.count += 1;
    group.phrasings.set(record.question, (group.phrasings.get(record.question) ?? 0) + 1);
    group.outcomes[record.outcome] += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** The phrasings of a group, most asked first (the first shorter on a tie). */
const phrasingsOf = (group: Group) =>
  [...group.phrasings].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).map(([q]) => q);

/**
 * Topics of the refused questions: each question goes to the content word (stemmed) that most
 * other refused questions share, so "trains to Berlin" and "train strikes" meet under "train".
 * A question sharing no word is its own topic. Labelled with the word as most often typed.
 */
function topicsOf(records: readonly QuestionRecord[]): Insights["unanswered"] {
  const termsOf = records.map(
    (r) => new Set(analyze(r.question, r.language).filter((term) => !NUMBER.test(term))),
  );
  const spread = new Map<string, number>();
  for (const terms of termsOf)
    for (const term of terms) spread.set(term, (spread.get(term) ?? 0) + 1);
  const labels = new Map<string, Map<string, number>>();
  for (const record of records) {
    for (const word of contentWords(record.question, record.language)) {
      const [term] = analyze(word, record.language);
      if (term === undefined || NUMBER.test(term)) continue;
      const spellings = labels.get(term) ?? new Map<string, number>();
      spellings.set(word, (spellings.get(word) ?? 0) + 1);
      labels.set(term, spellings);
    }
  }
  const topics = new Map<string, QuestionRecord[]>();
  records.forEach((record, i) => {
    const shared = [...(termsOf[i] ?? [])]
      .filter((term) => (spread.get(term) ?? 0) > 1)
      .sort((a, b) => (spread.get(b) ?? 0) - (spread.get(a) ?? 0) || a.localeCompare(b));
    const topic = shared[0] ?? `\u0000${questionKey(record.question, record.language)}`;
    topics.set(topic, [...(topics.get(topic) ?? []), record]);
  });
  return [...topics]
    .map(([topic, members]) => {
      const spellings = [...(labels.get(topic) ?? [])].sort((a, b) => b[1] - a[1]);
      return {
        topic: spellings[0]?.[0] ?? members[0]?.question ?? topic,
        count: members.length,
        questions: groupQuestions(members).map((group) => ({
          question: phrasingsOf(group)[0] as string,
          count: group.count,
          outcome: OUTCOMES.filter((o) => group.outcomes[o] > 0).sort(
            (a, b) => group.outcomes[b] - group.outcomes[a],
          )[0] as Outcome,
        })),
      };
    })
    .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic))
    .slice(0, TOP_TOPICS);
}

/** The aggregates of the insights page, from the records and ratings of one period. */
export function insights(input: InsightsInput): Insights {
  const { questions, ratings, sectionTitle } = input;
  const days: Insights["byDay"] = [];
  for (let t = input.from.getTime(); t < input.to.getTime(); t += DAY_MS) {
    days.push({ day: new Date(t).toISOString().slice(0, 10), total: 0, outcomes: zeroOutcomes() });
  }
  const dayIndex = new Map(days.map((d, i) => [d.day, i]));
  for (const record of questions) {
    const day = days[dayIndex.get(record.askedAt.slice(0, 10)) ?? -1];
    if (!day) continue;
    day.total += 1;
    day.outcomes[record.outcome] += 1;
  }

  const latencies = questions.map((q) => q.latencyMs).sort((a, b) => a - b);
  const unanswered = questions.filter((q) => UNANSWERED.has(q.outcome));

  const sections = new Map<string, { citations: number; up: number; down: number }>();
  const section = (id: string) => {
    const found = sections.get(id) ?? { citations: 0, up: 0, down: 0 };
    sections.set(id, found);
    return found;
  };
  for (const record of questions) for (const id of record.sections) section(id).citations += 1;
  for (const rating of ratings) {
    for (const id of rating.asked?.sections ?? []) section(id)[rating.rating] += 1;
  }

  const thumbsDown = ratings
    .filter((r) => r.rating === "down")
    .reverse()
    .slice(0, THUMBS_DOWN)
    .map((r) => ({
      createdAt: r.createdAt,
      // The log's scrubbed copy where the rating names its question; else what the rater sent.
      question: r.asked?.question ?? input.scrub(r.question),
      answer: r.answer,
      ...(r.comment === undefined ? {} : { comment: input.scrub(r.comment) }),
      ...(r.asked ? { channel: r.asked.channel, outcome: r.asked.outcome } : {}),
      sections: (r.asked?.sections ?? []).map((id) => ({ id, title: sectionTitle(id) })),
    }));

  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    questionLog: input.questionLog,
    totals: {
      questions: questions.length,
      answered: questions.length - unanswered.length,
      unanswered: unanswered.length,
      followUps: questions.filter((q) => q.followUp).length,
      cacheHits: questions.filter((q) => q.cacheHit).length,
      ratingsUp: ratings.filter((r) => r.rating === "up").length,
      ratingsDown: ratings.filter((r) => r.rating === "down").length,
    },
    byDay: days,
    byChannel: [
      ...countBy(
        CHANNELS,
        questions.map((q) => q.channel),
      ),
    ].map(([channel, count]) => ({ channel, count })),
    byLanguage: [
      ...countBy(
        LANGUAGES,
        questions.map((q) => q.language),
      ),
    ].map(([language, count]) => ({ language, count })),
    byOutcome: [
      ...countBy(
        OUTCOMES,
        questions.map((q) => q.outcome),
      ),
    ].map(([outcome, count]) => ({ outcome, count })),
    latencyMs:
      latencies.length === 0
        ? null
        : { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    topQuestions: groupQuestions(questions)
      .slice(0, TOP_QUESTIONS)
      .map((group) => {
        const [question, ...variants] = phrasingsOf(group);
        return {
          question: question as string,
          count: group.count,
          variants: variants.slice(0, VARIANTS),
          outcomes: group.outcomes,
        };
      }),
    sections: [...sections]
      .map(([id, counts]) => ({ id, title: sectionTitle(id), ...counts }))
      .sort((a, b) => b.citations - a.citations || b.down - a.down || a.id.localeCompare(b.id)),
    unanswered: topicsOf(unanswered),
    thumbsDown,
  };
}
