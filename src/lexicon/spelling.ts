import { distance } from "fastest-levenshtein";

/** Words shorter than this are left alone: "eu", "nl", "coe" are too close to too much. */
const MIN_LENGTH = 5;

/** Edits allowed for a word of this length: one for short words, two from eight letters on. */
const allowedEdits = (length: number) => (length >= 8 ? 2 : 1);

/** Two forms of one word ("sanction", "sanctions") are no tie between two words. */
const sameWord = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/**
 * Corrects a misspelt word to the closest word of a known vocabulary (the letter's words in both
 * languages and its glossary's), within a bounded edit distance: "sanctoins" → "sanctions",
 * "gendergelijkheit" → "gendergelijkheid". Ties and words beyond the bound stay as they are.
 */
export class SpellingCorrector {
  private readonly byLength = new Map<number, string[]>();
  private readonly known: ReadonlySet<string>;

  constructor(vocabulary: Iterable<string>) {
    const words = new Set([...vocabulary].filter((w) => w.length >= MIN_LENGTH - 2));
    this.known = words;
    for (const word of words) {
      const bucket = this.byLength.get(word.length) ?? [];
      bucket.push(word);
      this.byLength.set(word.length, bucket);
    }
  }

  /** The vocabulary's word this one is a misspelling of, or undefined. */
  correct(word: string): string | undefined {
    if (word.length < MIN_LENGTH || this.known.has(word) || /\d/.test(word)) return undefined;
    const edits = allowedEdits(word.length);
    let best: string | undefined;
    let bestDistance = edits + 1;
    let tied = false;
    for (let length = word.length - edits; length <= word.length + edits; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
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
