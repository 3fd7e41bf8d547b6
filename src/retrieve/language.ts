import { franc } from "franc-min";
import { eng, nld } from "stopword";
import type { Language, Letter } from "../letter/types.js";
import type { WordFrequency } from "../lexicon/frequency.js";
import { tokenize } from "./analyzer.js";

const dutchStopwords = new Set(nld);
const englishStopwords = new Set(eng);

/** franc's ISO 639-3 codes for the two languages the service answers in. */
const FRANC_CODES = { nld: "nl", eng: "en" } as const satisfies Record<string, Language>;

/**
 * The language by character trigrams (franc), for words that neither the stop words nor the
 * letter's vocabulary know: "pensioenhervorming?" looks Dutch by its letters alone.
 */
function languageByLetters(text: string): Language | undefined {
  const code = franc(text, { only: Object.keys(FRANC_CODES), minLength: 1 });
  return FRANC_CODES[code as keyof typeof FRANC_CODES];
}

/**
 * Tells Dutch from English for short questions. Stop words decide most questions; the letter's own
 * vocabulary (words of the Dutch original that the English rendering lacks, and the reverse)
 * decides the rest, so "anti-SLAPPs-richtlijn?" counts as Dutch. A question with neither, such as
 * one word the letter never uses, is decided by its letters (franc's trigram models).
 *
 * Measured on short inputs (2026-12-06; one-word and two-word queries made from the 195 dev
 * questions, and 104 one- or two-word policy questions the letter does not cover): trigrams alone
 * (franc-min, tinyld, eld) beat the stop words and vocabulary alone on words the letter never uses,
 * and lose to them on the letter's own words; this combination beats either. eld was the most
 * accurate library but costs about 90 MB of resident memory; franc-min about 11 MB.
 */
export class LanguageDetector {
  constructor(
    private readonly dutchVocabulary: Set<string>,
    private readonly englishVocabulary: Set<string>,
    /**
     * Whether letters decide what words cannot. A question needs a best guess; a check of an
     * answer's language (with the expected language as fallback) gives a tie the benefit of
     * the doubt instead, since trigrams misjudge single words ("Understood." reads as Dutch).
     */
    private readonly byLetters = false,
    /** Everyday words of each language: one only Dutch lists ("tarief") counts for Dutch. */
    private readonly everyday?: WordFrequency,
  ) {}

  /** From the letter's Dutch original and its English rendering, and everyday words when given. */
  static forLetter(letter: Letter, everyday?: WordFrequency): LanguageDetector {
    return LanguageDetector.fromTexts(
      letter.paragraphs.map((p) => p.text).join(" "),
      Object.values(letter.translation.paragraphs)
        .flat()
        .map((pair) => pair.en)
        .join(" "),
      everyday,
    );
  }

  static fromTexts(dutch: string, english: string, everyday?: WordFrequency): LanguageDetector {
    const nlWords = new Set(tokenize(dutch));
    const enWords = new Set(tokenize(english));
    return new LanguageDetector(
      new Set([...nlWords].filter((w) => !enWords.has(w))),
      new Set([...enWords].filter((w) => !nlWords.has(w))),
      true,
      everyday,
    );
  }

  detect(text: string, fallback: Language = "en"): Language {
    let nl = 0;
    let en = 0;
    for (const token of tokenize(text)) {
      if (dutchStopwords.has(token)) nl += 2;
      if (englishStopwords.has(token)) en += 2;
      if (this.dutchVocabulary.has(token)) nl += 1;
      if (this.englishVocabulary.has(token)) en += 1;
      // Short tokens are too often another language's abbreviation ("vd" is in English lists).
      if (this.everyday && token.length >= 4) {
        const dutch = this.everyday.rank(token, "nl") !== undefined;
        const english = this.everyday.rank(token, "en") !== undefined;
        if (dutch && !english) nl += 1;
        if (english && !dutch) en += 1;
      }
    }
    if (nl === en) return (this.byLetters ? languageByLetters(text) : undefined) ?? fallback;
    return nl > en ? "nl" : "en";
  }
}
