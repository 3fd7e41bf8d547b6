import { eng, nld } from "stopword";
import type { Language } from "../letter/types.js";
import { tokenize } from "./analyzer.js";

const dutchStopwords = new Set(nld);
const englishStopwords = new Set(eng);

/**
 * Tells Dutch from English for short questions. Stop words decide most questions; the letter's own
 * vocabulary (words of the Dutch original that the English rendering lacks, and the reverse)
 * decides the rest, so "anti-SLAPPs-richtlijn?" counts as Dutch.
 */
export class LanguageDetector {
  constructor(
    private readonly dutchVocabulary: Set<string>,
    private readonly englishVocabulary: Set<string>,
  ) {}

  static fromTexts(dutch: string, english: string): LanguageDetector {
    const nlWords = new Set(tokenize(dutch));
    const enWords = new Set(tokenize(english));
    return new LanguageDetector(
      new Set([...nlWords].filter((w) => !enWords.has(w))),
      new Set([...enWords].filter((w) => !nlWords.has(w))),
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
    }
    if (nl === en) return fallback;
    return nl > en ? "nl" : "en";
  }
}
