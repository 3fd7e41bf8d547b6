import { LRUCache } from "lru-cache";
import snowball from "snowball-stemmers";
import { eng, nld } from "stopword";
import type { Language } from "../letter/types.js";
import { SHORTENED_WORDS } from "../lexicon/abbreviations.js";
import { countryOfAdjective } from "../lexicon/places.js";

const stemmers = {
  nl: snowball.newStemmer("dutch"),
  en: snowball.newStemmer("english"),
};

/**
 * Stems by word: questions reuse the letter's vocabulary, and Snowball was the largest cost on the
 * main thread per uncached question (`npm run bench -- --profile`). Bounded, as questions are input.
 */
const stems = {
  nl: new LRUCache<string, string>({ max: 20_000 }),
  en: new LRUCache<string, string>({ max: 20_000 }),
};

function stem(word: string, lang: Language): string {
  let stemmed = stems[lang].get(word);
  if (stemmed === undefined) {
    // "Bulgaarse wet" is about Bulgarije, "the Belgian Presidency" about Belgium.
    stemmed = stemmers[lang].stem(countryOfAdjective(word, lang)?.toLowerCase() ?? word);
    stems[lang].set(word, stemmed);
  }
  return stemmed;
}

/**
 * Question words carry no topic, so they are stop words for retrieval in both languages; so do the
 * few function words the stop word lists lack.
 */
const EXTRA_STOPWORDS = {
  nl: [
    "wat",
    "welke",
    "welk",
    "hoe",
    "waarom",
    "wanneer",
    "waar",
    "wie",
    "brief",
    "kabinet",
    "nederland",
    "nederlandse",
    "nl",
    "doen",
    "deed",
    "gedaan",
    "zegt",
    "staat",
    // Fossil forms that live only in compound prepositions ("ten behoeve van", "ten aanzien van"),
    // missing from the stop word list.
    "ten",
    "behoeve",
  ],
  en: [
    "what",
    "which",
    "how",
    "why",
    "when",
    "where",
    "who",
    "letter",
    "government",
    "netherlands",
    "dutch",
    "nl",
    "did",
    "does",
    "do",
    "say",
    "says",
    "tell",
    "about",
  ],
};

/**
 * Dutch pronominal adverbs ("waaronder", "daarmee", "hierover", "ervan"): a pronoun fused with a
 * preposition, function words the stop word list lacks.
 */
const PRONOMINAL_ADVERBS = ["waar", "daar", "hier", "er"].flatMap((pronoun) =>
  [
    "aan",
    "achter",
    "bij",
    "binnen",
    "boven",
    "door",
    "in",
    "langs",
    "mee",
    "na",
    "naar",
    "naast",
    "om",
    "onder",
    "op",
    "over",
    "tegen",
    "toe",
    "tussen",
    "uit",
    "van",
    "voor",
  ].map((preposition) => `${pronoun}${preposition}`),
);

const stopwords = {
  nl: new Set([...nld, ...EXTRA_STOPWORDS.nl, ...PRONOMINAL_ADVERBS]),
  en: new Set([...eng, ...EXTRA_STOPWORDS.en]),
};

/** Words, numbers and identifiers such as 2024/1069 or lhbtiq+; the rest is separator. */
const TOKEN = /[\p{L}\p{N}]+(?:[/+'’-][\p{L}\p{N}]+)*\+?/gu;

export function tokenize(text: string): string[] {
  return (text.normalize("NFC").match(TOKEN) ?? []).map((token) => token.toLowerCase());
}

/** A lower-case word that may also open a sentence: "bijv" as [Bb]ijv, where the flags cannot be "i". */
const anyCase = (word: string) => `[${word[0]?.toUpperCase()}${word[0]}]${word.slice(1)}`;

/**
 * Where a message's sentences end: after a question or exclamation mark, and after a full stop
 * that a capital follows, perhaps after a quote, a bracket or a digit ("… (art. 19) nog" goes on
 * after an abbreviation's stop). Chat writes the next sentence in lower case ("…in europe. can
 * you…"): a stop after a whole word of four letters or more ends one too, unless the word is
 * written short ("bijv. de"); shorter words before a stop are mostly abbreviations ("nr.", "o.a.").
 */
export const SENTENCE_END = new RegExp(
  `(?<=[?!])\\s+|(?<=\\.)\\s+(?=[\\p{N}"'“‘(]?\\p{Lu})|(?<=(?<![\\p{L}.])(?!(?:${SHORTENED_WORDS.map(anyCase).join("|")})\\.)\\p{L}{4,}\\.)\\s+(?=\\p{Ll})`,
  "u",
);

/** A message's sentences: one may say why it asks, another what. */
export const sentencesOf = (text: string): string[] => text.split(SENTENCE_END);

/** Whether a sentence of a message asks rather than says: it ends in a question mark. */
export const sentenceAsks = (sentence: string): boolean => sentence.trim().endsWith("?");

/**
 * A message's clauses: its sentences cut again at commas, colons and semicolons ("tl;dr of the
 * letter pls, meeting in 5 min"). The clause that makes a request says what is asked; the others
 * say why, for whom or in what form.
 */
export const clausesOf = (text: string): string[] =>
  sentencesOf(text)
    .flatMap((sentence) => sentence.split(/\s*[,;:]\s+/))
    .filter((clause) => /[\p{L}\p{N}]/u.test(clause));

export function isStopword(token: string, lang: Language): boolean {
  return stopwords[lang].has(token);
}

/**
 * Index and query terms for one language: stop words dropped, words stemmed, and compounds with a
 * hyphen also indexed by their parts (anti-SLAPPs-richtlijn → anti, slapps, richtlijn).
 */
export function analyze(text: string, lang: Language): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const parts = token.includes("-") ? [token, ...token.split("-")] : [token];
    for (const part of parts) {
      const bare = part.replace(/\+$/, "");
      if (bare === "" || isStopword(bare, lang)) continue;
      terms.push(/\d/.test(bare) ? bare : stem(bare.replace(/[’']/g, ""), lang));
    }
  }
  return terms;
}

/** Content words of a text in a language (stop words removed, not stemmed). */
export function contentWords(text: string, lang: Language): string[] {
  return tokenize(text).filter((token) => !isStopword(token, lang));
}
