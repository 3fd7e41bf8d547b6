import { LETTER_GAZETTEER } from "../letter/gazetteer.js";
import type { Language } from "../letter/types.js";
import { anyOf } from "../lexicon/phrases.js";
import { countryOfAdjective, EUROPEAN_COUNTRIES, OUTSIDE_EUROPE } from "../lexicon/places.js";

/**
 * One of the names as a whole word. `\b` knows only ASCII letters: it finds no edge after the ë of
 * "België" or "Oekraïne" before a comma, so letters are told apart as Unicode letters.
 */
const wholeName = (names: string, flags: string) =>
  new RegExp(`(?<!\\p{L})(?:${names})(?!\\p{L})`, `${flags}u`);

/** Europe's countries, then the places this letter names, as alternatives of a pattern. */
const placeNames = (language: Language) =>
  anyOf([...EUROPEAN_COUNTRIES[language], ...LETTER_GAZETTEER.places[language]]);

/** The countries and the letter's places, as whole words, in one language's names. */
export const COUNTRY_NAME: Record<Language, RegExp> = {
  en: wholeName(placeNames("en"), "g"),
  nl: wholeName(placeNames("nl"), "g"),
};

/** The places the letter and questions name, anywhere in a text, in either language. */
export const PLACE_NAME = wholeName(`${placeNames("en")}|${placeNames("nl")}`, "i");

/** A place outside Europe, in either language. */
const ELSEWHERE_NAME = wholeName(anyOf([...OUTSIDE_EUROPE.en, ...OUTSIDE_EUROPE.nl]), "i");

/** Whether a text names a place outside Europe, or an adjective of one ("de Amerikaanse ambassade"). */
export function namesElsewhere(text: string, language: Language): boolean {
  if (ELSEWHERE_NAME.test(text)) return true;
  return (text.match(/\p{L}+/gu) ?? []).some((word) => {
    const country = countryOfAdjective(word, language);
    return country !== undefined && OUTSIDE_EUROPE[language].includes(country);
  });
}

/** The letter's own country, in either language. */
export const HOME = new Set([...LETTER_GAZETTEER.home.en, ...LETTER_GAZETTEER.home.nl]);

/** The letter's own country and the places of its setting: named, but never the countries asked about. */
export const NOT_ASKED_ABOUT = new Set([
  ...HOME,
  ...LETTER_GAZETTEER.places.en,
  ...LETTER_GAZETTEER.places.nl,
]);
