import { distance } from "fastest-levenshtein";
import { LRUCache } from "lru-cache";
import { type Language, otherLanguage } from "../letter/types.js";
import { DEFAULT_PROFILE, type Profile } from "../profile.js";

/** Two forms of one word ("sanction", "sanctions") are no tie between two words. */
const sameWord = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/** No correction found, as the cache holds it (an LRU cache cannot hold undefined). */
const NONE = "";

/**
 * Corrects a misspelt word to the closest word of a known vocabulary (the letter's words in both
 * languages and its glossary's), within a bounded edit distance: "sanctoins" → "sanctions",
 * "gendergelijkheit" → "gendergelijkheid". Ties and words beyond the bound stay as they are.
 */
export class SpellingCorrector {
  private readonly byLength: Record<Language, Map<number, string[]>> = {
    nl: new Map(),
    en: new Map(),
  };
  private readonly known = new Set<string>();
  /**
   * Corrections by word: a question's unknown words recur (names, shorthand, the same typos), and
   * each costs an edit distance to every vocabulary word of about its length. Bounded, as questions
   * are input.
   */
  private readonly corrections = {
    nl: new LRUCache<string, string>({ max: 5_000 }),
    en: new LRUCache<string, string>({ max: 5_000 }),
  };

  constructor(
    vocabulary: Record<Language, Iterable<string>>,
    private readonly tuning: Profile["spelling"] = DEFAULT_PROFILE.spelling,
  ) {
    for (const language of ["nl", "en"] as const) {
      for (const word of new Set(vocabulary[language])) {
        this.known.add(word);
        const bucket = this.byLength[language].get(word.length) ?? [];
        bucket.push(word);
        this.byLength[language].set(word.length, bucket);
      }
    }
  }

  /**
   * The vocabulary's word this one is a misspelling of, or undefined: the question's language's
   * words first ("sanctoins" is "sanctions" in English, not "sancties"), then the other's.
   */
  correct(word: string, language: Language): string | undefined {
    if (word.length < this.tuning.minLength || this.known.has(word) || /\d/.test(word))
      return undefined;
    let corrected = this.corrections[language].get(word);
    if (corrected === undefined) {
      corrected =
        this.closest(word, this.byLength[language]) ??
        this.closest(word, this.byLength[otherLanguage(language)]) ??
        NONE;
      this.corrections[language].set(word, corrected);
    }
    return corrected === NONE ? undefined : corrected;
  }

  private closest(word: string, byLength: Map<number, string[]>): string | undefined {
    // One edit for short words, two for long ones.
    const edits = word.length >= this.tuning.twoEditsFrom ? 2 : 1;
    let best: string | undefined;
    let bestDistance = edits + 1;
    let tied = false;
    for (let length = word.length - edits; length <= word.length + edits; length++) {
      for (const candidate of byLength.get(length) ?? []) {
        const d = distance(word, candidate);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
          tied = false;
        } else if (d === bestDistance && best && !sameWord(best, candidate)) {
          tied = true;
        }
      }
    }
    return best && !tied ? best : undefined;
  }
}
