import type { Language } from "../letter/types.js";

/** A concept's words or phrases in each language of the questions. */
export type Phrases = Record<Language, readonly string[]>;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where a phrase must stand to count: anywhere as whole words, opening the text (a wh-word, a
 * conjunction), or as the whole text (one word already split off).
 */
export type PhrasePosition = "anywhere" | "opening" | "whole";

const BOUNDS: Record<PhrasePosition, [string, string]> = {
  anywhere: ["\\b", "\\b"],
  opening: ["^", "\\b"],
  whole: ["^", "$"],
};

/**
 * The alternatives of a list of literal phrases, in the order given: where one phrase starts like
 * another, the first listed is the one a match takes.
 */
const globalCopies = new WeakMap<RegExp, RegExp>();
/** The pattern with the global flag, to remove every match; compiled once per pattern. */
export function everywhere(pattern: RegExp): RegExp {
  let global = globalCopies.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, `${pattern.flags}g`);
    globalCopies.set(pattern, global);
  }
  return global;
}

export const anyOf = (phrases: readonly string[]) => phrases.map(escapeRegExp).join("|");

/** One case-insensitive pattern for a list of phrases, compiled once where the concept is defined. */
export function phrasePattern(
  phrases: readonly string[],
  position: PhrasePosition = "anywhere",
  flags = "i",
): RegExp {
  const [before, after] = BOUNDS[position];
  return new RegExp(`${before}(?:${anyOf(phrases)})${after}`, flags);
}

/** A concept's table compiled per language. */
export const phrasePatterns = (
  table: Phrases,
  position?: PhrasePosition,
  flags?: string,
): Record<Language, RegExp> => ({
  en: phrasePattern(table.en, position, flags),
  nl: phrasePattern(table.nl, position, flags),
});
