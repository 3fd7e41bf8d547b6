import { analyze } from "./analyzer.js";

/** Parts shorter than this are too often mere endings or prefixes to count as words. */
const MIN_HEAD = 4;
const MIN_TAIL = 3;

/**
 * The parts of a Dutch compound that are words the letter knows ("onderwijs|ministerie",
 * "homo|rechten", "vrouwen|rechten|activisten"), with or without a linking s or en; undefined when
 * the word cannot be split into known words. Dutch writes compounds as one word, so a question's
 * "homorechten" would otherwise share nothing with the letter's "rechten van lhbtiq+ personen".
 */
export function compoundParts(
  word: string,
  knows: (word: string) => boolean,
): string[] | undefined {
  for (let at = MIN_HEAD; at <= word.length - MIN_TAIL; at++) {
    const tail = word.slice(at);
    const tailParts = knows(tail) ? [tail] : compoundParts(tail, knows);
    if (!tailParts) continue;
    const head = word.slice(0, at);
    for (const bare of [head, head.replace(/(?:s|en)$/, "")]) {
      if (bare.length >= MIN_HEAD && knows(bare)) return [bare, ...tailParts];
    }
  }
  return undefined;
}

/**
 * Splits a Dutch text's compounds the letter does not know into the parts it does, for searching.
 * Words it knows, and words that are no such compound, are kept as they are.
 */
export class CompoundSplitter {
  private readonly knows: (word: string) => boolean;

  /** `knownStems`: the Dutch stems of the letter (and of its glossary). */
  constructor(knownStems: ReadonlySet<string>) {
    this.knows = (word) => {
      const stems = analyze(word, "nl");
      return stems.length === 1 && knownStems.has(stems[0] as string);
    };
  }

  parts(word: string): string[] | undefined {
    return this.knows(word) ? undefined : compoundParts(word, this.knows);
  }

  split(text: string): string {
    return text.replace(/\p{L}+/gu, (word) => this.parts(word.toLowerCase())?.join(" ") ?? word);
  }
}
