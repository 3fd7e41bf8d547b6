import type { Answer, Citation, Language } from "../answer/types.js";
import type { Letter } from "../letter/types.js";
import { analyze } from "../retrieve/analyzer.js";
import type { RetrievedPassage, ScoredSentence } from "../retrieve/retriever.js";
import { buildCitation, paragraphById, type QuoteSpan, renderSentence } from "./citations.js";

/** How many of the best passages the answer may quote from. */
const QUOTE_FROM_PASSAGES = 3;
const MAX_SENTENCES = 3;
/** A further sentence is quoted only when it is nearly as relevant as the best one. */
const RELATIVE_FLOOR = 0.8;
const LEXICAL_WEIGHT = 0.15;

const FRAMING: Record<Language, string> = {
  en: "According to the letter:",
  nl: "Volgens de brief:",
};

export interface ExtractiveInput {
  language: Language;
  /** Query terms in both languages (question and glossary expansion). */
  queryTerms: { en: string[]; nl: string[] };
  passages: RetrievedPassage[];
  sentences: ScoredSentence[];
}

interface Candidate extends ScoredSentence {
  score: number;
  passageRank: number;
}

/**
 * Stems of every sentence of a letter, in Dutch and English, computed once: stemming is the
 * dearest step of composing, and the letter's sentences never change.
 */
const sentenceStemsCache = new WeakMap<Letter, Map<string, Record<Language, Set<string>>>>();

function sentenceStems(
  letter: Letter,
  passageId: string,
  index: number,
): Record<Language, Set<string>> {
  let stems = sentenceStemsCache.get(letter);
  if (!stems) {
    stems = new Map();
    for (const paragraph of letter.paragraphs) {
      paragraph.sentences.forEach((sentence, i) => {
        const english = letter.translation.paragraphs[paragraph.id]?.[i]?.en ?? "";
        stems?.set(`${paragraph.id}:${i}`, {
          nl: new Set(analyze(sentence.text, "nl")),
          en: new Set(analyze(english, "en")),
        });
      });
    }
    sentenceStemsCache.set(letter, stems);
  }
  return stems.get(`${passageId}:${index}`) ?? { nl: new Set(), en: new Set() };
}

function lexicalOverlap(
  letter: Letter,
  sentence: ScoredSentence,
  terms: ExtractiveInput["queryTerms"],
) {
  const have = sentenceStems(letter, sentence.passageId, sentence.index);
  const share = (lang: Language) => {
    const wanted = new Set(terms[lang]);
    if (wanted.size === 0) return 0;
    return [...wanted].filter((t) => have[lang].has(t)).length / wanted.size;
  };
  return Math.max(share("nl"), share("en"));
}

/** Picks the one to three most relevant sentences of the best passages. */
export function chooseSentences(letter: Letter, input: ExtractiveInput): QuoteSpan[] {
  const top = input.passages.slice(0, QUOTE_FROM_PASSAGES);
  const rankOf = new Map(top.map((p, i) => [p.passageId, i]));
  const candidates: Candidate[] = input.sentences
    .filter((s) => rankOf.has(s.passageId))
    .map((s) => {
      const passageRank = rankOf.get(s.passageId) ?? 0;
      const score =
        s.similarity +
        LEXICAL_WEIGHT * lexicalOverlap(letter, s, input.queryTerms) -
        0.03 * passageRank;
      return { ...s, passageRank, score };
    })
    .sort((a, b) => b.score - a.score);

  const best = candidates[0];
  if (!best) return [];
  const chosen = candidates
    .filter((c) => c.score >= best.score * RELATIVE_FLOOR)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.passageRank - b.passageRank || a.index - b.index);

  // Adjacent sentences of one passage form one quote and one citation.
  const spans: QuoteSpan[] = [];
  for (const sentence of chosen) {
    const previous = spans.at(-1);
    if (
      previous &&
      previous.passageId === sentence.passageId &&
      previous.last + 1 === sentence.index
    ) {
      previous.last = sentence.index;
    } else {
      spans.push({ passageId: sentence.passageId, first: sentence.index, last: sentence.index });
    }
  }
  return spans;
}

/** Quotes the chosen sentences, each claim followed by its [n]; never writes words of its own beyond the framing. */
export function composeExtractive(letter: Letter, input: ExtractiveInput): Answer {
  const spans = chooseSentences(letter, input);
  const footnoteHits = input.passages.flatMap((p) => p.footnoteHits);
  const citations: Citation[] = spans.map((span, i) =>
    buildCitation(letter, span, i + 1, input.language, footnoteHits),
  );
  const claims = spans.map((span, i) => {
    const paragraph = paragraphById(letter, span.passageId);
    if (!paragraph) return "";
    const sentences: string[] = [];
    for (let index = span.first; index <= span.last; index++) {
      sentences.push(renderSentence(letter, paragraph, index, input.language));
    }
    return `${sentences.join(" ")} [${i + 1}]`;
  });
  return {
    answer: `${FRAMING[input.language]} ${claims.join(" ")}`,
    grounded: true,
    language: input.language,
    mode: "extractive",
    citations,
  };
}
