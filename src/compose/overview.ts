import type { Language } from "../letter/types.js";
import {
  type ChosenSpan,
  needsAntecedent,
  opensWithReference,
  type SentenceCandidate,
} from "./select.js";

export interface OverviewInput {
  /** The letter's sections in order, each with its sentences as candidates (in letter order). */
  sections: { sectionId: string; sentences: SentenceCandidate[] }[];
  idf: (stem: string, language: Language) => number;
}

/**
 * How central a sentence is to its section: its IDF-weighted overlap with the section's other
 * sentences (a key sentence shares the section's specific words), less when it leans on the
 * sentence before it.
 */
function centrality(
  sentence: SentenceCandidate,
  others: SentenceCandidate[],
  input: OverviewInput,
) {
  let total = 0;
  for (const other of others) {
    if (other === sentence) continue;
    for (const stem of sentence.stems.nl) {
      if (other.stems.nl.has(stem)) total += input.idf(stem, "nl");
    }
  }
  const length = Math.max(4, sentence.stems.nl.size);
  const own = [...sentence.stems.nl].reduce((sum, s) => sum + input.idf(s, "nl"), 0) / length;
  const score = total / Math.sqrt(length) + own;
  return opensWithReference(sentence.text) ? score * 0.5 : score;
}

/** The key sentences of one section, in letter order. */
export function keySentences(
  sentences: SentenceCandidate[],
  input: OverviewInput,
  count: number,
  against: SentenceCandidate[] = sentences,
): SentenceCandidate[] {
  return sentences
    .map((s) => ({ s, score: centrality(s, against, input) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map(({ s }) => s)
    .sort((a, b) => sentences.indexOf(a) - sentences.indexOf(b));
}

/** A key sentence quoted with the sentence before it when it leans on it ("…such legislation…"). */
const spanOf = (s: SentenceCandidate): ChosenSpan => ({
  passageId: s.passageId,
  first: needsAntecedent(s.text) && s.index > 0 ? s.index - 1 : s.index,
  last: s.index,
  lead: s.index,
});

/**
 * One key sentence per section: the letter's main points, each a span of its own. The unheaded
 * opening introduces the whole letter, so its key sentence is the one most central to all of it.
 */
export function overviewSpans(input: OverviewInput): ChosenSpan[] {
  const everything = input.sections.flatMap((s) => s.sentences);
  return input.sections.flatMap(({ sentences }, i) =>
    keySentences(sentences, input, 1, i === 0 ? everything : sentences).map(spanOf),
  );
}

/** The key sentences of one section: what the letter says under that heading. */
export function sectionSpans(
  sentences: SentenceCandidate[],
  input: OverviewInput,
  count = 3,
): ChosenSpan[] {
  return keySentences(sentences, input, count).map(spanOf);
}
