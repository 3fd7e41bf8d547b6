import { LRUCache } from "lru-cache";
import { LETTER_GAZETTEER } from "../letter/gazetteer.js";
import type { Language } from "../letter/types.js";
import { AS_ROLE, COUNTED_CLASSES, type CountedClass } from "../lexicon/concepts.js";
import { CARDINALS } from "../lexicon/numbers.js";
import { anyOf } from "../lexicon/phrases.js";
import { countryOfAdjective, EUROPEAN_COUNTRIES } from "../lexicon/places.js";
import { analyze } from "../retrieve/analyzer.js";
import { COUNTRY_NAME, HOME, NOT_ASKED_ABOUT } from "../retrieve/places.js";
import { type AnswerKind, escapeRegExp } from "./question.js";

/**
 * Spans of a sentence that are answers of a kind (a date, a number, a list…), found by the
 * surface forms such letters use. A span is always verbatim from the sentence it was found in.
 */
const MONTHS = {
  en: "January|February|March|April|May|June|July|August|September|October|November|December",
  nl: "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
};
/** A count in words, and how many times or tens: "twice", "tientallen". */
const NUMBER_WORDS = {
  en: anyOf(["once", "twice", ...CARDINALS.en, "dozen", "dozens"]),
  nl: anyOf(["eenmaal", "tweemaal", "driemaal", ...CARDINALS.nl, "tientallen"]),
};
/** Words after a number that end its noun phrase ("32 European countries | signed"). */
const PHRASE_END = {
  en: /^(?:signed|were|was|are|is|met|have|has|had|to|of|in|on|at|by|for|from|with|that|which|who|under|as|the|a)$/i,
  nl: /^(?:ondertekenden|ondertekende|tekenden|tekende|werden|werd|zijn|is|waren|kwamen|hebben|heeft|naar|van|in|op|aan|bij|voor|met|die|dat|onder|als|de|het|een|toegevoegd|bijeen)$/i,
};

/** The letter's own names of one type as alternatives of a pattern, in the gazetteer's order. */
const letterNames = (
  type: Exclude<keyof typeof LETTER_GAZETTEER, "$comment">,
  language: Language,
) => LETTER_GAZETTEER[type][language].map(escapeRegExp).join("|");

/** A country's name, in either language: no city. */
const NAMES_COUNTRY = new RegExp(
  `(?<!\\p{L})(?:${anyOf([...EUROPEAN_COUNTRIES.en, ...EUROPEAN_COUNTRIES.nl])})(?!\\p{L})`,
  "u",
);

/**
 * Dates are time adverbials ("in Q1 2025", "On 16 April", "since this year"): a bare period in
 * parentheses ("Rutte III (2017–2022)") describes a thing rather than saying when.
 */
const PATTERNS: Record<
  Extract<AnswerKind, "date" | "amount" | "quantity" | "list" | "document" | "person" | "place">,
  Record<Language, RegExp[]>
