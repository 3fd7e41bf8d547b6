import type { Language } from "../letter/types.js";
import { type Phrases, phrasePatterns } from "./phrases.js";

/**
 * Numbers written out, to twenty and thirty: what a count in words says ("seventeen member
 * states", "vijf nieuwe landen"). Dutch "een" is left out: it is the article far more often.
 */
export const CARDINALS: Phrases = {
  en: [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
  ],
  nl: [
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
    "twintig",
    "dertig",
  ],
};

/** Ordinals written out, to the twentieth: "de tiende editie", "the third package". */
const ORDINALS: Phrases = {
  en: [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
  ],
  nl: [
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
    "dertiende",
    "veertiende",
    "vijftiende",
    "zestiende",
    "zeventiende",
    "achttiende",
    "negentiende",
    "twintigste",
  ],
};

/**
 * A word that is a number, cardinal or ordinal, "een" and the forties and fifties included: it
 * counts or orders, and names no topic.
 */
export const NUMBER_WORD: Record<Language, RegExp> = phrasePatterns(
  {
    en: [...CARDINALS.en, "forty", "fifty", ...ORDINALS.en],
    nl: ["een", ...CARDINALS.nl, "veertig", "vijftig", ...ORDINALS.nl],
  },
  "whole",
);
