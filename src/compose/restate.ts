import type { Language, Letter } from "../letter/types.js";
import { analyze, tokenize } from "../retrieve/analyzer.js";
import { footnoteText, sentenceText } from "./citations.js";
import { type ChosenSpan, describesTheLetter } from "./select.js";

/**
 * Share of a sentence's words an earlier answer must hold to have quoted it whole or lightly
 * reworded ("according to the letter, the committee has begun drafting…"); a sentence that merely
 * shares the subject ("It reports on gender equality…") holds fewer.
 */
const QUOTED_SHARE = 0.75;
/** Fewer words than this say too little to tell a quote from a shared phrase. */
const MIN_QUOTED_WORDS = 3;
/**
 * Consecutive words of a sentence, verbatim and found in no other, that make a quote of part of it
 * ("…consists of an asset freeze, a ban…"); a phrase the letter repeats ("sexual and reproductive
 * health and rights") quotes none of its sentences.
 */
const QUOTED_RUN = 6;

export interface QuotedSentences {
  /** The letter's sentences the answer quoted, in the order it quoted them, consecutive ones as one span. */
  spans: ChosenSpan[];
  /** Footnotes whose text the answer showed. */
  footnotes: ReadonlySet<number>;
}

const LANGUAGES: readonly Language[] = ["nl", "en"];

const runsOf = (words: readonly string[]) =>
  words
    .slice(0, Math.max(0, words.length - QUOTED_RUN + 1))
    .map((_, i) => words.slice(i, i + QUOTED_RUN).join(" "));

/** In how many of the letter's sentences (in either language) each run of words stands, once per letter. */
const runCountsOf = new WeakMap<Letter, ReadonlyMap<string, number>>();

function runCounts(letter: Letter): ReadonlyMap<string, number> {
  let counts = runCountsOf.get(letter);
  if (!counts) {
    const counted = new Map<string, number>();
    for (const paragraph of letter.paragraphs) {
      paragraph.sentences.forEach((_, index) => {
        for (const language of LANGUAGES) {
          const text = sentenceText(letter, paragraph, index, language);
          for (const run of new Set(runsOf(tokenize(text)))) {
            counted.set(run, (counted.get(run) ?? 0) + 1);
          }
        }
      });
    }
    counts = counted;
    runCountsOf.set(letter, counts);
  }
  return counts;
}

/**
 * The letter's sentences an earlier answer quoted, in either language, found by their words: "can
 * you put that in English?" asks for what was said, whoever said it, not for a new search. Without
 * `inPart`, only the sentences it quoted whole or reworded: those it left nothing of unsaid.
 */
export function quotedSentences(
  letter: Letter,
  answer: string,
  { inPart = true }: { inPart?: boolean } = {},
): QuotedSentences {
  const saidRuns = new Set(runsOf(tokenize(answer)));
  const counts = runCounts(letter);
  const quotesPart = (text: string) =>
    runsOf(tokenize(text)).some((run) => counts.get(run) === 1 && saidRuns.has(run));
  // Where each word first stands in the answer: the quotes are given in the answer's order.
  const firstPlaces = (language: Language) =>
    new Map(
      analyze(answer, language)
        .map((stem, i) => [stem, i] as const)
        .reverse(),
    );
  const said: Record<Language, ReadonlyMap<string, number>> = {
    nl: firstPlaces("nl"),
    en: firstPlaces("en"),
  };
  /** Where in the answer a text stands, when the answer quotes it. */
  const placeOf = (text: string, language: Language): number | undefined => {
    const words = analyze(text, language);
    if (words.length < MIN_QUOTED_WORDS) return undefined;
    const places = words.flatMap((word) => {
      const at = said[language].get(word);
      return at === undefined ? [] : [at];
    });
    const quoted = places.length / words.length >= QUOTED_SHARE || (inPart && quotesPart(text));
    return quoted && places.length > 0 ? Math.min(...places) : undefined;
  };
  const found: Array<{ passageId: string; index: number; at: number; describes: boolean }> = [];
  const footnotes = new Set<number>();
  for (const paragraph of letter.paragraphs) {
    paragraph.sentences.forEach((sentence, index) => {
      const text: Record<Language, string> = {
        nl: sentenceText(letter, paragraph, index, "nl"),
        en: sentenceText(letter, paragraph, index, "en"),
      };
      const places = LANGUAGES.flatMap((language) => {
        const at = placeOf(text[language], language);
        return at === undefined ? [] : [at];
      });
      if (places.length === 0) return;
      found.push({
        passageId: paragraph.id,
        index,
        at: Math.min(...places),
        describes: describesTheLetter(text),
      });
      for (const { number } of sentence.footnoteRefs) {
        const shown = LANGUAGES.some(
          (language) => placeOf(footnoteText(letter, number, language), language) !== undefined,
        );
        if (shown) footnotes.add(number);
      }
    });
  }
  // A refusal says what the letter is about in the words of the sentence that says so: an answer
  // that quotes nothing else quoted nothing.
  if (found.every(({ describes }) => describes)) return { spans: [], footnotes: new Set() };
  const spans: ChosenSpan[] = [];
  for (const { passageId, index } of found.sort((a, b) => a.at - b.at)) {
    const last = spans.at(-1);
    if (last?.passageId === passageId && last.last === index - 1) last.last = index;
    else spans.push({ passageId, first: index, last: index, lead: index });
  }
  return { spans, footnotes };
}