> = {
  date: {
    en: [
      new RegExp(
        `\\b(?:(?:[Oo]n|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil) )?(?:\\d{1,2} )?(?:${MONTHS.en})(?: \\d{4})?\\b`,
        "g",
      ),
      /\b(?:[Ii]n )?Q[1-4][\s–-]*\d{4}\b/g,
      /\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom) (?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?\b/g,
      /\b(?:[Ss]ince |[Ii]n )?(?:[Tt]his|[Ll]ast|[Nn]ext) year\b/g,
    ],
    nl: [
      new RegExp(
        `\\b(?:(?:[Oo]p|[Ii]n|[Ss]inds|[Vv]óór|[Tt]ot) )?(?:\\d{1,2} )?(?:${MONTHS.nl})(?: \\d{4})?\\b`,
        "g",
      ),
      /\b(?:[Ii]n )?Q[1-4][\s–-]*\d{4}\b/g,
      /\b(?:[Ii]n|[Ss]inds|[Vv]anaf|[Tt]ot|[Tt]ijdens) (?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?\b/g,
      /\b(?:[Ss]inds )?(?:[Dd]it|[Vv]orig|[Vv]olgend) jaar\b/g,
    ],
  },
  amount: {
    // Sums of money: "€ 1,5 miljoen", "EUR 200.000", "2 million euros".
    en: [
      /(?:€|\bEUR)\s?\d[\d.,]*(?:\s?(?:million|billion|thousand))?|\b\d[\d.,]*(?:\s?(?:million|billion|thousand))?\s?(?:euros?|EUR)\b/g,
    ],
    nl: [
      /(?:€|\bEUR)\s?\d[\d.,]*(?:\s?(?:miljoen|miljard|duizend))?|\b\d[\d.,]*(?:\s?(?:miljoen|miljard|duizend))?\s?(?:euro|EUR)\b/g,
    ],
  },
  quantity: {
    // Numbers, but not years, nor parts of "2024/1069", "2017–2022" or "Art. 19".
    en: [
      new RegExp(
        `(?<![\\d/–.,-]|Art\\. )\\b(?:(?!(?:19|20)\\d\\d\\b)\\d+\\b(?![/–.,-]\\d)|(?:${NUMBER_WORDS.en})\\b)`,
        "gi",
      ),
    ],
    nl: [
      new RegExp(
        `(?<![\\d/–.,-]|Art\\. )\\b(?:(?!(?:19|20)\\d\\d\\b)\\d+\\b(?![/–.,-]\\d)|(?:${NUMBER_WORDS.nl})\\b)`,
        "gi",
      ),
    ],
  },
  list: {
    // Three or more names ("Poland, Albania, Spain, Montenegro and Ukraine"), or what follows
    // "consists of" or a colon ("an asset freeze, a ban on funding … and an entry ban").
    en: [
      /(?:\p{Lu}[\p{L}+-]*(?: \p{Lu}[\p{L}+-]*)*(?: \([^)]+\))?, ){2,}(?:\p{Lu}[\p{L}+-]*(?: \p{Lu}[\p{L}+-]*)*)?,? (?:and|or) \p{Lu}[\p{L}+-]*(?: \p{Lu}[\p{L}+-]*)*/gu,
      /(?<=(?:consists? of|namely|including|: ))[^.;:]*?, [^.;:]*? and [^.;:]+/gu,
    ],
    nl: [
      /(?:\p{Lu}[\p{L}+-]*(?: \p{Lu}[\p{L}+-]*)*(?: \([^)]+\))?, ){2,}(?:\p{Lu}[\p{L}+-]*(?: \p{Lu}[\p{L}+-]*)*)?,? (?:en|of) \p{Lu}[\p{L}+-]*(?: \p{Lu}[\p{L}+-]*)*/gu,
      /(?<=(?:bestaat uit|bestaan uit|namelijk|waaronder|: ))[^.;:]*?, [^.;:]*? en [^.;:]+/gu,
    ],
  },
  document: {
    // A directive's number, a parliamentary paper's reference: as footnotes give them.
    en: [
      /\b(?:Directive|Regulation) – EU – \d{4}\/\d+/g,
      /\bParliamentary (?:Paper|questions) [^.;|]*?\b(?:no\. \d+|\d{4}Z\d+)/g,
      /\b(?!(?:19|20)\d\d\/(?:19|20)\d\d)\d{4}\/\d{3,4}\b/g,
      // A footnote that is a document's title: "Gender Equality Strategy 2020–2025", "La Hulpe
      // Declaration on…"; a sentence opens with its subject, never so.
      /^(?:\p{Lu}[\p{L}-]* ){0,3}(?:Strategy|Declaration|[Dd]eclaration|[Aa]genda|Convention)\b[^,.;]*/gu,
    ],
    nl: [
      /\b(?:Richtlijn|Verordening|Directive) – EU – \d{4}\/\d+/g,
      /\b(?:Kamerstuk|Kamervragen) [^.;|]*?\b(?:nr\. \d+|\d{4}Z\d+)/g,
      /\b(?!(?:19|20)\d\d\/(?:19|20)\d\d)\d{4}\/\d{3,4}\b/g,
      /^(?:\p{Lu}[\p{L}-]* ){0,3}(?:[Ss]trategie|[Vv]erklaring|[Aa]genda|Declaration|Verdrag)\b[^,.;]*/gu,
    ],
  },
  person: {
    en: [
      // The letter's offices first: none starts where a general one does, so the order changes no match.
      new RegExp(
        `\\b(?:the )?(?:Dutch |first |former |new |European )?(?:${letterNames("offices", "en")}|Ministers?|Ministry|State Secretary|Ambassador|Commissioner|President|Presidency|Commission|Court)\\b(?: (?:of|for|to|on|under) (?:the )?(?:\\p{Lu}[\\p{L}+-]*|of|and|the|EU)(?: (?:\\p{Lu}[\\p{L}+-]*|of|and|the|EU))*)?`,
        "gu",
      ),
      new RegExp(`\\b(?:${letterNames("groups", "en")}|NGOs|embassies)\\b`, "g"),
    ],
    nl: [
      new RegExp(
        `\\b(?:de )?(?:Nederlandse |eerste |oud-|nieuwe )?(?:${letterNames("offices", "nl")}|Ministers?|Ministerie|Staatssecretaris|[Aa]mbassadeur|Eurocommissaris|Commissaris|Voorzitter|[Vv]oorzitterschap|Europese Commissie|Hof)\\b(?: (?:van|voor|bij|onder) (?:de |het )?(?:\\p{Lu}[\\p{L}+-]*|van|en|de|EU)(?: (?:\\p{Lu}[\\p{L}+-]*|van|en|de|EU))*)?`,
        "gu",
      ),
      new RegExp(`\\b(?:${letterNames("groups", "nl")}|ministers|ngo's|ambassades)\\b`, "g"),
    ],
  },
  place: {
    en: [
      COUNTRY_NAME.en,
      new RegExp(
        `\\b(?:in|at|to) (?:the )?(?:${letterNames("venues", "en")}|\\p{Lu}[\\p{L}-]+(?: \\p{Lu}[\\p{L}-]+)?)\\b`,
        "gu",
      ),
    ],
    nl: [
      COUNTRY_NAME.nl,
      new RegExp(
        `\\b(?:in|bij|te|naar) (?:de |het )?(?:${letterNames("venues", "nl")}|\\p{Lu}[\\p{L}-]+(?: \\p{Lu}[\\p{L}-]+)?)\\b`,
        "gu",
      ),
    ],
  },
};

