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
