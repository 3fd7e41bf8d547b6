import type { Language } from "../letter/types.js";
import type { Phrases } from "./phrases.js";

/**
 * Europe's countries as letters and questions name them: general knowledge that every letter of
 * the series on the EU and the Council of Europe shares, not this letter's words (its own places
 * are in its gazetteer, `corpus/*.gazetteer.json`).
 */
export const EUROPEAN_COUNTRIES: Phrases = {
  en: "Albania|Austria|Belgium|Bulgaria|Croatia|Cyprus|Czechia|Denmark|Estonia|Finland|France|Germany|Greece|Hungary|Ireland|Italy|Latvia|Lithuania|Luxembourg|Malta|Montenegro|Netherlands|Poland|Portugal|Romania|Slovakia|Slovenia|Spain|Sweden|Ukraine|Serbia|Georgia|Moldova|Norway|Switzerland|Türkiye|Turkey|United Kingdom".split(
    "|",
  ),
  nl: "Albanië|Oostenrijk|België|Bulgarije|Kroatië|Cyprus|Tsjechië|Denemarken|Estland|Finland|Frankrijk|Duitsland|Griekenland|Hongarije|Ierland|Italië|Letland|Litouwen|Luxemburg|Malta|Montenegro|Nederland|Polen|Portugal|Roemenië|Slowakije|Slovenië|Spanje|Zweden|Oekraïne|Servië|Georgië|Moldavië|Noorwegen|Zwitserland|Turkije|Verenigd Koninkrijk".split(
    "|",
  ),
};

/**
 * Places outside Europe, where a question may place its topic ("abortion rights in the United
 * States") though a letter on the EU and the Council of Europe speaks of none of them.
 */
export const OUTSIDE_EUROPE: Phrases = {
  en: "United States|America|Canada|Mexico|Brazil|Argentina|China|Japan|India|Russia|Iran|Israel|Saudi Arabia|Egypt|Nigeria|South Africa|Uganda|Kenya|Ghana|Australia|Africa|Asia|Latin America".split(
    "|",
  ),
  nl: "Verenigde Staten|Amerika|Brazilië|Argentinië|Rusland|Israël|Saoedi-Arabië|Egypte|Zuid-Afrika|Oeganda|Kenia|Australië|Afrika|Azië|Latijns-Amerika".split(
    "|",
  ),
};

/**
 * How adjectives of a country end ("Belgische", "Bulgaarse", "Hungarian", "Maltese"): its name
 * cut short and one of these endings.
 */
const ADJECTIVE_ENDING: Record<Language, RegExp> = {
  nl: /(?:se|sche|isch|ische)$/,
  en: /(?:an|ian|ians|ish|ese)$/,
};

/** How many first letters an adjective shares with its country's name ("belgi|sche", "honga|arse"). */
const SHARED_PREFIX = 5;

const fold = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** One-word country names, folded, longest first: "Australian" is Australia's, not Austria's. */
const ONE_WORD_COUNTRIES: Record<Language, Array<{ name: string; folded: string }>> = {
  en: oneWordNames("en"),
  nl: oneWordNames("nl"),
};

function oneWordNames(language: Language): Array<{ name: string; folded: string }> {
  return [...EUROPEAN_COUNTRIES[language], ...OUTSIDE_EUROPE[language]]
    .filter((name) => !/[\s-]/.test(name))
    .map((name) => ({ name, folded: fold(name) }))
    .sort((a, b) => b.folded.length - a.folded.length);
}

/**
 * The country an adjective derives from ("Bulgaarse" → "Bulgarije", "Belgian" → "Belgium"), by
 * the letters it shares with the country's name and an adjective's ending; undefined for any other
 * word, the country's own name included. Irregular ones ("Poolse", "French") are not found.
 */
export function countryOfAdjective(word: string, language: Language): string | undefined {
  const folded = fold(word);
  if (!ADJECTIVE_ENDING[language].test(folded)) return undefined;
  let best: { name: string; shared: number } | undefined;
  for (const { name, folded: country } of ONE_WORD_COUNTRIES[language]) {
    if (folded === country) return undefined;
    const need = Math.min(SHARED_PREFIX, country.length - 1);
    let shared = 0;
    while (shared < folded.length && folded[shared] === country[shared]) shared += 1;
    if (shared >= need && (!best || shared > best.shared)) best = { name, shared };
  }
  return best?.name;
}