const NOT_A_PLACE = new RegExp(`\\b(?:${MONTHS.en}|${MONTHS.nl}|Q[1-4]|The|This|De|Dit|Het)\\b`);

/** Extends a number to its noun phrase: "32" → "32 European countries", "four" → "four individuals and two entities". */
function quantityPhrase(text: string, start: number, end: number, language: Language): string {
  const rest = text.slice(end).match(/^(?: [\p{L}+'-]+){1,6}/u)?.[0] ?? "";
  const words = rest.trim() === "" ? [] : rest.trim().split(" ");
  const kept: string[] = [];
  const number = new RegExp(`^(?:\\d+|${NUMBER_WORDS[language]})$`, "i");
  let sinceNumber = 0;
  for (const [i, word] of words.entries()) {
    if (PHRASE_END[language].test(word) || sinceNumber >= 3) break;
    // "four individuals and two entities": a conjunction before a second number continues the phrase.
    if (/^(?:and|en)$/i.test(word) && !number.test(words[i + 1] ?? "")) break;
    kept.push(word);
    sinceNumber = number.test(word) || /^(?:and|en)$/i.test(word) ? 0 : sinceNumber + 1;
  }
  // A conjunction followed by a second number continues the phrase; take its noun too.
  const phrase = [text.slice(start, end), ...kept].join(" ");
  return phrase.replace(/\s+(?:and|en)$/i, "");
}

/**
 * Countries the text names by an adjective, each with the noun it qualifies ("het Belgische
 * voorzitterschap" → Belgische, voorzitterschap), but the letter's own and its setting's.
 */
export function countriesByAdjective(
  text: string,
  language: Language,
): Array<{ adjective: string; noun: string }> {
  const found: Array<{ adjective: string; noun: string }> = [];
  for (const m of text.matchAll(/(\p{Lu}\p{L}+)\s+(\p{L}+)/gu)) {
    const country = countryOfAdjective(m[1] as string, language);
    if (country && !NOT_ASKED_ABOUT.has(country)) {
      found.push({ adjective: m[1] as string, noun: m[2] as string });
    }
  }
  return found;
}

/** Words either side of the letter's own country that may say what role it had. */
const HOME_ROLE_WINDOW = 3;

/**
 * Whether two stems are the same word or compounds of one head ("gastheer", "gastland": a host): a
 * shared start of at least four letters that is at least half of the shorter.
 */
const sameHead = (a: string, b: string) => {
  let shared = 0;
  while (shared < a.length && a[shared] === b[shared]) shared++;
  return a === b || (shared >= 4 && shared * 2 >= Math.min(a.length, b.length));
};

/**
 * The letter's own country where the text gives it, in so many words, the role a which-country
 * question asks about: "organiseerde Nederland als gastland" for "welk land was gastheer?".
 * Elsewhere it is the actor of nearly every sentence ("Nederland verwelkomde de richtlijn"), not
 * the answer to "which countries block the directive?".
 */
export function homeInAskedRole(
  text: string,
  language: Language,
  asked: ReadonlySet<string>,
): string | undefined {
  // "Welk land": the question's word for a country names no role.
  const role = [...asked].filter((a) => !COUNTED_CLASS_STEMS[language].states.has(a));
  const words = text.split(/\s+/);
  const bare = (i: number) => words[i]?.replace(/^\P{L}+|\P{L}+$/gu, "") ?? "";
  const namesRole = (i: number) =>
    [bare(i - 1), bare(i - 2)].some((w) => AS_ROLE[language].test(w)) &&
    analyze(bare(i), language).some((stem) => role.some((a) => sameHead(a, stem)));
  for (let i = 0; i < words.length; i++) {
    if (!HOME.has(bare(i))) continue;
    for (let j = Math.max(0, i - HOME_ROLE_WINDOW); j <= i + HOME_ROLE_WINDOW; j++) {
      if (j !== i && namesRole(j)) return bare(i);
    }
  }
  return undefined;
}

const MONTH_NAME = new RegExp(`\\b(?:${MONTHS.en}|${MONTHS.nl})\\b`, "i");

/** Whether a date span names a point of the calendar (a year, a month, a quarter), not "this year". */
export const namesCalendarDate = (span: string): boolean =>
  /\d/.test(span) || MONTH_NAME.test(span);

/** Every country or place the text names, in order, repeats included. */
function countriesIn(text: string, language: Language): string[] {
  return text.match(COUNTRY_NAME[language]) ?? [];
}

/**
 * Found spans by text, then by kind and language. The texts searched are the letter's sentences and
 * footnotes, a few hundred, searched again for every question; the bound only guards against
 * callers that pass other texts.
 */
const foundSpans = new LRUCache<string, Map<string, readonly string[]>>({ max: 4096 });

/** Every answer of the kind found in the text, longest first within a pattern's matches. */
export function spansOfKind(text: string, kind: AnswerKind, language: Language): readonly string[] {
  let byKind = foundSpans.get(text);
  if (!byKind) {
    byKind = new Map();
    foundSpans.set(text, byKind);
  }
  const key = `${kind}:${language}`;
  let spans = byKind.get(key);
  if (!spans) {
    spans = findSpans(text, kind, language);
    byKind.set(key, spans);
  }
  return spans;
}

function findSpans(text: string, kind: AnswerKind, language: Language): readonly string[] {
  // A city is a place that is no country: "in La Hulpe" answers "in which city?", the host
  // country does not.
  if (kind === "city") {
    return spansOfKind(text, "place", language).filter((span) => !NAMES_COUNTRY.test(span));
  }
  if (kind === "country") {
    // A list of countries where there is one, else each country named (but the letter's own).
    const named = countriesIn(text, language).filter((c) => !NOT_ASKED_ABOUT.has(c));
    if (named.length === 0) return [];
    return [...spansOfKind(text, "list", language), ...named];
  }
  if (!(kind in PATTERNS)) return [];
  const patterns = PATTERNS[kind as keyof typeof PATTERNS][language];
  const spans: string[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      const at = match.index ?? 0;
      let span = match[0].trim();
      if (kind === "quantity") span = quantityPhrase(text, at, at + match[0].length, language);
      if (kind === "place" && NOT_A_PLACE.test(span.replace(/^\S+ /, ""))) continue;
      // The letter's own country is the actor of nearly every sentence ("Nederland ondertekende…"),
      // not where something happened; "in Nederland" is found as a place by the second pattern.
      if (kind === "place" && HOME.has(span)) continue;
      // A name runs on through "of", "and", "the" only when a name follows: "the President of the
      // European Commission and the former…" ends at Commission.
      if (kind === "person") span = span.replace(/(?:\s+(?:and|of|the|en|van|de|het))+$/i, "");
      if (span.length > 0 && text.includes(span)) spans.push(span);
    }
  }
  if (kind === "place") {
    const hosted = homeAsPlace(text, language);
    if (hosted) spans.push(hosted);
  }
  return spans;
}

/**
 * The letter's own country in a role that is itself a country ("Nederland als gastland", "the
 * Netherlands, as host country"): where something took place, though elsewhere it is the actor.
 */
function homeAsPlace(text: string, language: Language): string | undefined {
  const words = text.split(/\s+/);
  const bare = (i: number) => words[i]?.replace(/^\P{L}+|\P{L}+$/gu, "") ?? "";
  const isCountry = (word: string) =>
    COUNTED_CLASSES[language].states.some((state) => word.toLowerCase().endsWith(state));
  for (let i = 0; i < words.length; i++) {
    if (!HOME.has(bare(i))) continue;
    const as = [i + 1, i + 2].find((j) => AS_ROLE[language].test(bare(j)));
    const role = as === undefined ? undefined : [as + 1, as + 2].find((j) => isCountry(bare(j)));
    if (role !== undefined)
      return words
        .slice(i, role + 1)
        .join(" ")
        .replace(/\P{L}+$/u, "");
  }
  return undefined;
}

/** Whether the text holds an answer of the kind; two countries named make a list of countries. */
export function hasKind(text: string, kind: AnswerKind, language: Language): boolean {
  if (spansOfKind(text, kind, language).length > 0) return true;
  if (kind !== "list") return false;
  const countries = countriesIn(text, language);
  return new Set(countries.filter((c) => !HOME.has(c))).size >= 2;
}

/** Each kind of counted thing as the stems of its words, per language. */
const classStems = (language: Language): Record<CountedClass, ReadonlySet<string>> => {
  const stems = (words: readonly string[]) => new Set(words.flatMap((w) => analyze(w, language)));
  const { people, organisations, states } = COUNTED_CLASSES[language];
  return { people: stems(people), organisations: stems(organisations), states: stems(states) };
};
const COUNTED_CLASS_STEMS: Record<Language, Record<CountedClass, ReadonlySet<string>>> = {
  en: classStems("en"),
  nl: classStems("nl"),
};

/**
 * Whether a number's phrase counts what the question counts: "32 European countries" answers "how
 * many countries", not "how many people"; "twice" and "twee keer" answer "how many times". With
 * `alike`, a number of the same kind of thing in other words counts too ("four individuals" for
 * "how many people").
 */
export function countsAsked(
  span: string,
  counted: readonly string[],
  language: Language,
  { alike = true }: { alike?: boolean } = {},
): boolean {
  if (counted.length === 0) return true;
  const stems = analyze(span, language);
  if (stems.some((stem) => counted.includes(stem))) return true;
  if (
    counted.some((stem) => /^(?:time|keer|maal)/.test(stem)) &&
    /\b(?:once|twice|times|keer|maal)\b/i.test(span)
  ) {
    return true;
  }
  return (
    alike &&
    Object.values(COUNTED_CLASS_STEMS[language]).some(
      (kind) => stems.some((s) => kind.has(s)) && counted.some((s) => kind.has(s)),
    )
  );
}
