import type { Language, Letter, Paragraph } from "../letter/types.js";
import { analyze, tokenize } from "../retrieve/analyzer.js";
import { LanguageDetector } from "../retrieve/language.js";
import type { Answer } from "./answer.js";
import { buildCitation } from "./citations.js";

/**
 * A claim is supported when this share of its content words (stemmed) occurs in the passages it
 * cites: their Dutch text, English rendering and footnotes. A faithful paraphrase scores 0.8–1; a
 * claim that adds facts of its own falls well below (see tests/unit/llm-validate.test.ts).
 */
export const MIN_CLAIM_SUPPORT = 0.6;
/** Each passage cited by a claim must carry at least this share of it on its own. */
export const MIN_MARKER_SUPPORT = 0.35;
/** When more claims than this share are dropped, what is left likely leans on what went. */
export const MAX_DROPPED_SHARE = 0.5;

/**
 * Stop words only: an English answer may quote the letter's Dutch terms, which the letter's
 * vocabulary (weighed when detecting a question's language) would count as Dutch.
 */
const languageOfAnswer = new LanguageDetector(new Set(), new Set());

const NEGATIONS: Record<Language, Set<string>> = {
  en: new Set(["not", "no", "never", "nor", "neither", "without", "cannot", "n't"]),
  nl: new Set(["niet", "geen", "nooit", "noch", "zonder", "niets", "nergens"]),
};

/** One passage as numbered in the prompt. */
export interface NumberedPassage {
  n: number;
  paragraph: Paragraph;
}

export interface ValidationInput {
  letter: Letter;
  language: Language;
  passages: NumberedPassage[];
}

export interface DroppedMarker {
  marker: number;
  why: "points to no passage" | "claim not supported";
}

export type Validation =
  | { ok: true; answer: Answer; dropped: DroppedMarker[] }
  | { ok: false; reason: string; dropped: DroppedMarker[] };

/** A stretch of the answer up to and including its markers: the claim those markers vouch for. */
export interface Segment {
  claim: string;
  markers: number[];
  /** Punctuation right after the markers ("… [1]."), which stays with the claim. */
  closing: string;
}

/** "[1]", "[1][2]", "[1, 2]" and "[1] [2]" all mark one claim. */
const MARKER_GROUP = /((?:\s*\[\s*\d+(?:\s*,\s*\d+)*\s*\])+)([.!?,;:]?)/g;

export function segmentAnswer(text: string): Segment[] {
  const segments: Segment[] = [];
  let from = 0;
  for (const match of text.matchAll(MARKER_GROUP)) {
    const numbers = [...(match[1] ?? "").matchAll(/\d+/g)].map((m) => Number(m[0]));
    segments.push({
      claim: text.slice(from, match.index),
      markers: [...new Set(numbers)],
      closing: match[2] ?? "",
    });
    from = match.index + match[0].length;
  }
  const tail = text.slice(from);
  if (tail.trim() !== "") segments.push({ claim: tail, markers: [], closing: "" });
  return segments;
}

/** A passage's words, per sentence, in the claim's language. */
interface PassageTerms {
  paragraph: Paragraph;
  sentences: Set<string>[];
  all: Set<string>;
}

function passageTerms(letter: Letter, paragraph: Paragraph, language: Language): PassageTerms {
  const sentences = paragraph.sentences.map((sentence, i) => {
    const english = letter.translation.paragraphs[paragraph.id]?.[i]?.en ?? "";
    const footnotes = sentence.footnoteRefs.flatMap((ref) => [
      letter.footnotes.find((f) => f.number === ref.number)?.text ?? "",
      letter.translation.footnotes[String(ref.number)] ?? "",
    ]);
    // The Dutch text counts for English claims too: names, numbers and acronyms do not translate.
    const texts = [sentence.text, ...footnotes, ...(language === "en" ? [english] : [])];
    return new Set(texts.flatMap((text) => analyze(text, language)));
  });
  return { paragraph, sentences, all: new Set(sentences.flatMap((terms) => [...terms])) };
}

function termsOf(text: string, language: Language): string[] {
  return [...new Set(analyze(text, language))];
}

function share(terms: string[], have: Set<string>): number {
  if (terms.length === 0) return 0;
  return terms.filter((term) => have.has(term)).length / terms.length;
}

