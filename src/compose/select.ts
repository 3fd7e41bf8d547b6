import type { Language } from "../letter/types.js";
import { STATED } from "../lexicon/question-kinds.js";
import { PAST_TENSE_EN, SINCE_DATE, SPEAKS_AHEAD } from "../lexicon/tense.js";
import { DEFAULT_PROFILE, type Profile } from "../profile.js";
import { analyze, tokenize } from "../retrieve/analyzer.js";
import { type ConceptStems, namesConcept } from "../retrieve/glossary.js";
import type { AnswerKind, Tense } from "./question.js";
import {
  countriesByAdjective,
  countsAsked,
  hasKind,
  homeInAskedRole,
  namesCalendarDate,
  spansOfKind,
} from "./spans.js";

/** One sentence of the letter as a candidate answer, with its evidence for the question. */
export interface SentenceCandidate {
  passageId: string;
  index: number;
  /** The sentence in each language (the Dutch original; the English rendering or the Dutch). */
  text: Record<Language, string>;
  stems: Record<Language, ReadonlySet<string>>;
  /** Text of the footnotes the sentence references, in each language. */
  footnoteText: Record<Language, string>;
  footnotes: number[];
  /** Closeness in meaning of the question to the sentence, in [0, 1]. */
  similarity: number;
  /** Fused retrieval score of the sentence's passage, in [0, 1]; 0 when not retrieved. */
  passageScore: number;
}

export interface SelectionInput {
  kind: AnswerKind;
  /** A second kind asked for in the same question. */
  also?: AnswerKind;
  /** For a when-question: whether it asks about the past or about now and later. */
  tense?: Tense;
  /** The year the letter was written in: dates after it are still to come. */
  letterYear?: number;
  /** For a how-many question: the stems of what it counts. */
  counted?: string[];
  /** The question asks, in a second part, for more about its subject. */
  more?: boolean;
  language: Language;
  /** Stemmed terms of the question itself, in its language. */
  questionTerms: string[];
  /** Stemmed terms of the earlier question a follow-up leans on, in the same language. */
  contextTerms: string[];
  /** Stemmed terms of the question with its context and glossary expansion, per language. */
  queryTerms: Record<Language, string[]>;
  /** Specificity of a stem in the letter (inverse document frequency over its sentences). */
  idf: (stem: string, language: Language) => number;
  /** Footnotes the question matched in their own right. */
  footnoteHits: number[];
  /** The glossary's concepts the question itself names ("violence against women"). */
  concepts?: readonly ConceptStems[];
  /** For a follow-up that asks for others: the sentences ("passageId:index") already said. */
  said?: ReadonlySet<string>;
  /**
   * For any other follow-up: the sentences the previous answer quoted. One that holds the kind
   * asked is what the follow-up points at ("…four individuals were added. And when were they?").
   */
  quotedBefore?: ReadonlySet<string>;
  candidates: SentenceCandidate[];
  /** The tuned weights; the default profile's unless an evaluation overrides them. */
  weights?: Profile["selection"];
}

const weightsOf = (input: SelectionInput) => input.weights ?? DEFAULT_PROFILE.selection;

export interface ScoredCandidate extends SentenceCandidate {
  relevance: number;
  score: number;
  answersKind: boolean;
}

/** A chosen run of consecutive sentences of one passage; `lead` is the one that answers. */
export interface ChosenSpan {
  passageId: string;
  first: number;
  last: number;
  lead: number;
}

/**
 * Kinds whose answer a sentence either holds or not; the sentence that holds it is preferred, and
 * a neighbour that holds it answers for the sentence that matches the question.
 */
const TYPED: ReadonlySet<AnswerKind> = new Set([
  "stance",
  "outcome",
  "person",
  "country",
  "date",
  "quantity",
  "amount",
  "place",
  "city",
  "list",
  "document",
]);

/** Whether a question of the kind asks for a thing a sentence either holds or not. */
export const isTyped = (kind: AnswerKind): boolean => TYPED.has(kind);