function isNegated(text: string, language: Language): boolean {
  return tokenize(text.replace(/n't\b/g, " n't")).some((token) => NEGATIONS[language].has(token));
}

function claimSentences(claim: string): string[] {
  return claim
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * The passage sentences a claim rests on (the best word overlap for each of its sentences), or
 * undefined when the passage does not support the claim. A claim that denies what its best
 * sentence states (or the reverse) is unsupported however many words it shares: a flipped "not"
 * leaves the words the same.
 */
function supportingSentences(
  letter: Letter,
  passage: PassageTerms,
  claim: string,
  language: Language,
): number[] | undefined {
  if (share(termsOf(claim, language), passage.all) < MIN_MARKER_SUPPORT) return undefined;
  const chosen: number[] = [];
  for (const sentence of claimSentences(claim)) {
    const terms = termsOf(sentence, language);
    let best = -1;
    let bestShare = 0;
    passage.sentences.forEach((have, i) => {
      const s = share(terms, have);
      if (s > bestShare) [best, bestShare] = [i, s];
    });
    if (best < 0) continue;
    const source =
      language === "en"
        ? (letter.translation.paragraphs[passage.paragraph.id]?.[best]?.en ?? "")
        : (passage.paragraph.sentences[best]?.text ?? "");
    if (isNegated(sentence, language) !== isNegated(source, language)) return undefined;
    chosen.push(best);
  }
  return chosen.length > 0 ? chosen : undefined;
}

/** The markers of a segment that survive, each with the sentences of its passage it rests on. */
function checkSegment(
  input: ValidationInput,
  passages: Map<number, PassageTerms>,
  segment: Segment,
  dropped: DroppedMarker[],
): Map<number, number[]> {
  const kept = new Map<number, number[]>();
  for (const marker of segment.markers) {
    const passage = passages.get(marker);
    const sentences =
      passage && supportingSentences(input.letter, passage, segment.claim, input.language);
    if (sentences) kept.set(marker, sentences);
    else dropped.push({ marker, why: passage ? "claim not supported" : "points to no passage" });
  }
  // Passages may each carry part of a claim; together they must carry enough of it.
  const together = new Set(
    [...kept.keys()].flatMap((marker) => [...(passages.get(marker)?.all ?? [])]),
  );
  if (
    kept.size > 0 &&
    share(termsOf(segment.claim, input.language), together) < MIN_CLAIM_SUPPORT
  ) {
    for (const marker of kept.keys()) dropped.push({ marker, why: "claim not supported" });
    kept.clear();
  }
  return kept;
}

/**
 * Turns a model's raw answer into a contract Answer, or says why not. Only claims whose markers
 * resolve to a passage that supports them survive, and unsupported text goes with its markers, so
 * nothing uncited reaches the reader. Citations are renumbered in order of first use, each quoting
 * the passage sentences that best match the claims citing it.
 */
export function validateLlmAnswer(raw: string, input: ValidationInput): Validation {
  const dropped: DroppedMarker[] = [];
  const reject = (reason: string): Validation => ({ ok: false, reason, dropped });
  const text = raw.trim();
  if (text === "") return reject("empty answer");
  if (languageOfAnswer.detect(text, input.language) !== input.language) {
    return reject(`wrong language: expected ${input.language}`);
  }
  const segments = segmentAnswer(text);
  if (!segments.some((s) => s.markers.length > 0)) return reject("no citation markers");
  const passages = new Map(
    input.passages.map((p) => [p.n, passageTerms(input.letter, p.paragraph, input.language)]),
  );
  if (!segments.some((s) => s.markers.some((m) => passages.has(m)))) {
    return reject("no marker points to a passage");
  }

  const surviving = segments
    .map((segment) => ({ segment, kept: checkSegment(input, passages, segment, dropped) }))
    .filter(({ kept }) => kept.size > 0);
  if (surviving.length === 0) return reject("no cited claim is supported by its passage");
  if (surviving.length < segments.length * (1 - MAX_DROPPED_SHARE)) {
    return reject("most claims are not supported");
  }

  const renumbered = new Map<number, number>();
  const quoted = new Map<number, number[]>();
  for (const { kept } of surviving) {
    for (const [marker, sentences] of kept) {
      if (!renumbered.has(marker)) renumbered.set(marker, renumbered.size + 1);
      quoted.set(marker, [...(quoted.get(marker) ?? []), ...sentences]);
    }
  }
  const answer = surviving
    .map(({ segment, kept }) => {
      const markers = [...kept.keys()].map((m) => `[${renumbered.get(m)}]`).join("");
      return `${segment.claim.trim()} ${markers}${segment.closing}`;
    })
    .join(" ");
  const citations = [...renumbered].flatMap(([marker, n]) => {
    const passage = passages.get(marker);
    const sentences = quoted.get(marker) ?? [];
    if (!passage) return [];
    const span = {
      passageId: passage.paragraph.id,
      first: Math.min(...sentences),
      last: Math.max(...sentences),
    };
    return [buildCitation(input.letter, span, n, input.language)];
  });
  return {
    ok: true,
    answer: { answer, grounded: true, language: input.language, mode: "llm", citations },
    dropped,
  };
}