/**
 * A sentence that opens by pointing back ("Dit comité", "Zij", "Deze strategie", "This") needs
 * the sentence before it to make sense.
 */
const BACK_REFERENCE: Record<Language, RegExp> = {
  // "Dit jaar", "this year": a demonstrative before a span of time points at the present, not
  // back; "This year's declaration" is the declaration just named.
  nl: /^(?:(?:dit|deze|dat|die)(?!\s+(?:jaar|maand|week|keer|voorjaar|najaar|zomer|winter|periode)\b)|zij|ze|hij|hun|daarom|daarbij|daarmee|daarvoor|daarnaast|hierbij|hiermee|in dat licht|als voorzitter|maar ook|evenals|onder andere)\b/i,
  en: /^(?:(?:this|these|that|those)(?!\s+(?:year|years|month|week|time|spring|summer|autumn|winter|period)\b(?!['’]s))|they|their|it|its|such|here|in that light|as chair|but also|among other things|that is why|as part of these efforts|in addition to this)\b/i,
};

/**
 * A sentence that only goes on with the list of the one before it ("…onder andere op soepele
 * toetreding. Maar ook op uitwisseling en zichtbaarheid…"): without it, the list is cut short.
 */
const LIST_GOES_ON: Record<Language, RegExp> = {
  nl: /^(?:maar ook|evenals|alsook|en ook)\b/i,
  en: /^(?:but also|as well as|and also)\b/i,
};

const goesOnWithList = (text: Record<Language, string>) =>
  LIST_GOES_ON.nl.test(text.nl.trim()) || LIST_GOES_ON.en.test(text.en.trim());

/** A reference inside a sentence to what the sentence before it named ("such legislation"). */
const SUCH: Record<Language, RegExp> = {
  nl: /\b(?:dergelijke|zulke|zo'n)\b/i,
  en: /\bsuch\b(?! as\b)/i,
};

/**
 * A sentence about the letter itself ("In deze brief kunt u meer lezen over…") announces topics
 * without saying anything of them: it shares words with every question on those topics, yet
 * answers only a question about the letter, which overviews and the letter's facts serve. What it
 * still holds is its footnotes ("Waar staat lhbtiq+ voor?" is answered by footnote 1 of that
 * sentence), so it is weighed by them alone.
 */
const ABOUT_THE_LETTER: Record<Language, RegExp> = {
  nl: /\b(?:deze|dit) (?:brief|kamerbrief|stuk)\b/i,
  en: /\bthis (?:letter|document|paper)\b/i,
};

export const describesTheLetter = (text: Record<Language, string>): boolean =>
  ABOUT_THE_LETTER.nl.test(text.nl) || ABOUT_THE_LETTER.en.test(text.en);

/** The candidate as its footnotes alone: no closeness in meaning, only their words. */
function asFootnoteCarrier(candidate: SentenceCandidate): SentenceCandidate {
  const stems = (language: Language) =>
    new Set(selectionTerms(candidate.footnoteText[language], language));
  return { ...candidate, similarity: 0, stems: { nl: stems("nl"), en: stems("en") } };
}

export function opensWithReference(text: Record<Language, string>): boolean {
  return BACK_REFERENCE.nl.test(text.nl.trim()) || BACK_REFERENCE.en.test(text.en.trim());
}

/** Whether a sentence makes sense only after the one before it: it points back, or speaks of "such" a thing. */
export function needsAntecedent(text: Record<Language, string>): boolean {
  return opensWithReference(text) || SUCH.nl.test(text.nl) || SUCH.en.test(text.en);
}

/**
 * Whether a sentence continues the one before it: it points back ("Dit comité", "dergelijke
 * wetgeving"), or takes up the previous sentence's subject with a definite article ("…de nieuwe strategie…. De strategie benadrukt").
 */
export function continues(previous: SentenceCandidate, next: SentenceCandidate): boolean {
  if (needsAntecedent(next.text)) return true;
  // The noun is the first word after the article, or the second after an adjective ("De nieuwe
  // strategie"): either, when the previous sentence names it, is the subject taken up.
  // A word all through the letter ("Het kabinet", which the analyser drops as it drops stop
  // words) is known without the sentence before.
  const opening = /^(?:de|het|the)\s+(\p{L}+)(?:\s+(\p{L}+))?/iu.exec(next.text.nl.trim());
  const previousText = previous.text.nl.toLowerCase();
  return [opening?.[1], opening?.[2]].some(
    (word) =>
      word !== undefined &&
      word.length >= 4 &&
      analyze(word, "nl").length > 0 &&
      previousText.includes(word.toLowerCase().slice(0, 6)),
  );
}

/**
 * Prepositions the stop-word lists keep: rare in the letter, so specific by IDF, yet they say
 * nothing of what a sentence is about ("En binnen de Raad van Europa?" is about the Council of
 * Europe, not about the sentence that says "binnen de nieuwe Commissie").
 */
const PREPOSITIONS = new Set(
  "binnen buiten tijdens via tussen boven rond omtrent jegens within during inside outside among amongst between above around across throughout towards".split(
    " ",
  ),
);

/** The stemmed words of a text that can tell sentences apart. */
export function selectionTerms(text: string, language: Language): string[] {
  return analyze(
    tokenize(text)
      .filter((token) => !PREPOSITIONS.has(token))
      .join(" "),
    language,
  );
}

/**
 * IDF-weighted share of the question's own words that the sentence holds (in the question's
 * language; an earlier question's words count half), and, weaker, of the glossary expansion in
 * either language: an answer shares the question's specific words, not just its topic.
 */
function lexicalShare(input: SelectionInput, candidate: SentenceCandidate): number {
  const weigh = (terms: string[], language: Language, factor: number) => {
    let total = 0;
    let held = 0;
    for (const term of new Set(terms)) {
      const weight = factor * input.idf(term, language);
      total += weight;
      if (candidate.stems[language].has(term)) held += weight;
    }
    return { total, held };
  };
  const own = weigh(input.questionTerms, input.language, 1);
  const context = weigh(input.contextTerms, input.language, 0.5);
  const total = own.total + context.total;
  const direct = total === 0 ? 0 : (own.held + context.held) / total;
  let expanded = 0;
  for (const language of ["nl", "en"] as const) {
    const { total: all, held } = weigh(input.queryTerms[language], language, 1);
    if (all > 0) expanded = Math.max(expanded, held / all);
  }
  return direct + weightsOf(input).expansionShare * expanded + conceptShare(input, candidate);
}

/**
 * The share of the concepts the question names that the sentence names too, each by all the words
 * of one of its terms: a sentence on "geweld tegen vrouwen" names "violence against women"; one on
 * women human rights defenders shares a word of it, not the concept.
 */
function conceptShare(input: SelectionInput, candidate: SentenceCandidate): number {
  const concepts = input.concepts ?? [];
  if (concepts.length === 0) return 0;
  const held = concepts.filter((concept) => namesConcept(concept, candidate.stems)).length;
  return (weightsOf(input).conceptWeight * held) / concepts.length;
}

/**
 * Whether a sentence that holds the kind asked holds it as asked: for a question about the future,
 * a date still to come.
 */
export function agreesWithAskedTime(candidate: SentenceCandidate, input: SelectionInput): boolean {
  if (input.kind !== "date" || input.tense === undefined || input.tense === "past") return true;
  // "Sinds dit jaar is Nederland voorzitter" tells since when a state has held: no answer to when
  // something happens now or later ("wanneer wordt de EU lid?").
  const dates = datesIn(candidate);
  if (dates.length > 0 && dates.every((date) => SINCE_DATE.nl.test(date))) return false;
  return input.tense !== "future" || (agreesInTense(candidate, input) && !toldAsPast(candidate));
}

/** The dates a sentence gives, as its Dutch original words them. */
const datesIn = (candidate: SentenceCandidate): readonly string[] =>
  spansOfKind(candidate.text.nl, "date", "nl");

/** Whether a sentence, in either language, speaks in the future ("will", "zal", "next year"). */
const speaksAhead = (candidate: SentenceCandidate): boolean =>
  SPEAKS_AHEAD.nl.test(candidate.text.nl) || SPEAKS_AHEAD.en.test(candidate.text.en);

/**
 * Whether a sentence tells its date as part of what was done ("The Netherlands argued for new
 * strategies, since the current ones expire in 2025"): its date is no deadline still ahead,
 * unlike "Your House will receive the evaluation in Q1 2025".
 */
function toldAsPast(candidate: SentenceCandidate): boolean {
  if (speaksAhead(candidate)) return false;
  const { en } = candidate.text;
  const date = spansOfKind(en, "date", "en")[0];
  const before = date === undefined ? en : en.slice(0, en.indexOf(date));
  return PAST_TENSE_EN.test(before);
}

/**
 * Whether a sentence holds the very thing a typed question asks for (a number of what it counts,
 * a date, a country…), in the question's words: such a sentence may answer from a passage that
 * retrieval ranked a little lower.
 */
export function holdsAskedThing(candidate: SentenceCandidate, input: SelectionInput): boolean {
  return TYPED.has(input.kind) && holdsKind(candidate, input.kind, input, false);
}

/**
 * Whether the sentence, or a footnote it references (a directive's number, a date), holds the kind;
 * for a how-many question, a number of what it counts, in the question's language.
 */
function holdsKind(
  candidate: SentenceCandidate,
  kind: AnswerKind,
  input?: SelectionInput,
  alike = true,
): boolean {
  const byKind: Partial<Record<AnswerKind, Record<Language, RegExp>>> = STATED;
  const stated = byKind[kind];
  if (stated) return stated.nl.test(candidate.text.nl) || stated.en.test(candidate.text.en);
  // "Which country held the presidency?": "het Belgische voorzitterschap" names it, as an
  // adjective of the noun asked about; a country's adjective before any other noun answers nothing.
  if (kind === "country" && input) {
    const asked = new Set(input.questionTerms);
    const byAdjective = (["nl", "en"] as const).some((language) =>
      countriesByAdjective(candidate.text[language], language).some(({ noun }) =>
        // "voorzitter" asked is the "voorzitterschap" named.
        analyze(noun, language).some((stem) =>
          [...asked].some((a) => a === stem || (a.length >= 5 && stem.startsWith(a))),
        ),
      ),
    );
    if (byAdjective) return true;
    const { language } = input;
    if (homeInAskedRole(candidate.text[language], language, asked)) return true;
  }
  // "When will the EU join?" is answered by a date still to come, not by "since this year".
  if (kind === "date" && input && !agreesWithAskedTime(candidate, input)) return false;
  const counted = kind === "quantity" ? (input?.counted ?? []) : [];
  if (input && counted.length > 0) {
    const { language } = input;
    return [candidate.text[language], candidate.footnoteText[language]].some((text) =>
      spansOfKind(text, kind, language).some((span) =>
        countsAsked(span, counted, language, { alike }),
      ),
    );
  }
  return (["nl", "en"] as const).some(
    (language) =>
      hasKind(candidate.text[language], kind, language) ||
      hasKind(candidate.footnoteText[language], kind, language),
  );
}

/**
 * Whether the sentence's dates lie where a when-question's tense points: a past question at the
 * letter's year or before (a date without a year is in the letter's year), a present or future
 * one after it ("Uw Kamer ontvangt deze evaluatie … in Q1–2025").
 */
function agreesInTense(candidate: SentenceCandidate, input: SelectionInput): boolean {
  const { tense, letterYear } = input;
  if (input.kind !== "date" || !tense || letterYear === undefined) return false;
  const years = yearsDated(candidate, letterYear);
  return tense === "past"
    ? years.some((year) => year <= letterYear)
    : years.some((year) => year > letterYear);
}

/** Every year a sentence's dates name ("2024–2029" runs to 2029); a date without one is in the letter's. */
function yearsDated(candidate: SentenceCandidate, letterYear: number): number[] {
  return datesIn(candidate).flatMap((span) => {
    const named = span.match(/(?:19|20)\d\d/g)?.map(Number) ?? [];
    return named.length > 0 ? named : [letterYear];
  });
}

/**
 * Whether a sentence speaks of what is still to come: in the future tense, or of a date after the
 * letter's year ("Uw Kamer ontvangt deze evaluatie … in Q1–2025").
 */
export function looksAhead(candidate: SentenceCandidate, letterYear: number | undefined): boolean {
  return (
    speaksAhead(candidate) ||
    (letterYear !== undefined &&
      yearsDated(candidate, letterYear).some((year) => year > letterYear))
  );
}

/** Every candidate scored for the question: relevance, plus how well it answers the kind asked. */
export function scoreCandidates(input: SelectionInput): ScoredCandidate[] {
  const typed = TYPED.has(input.kind);
  const weighed = input.candidates.map((c) =>
    describesTheLetter(c.text) ? asFootnoteCarrier(c) : c,
  );
  const lexical = new Map(
    weighed.map((c) => [`${c.passageId}:${c.index}`, lexicalShare(input, c)]),
  );
  const scored = input.candidates.map((c, i) => {
    const weight = weighed[i] as SentenceCandidate;
    const own = lexical.get(`${c.passageId}:${c.index}`) ?? 0;
    // "…is of the view that such legislation is incompatible…" is about the legislation the
    // sentence before it names: it holds that sentence's words by reference.
    const referred = SUCH[input.language].test(c.text[input.language])
      ? (lexical.get(`${c.passageId}:${c.index - 1}`) ?? 0)
      : 0;
    const relevance =
      weightsOf(input).similarityWeight * weight.similarity +
      weightsOf(input).lexicalWeight * Math.max(own, referred) +
      weightsOf(input).passageWeight * c.passageScore +
      (c.footnotes.some((f) => input.footnoteHits.includes(f))
        ? weightsOf(input).footnoteWeight
        : 0);
    return { ...c, relevance, score: relevance, answersKind: false };
  });
  // A number of the same kind of thing in other words ("four individuals" for "how many people")
  // answers only in the passage most about the question: elsewhere it counts something else.
  const mostRelevant = scored.reduce<ScoredCandidate | undefined>(
    (best, c) => (best && best.relevance >= c.relevance ? best : c),
    undefined,
  );
  for (const c of scored) {
    const alike = c.passageId === mostRelevant?.passageId;
    c.answersKind = typed && holdsKind(c, input.kind, input, alike);
    if (input.said?.has(`${c.passageId}:${c.index}`)) c.score -= weightsOf(input).saidPenalty;
  }
  if (!typed) return scored;
  // "This year" dates a thing only where the passage gives no calendar date: "in mei 2024" in the
  // same passage answers "when?" better.
  if (input.kind === "date") {
    const datesOf = (c: ScoredCandidate) =>
      spansOfKind(c.text[input.language], "date", input.language);
    const calendar = new Set(
      scored
        .filter((c) => c.answersKind && datesOf(c).some(namesCalendarDate))
        .map((c) => c.passageId),
    );
    for (const c of scored) {
      if (c.answersKind && calendar.has(c.passageId) && !datesOf(c).some(namesCalendarDate)) {
        c.answersKind = false;
      }
    }
  }
  const byKey = new Map(scored.map((c) => [`${c.passageId}:${c.index}`, c]));
  for (const c of scored) {
    if (!c.answersKind) continue;
    const neighbours = [c.index - 1, c.index + 1].flatMap((i) => {
      const n = byKey.get(`${c.passageId}:${i}`);
      return n ? [n.relevance] : [];
    });
    const context = Math.max(0, ...neighbours.map((r) => r - c.relevance));
    c.score =
      c.relevance +
      weightsOf(input).kindWeight +
      weightsOf(input).neighbourWeight * context +
      (agreesInTense(c, input) ? weightsOf(input).tenseWeight : 0) +
      (input.quotedBefore?.has(`${c.passageId}:${c.index}`) ? weightsOf(input).pointedWeight : 0);
  }
  return scored;
}

/**
 * The sentences that answer: the best one first, with its antecedent when it opens by pointing
 * back, and a second passage only when it is nearly as good. No padding. `candidates` are the
 * input's scored candidates, for a caller that already has them.
 */
export function chooseSentences(
  input: SelectionInput,
  maxSpans: number = weightsOf(input).maxSpans,
  candidates: readonly ScoredCandidate[] = scoreCandidates(input),
): ChosenSpan[] {
  const scored = [...candidates].sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return [];
  const spans: ChosenSpan[] = [];
  const byKey = new Map(scored.map((c) => [`${c.passageId}:${c.index}`, c]));
  const at = (passageId: string, index: number) => byKey.get(`${passageId}:${index}`);
  const spanFor = (c: ScoredCandidate): ChosenSpan => {
    let first = c.index;
    // The antecedent of a sentence that points back.
    for (
      let s = at(c.passageId, first), p = at(c.passageId, first - 1);
      s && p && continues(p, s);
    ) {
      first -= 1;
      s = p;
      p = at(c.passageId, first - 1);
    }
    let last = c.index;
    // The sentence that carries this one on ("…committee was established. This committee has begun
    // drafting…"), when it is relevant in its own right. A reason is argued across sentences ("NL
    // is part of the free movement… A deterioration… also affects the Netherlands"): asked why,
    // the next sentence is quoted when relevant, whether or not it points back. A follow-up ("What
    // does it work on?", or "…, and what is it working on?") asks for more about its subject: the
    // sentence that carries the subject on is quoted however few of its words it shares.
    const next = at(c.passageId, last + 1);
    const followUp = input.contextTerms.length > 0 || input.more === true;
    if (
      next &&
      ((continues(c, next) &&
        (followUp || next.relevance >= weightsOf(input).continuationFloor * c.relevance)) ||
        (input.kind === "reason" &&
          next.relevance >= weightsOf(input).continuationFloor * c.relevance))
    ) {
      last += 1;
    }
    for (let n = at(c.passageId, last + 1); n && goesOnWithList(n.text); ) {
      last += 1;
      n = at(c.passageId, last + 1);
    }
    return { passageId: c.passageId, first, last, lead: c.index };
  };
  const first = spanFor(best);
  // The sentence that matches the question may lack the thing asked for while another sentence of
  // its passage holds it ("…signed a declaration. New were Poland, Albania…"): the nearest such
  // sentence answers, in context when it is near, else on its own.
  if (TYPED.has(input.kind) && !best.answersKind) {
    const holder = scored
      .filter((c) => c.passageId === best.passageId && c.answersKind)
      .sort((a, b) => Math.abs(a.index - best.index) - Math.abs(b.index - best.index))[0];
    if (holder && Math.abs(holder.index - best.index) <= weightsOf(input).contextReach) {
      first.first = Math.min(first.first, holder.index);
      first.last = Math.max(first.last, holder.index);
      first.lead = holder.index;
    } else if (holder) {
      Object.assign(first, spanFor(holder));
    }
  }
  // "…, and when will it report again?": a sentence of the passage that holds the second kind.
  if (input.also && TYPED.has(input.also)) {
    const alsoKind = input.also;
    const holder = scored
      .filter((c) => c.passageId === best.passageId && holdsKind(c, alsoKind))
      .sort((a, b) => Math.abs(a.index - best.index) - Math.abs(b.index - best.index))[0];
    if (holder && Math.abs(holder.index - best.index) <= 2) {
      first.first = Math.min(first.first, holder.index);
      first.last = Math.max(first.last, holder.index);
    }
  }
  spans.push(first);
  // A second passage only when it is nearly as good; never more sentences of the same passage.
  for (const c of scored.slice(1)) {
    if (spans.length >= maxSpans || c.score < best.score * weightsOf(input).secondFloor) break;
    // The thing asked for is found: a second quote would be padding.
    if (TYPED.has(input.kind) && best.answersKind) break;
    if (spans.some((s) => s.passageId === c.passageId)) continue;
    spans.push(spanFor(c));
  }
  return spans;
}
