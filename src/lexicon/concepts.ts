import type { Language } from "../letter/types.js";
import { anyOf, type Phrases } from "./phrases.js";

/**
 * Language rules by concept, each with its words in both languages of the questions. A concept's
 * words are what a question may say to mean it, in any phrasing around them.
 */

/** The answer's languages by their names: "and in Dutch?", "kan dat in het Engels?". */
export const LANGUAGE_NAMES: Record<Language, Record<Language, readonly string[]>> = {
  en: { en: ["english"], nl: ["dutch"] },
  nl: { en: ["engels", "engelse"], nl: ["nederlands", "nederlandse", "hollands"] },
};

/** Words before a language asked for: "in het Engels", "into Dutch", "naar het Nederlands". */
export const BEFORE_LANGUAGE: readonly string[] = ["in", "into", "to", "naar", "het", "op"];

/** Courtesy after a language asked for: "English please", "Engels graag", "dutch pls". */
export const COURTESY: Record<Language, readonly string[]> = {
  en: ["please", "pls", "plz", "thanks", "thx", "too", "instead"],
  nl: ["graag", "aub", "alsjeblieft", "alstublieft", "ajb", "svp", "bedankt", "ook", "dan"],
};

/** Words that ask to say or translate something, besides the language asked for. */
export const RESTATE_WORDS: Record<Language, readonly string[]> = {
  en: [
    "say",
    "said",
    "translate",
    "translated",
    "translation",
    "answer",
    "repeat",
    "version",
    "give",
    "explain",
    "again",
  ],
  nl: [
    "zeggen",
    "vertalen",
    "vertaald",
    "vertaling",
    "antwoord",
    "herhalen",
    "versie",
    "geven",
    "uitleggen",
    "nog",
    "eens",
    "even",
    "dat",
    "ook",
  ],
};

/**
 * A request for a name: "what's her name?", "hoe heet die ambassadeur?", "what are they called?".
 * Whose name depends on what it is asked of. "The so-called directive" names it, asks nothing.
 */
export const NAME_REQUEST: Record<Language, RegExp> = {
  en: /\b(?:names?|named|(?<!so-)called)\b/i,
  nl: /\b(?:naam|namen|heet|heten)\b/i,
};

/** Words for people: who they are, or an office they hold. */
const PEOPLE_WORDS: Phrases = {
  en: [
    "who",
    "whom",
    "individuals",
    "individual",
    "people",
    "persons",
    "person",
    "officials",
    "official",
    "envoys",
    "ambassador",
    "commissioner",
    "representative",
    "minister",
    "ministers",
    "he",
    "she",
    "his",
    "her",
    "him",
  ],
  nl: [
    "wie",
    "hij",
    "hem",
    "individuen",
    "personen",
    "persoon",
    "mensen",
    "ambtenaren",
    "ambtenaar",
    "gezanten",
    "ambassadeur",
    "commissaris",
    "vertegenwoordiger",
    "minister",
    "ministers",
  ],
};

/**
 * Offices a person holds, as the last part of a word ("mensenrechtenambassadeur",
 * "Equality Commissioner"): asked who holds one, a question asks for that person.
 */
const OFFICES: Phrases = {
  en: ["ambassador", "commissioner", "representative", "envoy", "minister"],
  nl: ["ambassadeur", "commissaris", "vertegenwoordiger", "gezant", "minister"],
};

/**
 * People as a question names them, whether by who they are or by the office they hold, also as the
 * last part of a word: a name asked of them is a person's name ("the names of the four
 * individuals", "hoe heet die mensenrechtenambassadeur?"), not an organisation's.
 */
export const PEOPLE: Record<Language, RegExp> = {
  en: new RegExp(`\\b(?:${anyOf(PEOPLE_WORDS.en)}|(?:${OFFICES.en.join("|")})s?)\\b`, "iu"),
  nl: new RegExp(
    `\\b(?:${anyOf(PEOPLE_WORDS.nl)}|\\p{L}*(?:${OFFICES.nl.join("|")})(?:s|en)?)\\b`,
    "iu",
  ),
};

/** People by their number or kind rather than by an office: "the four individuals", "die personen". */
const PERSONS: Phrases = {
  en: ["individual", "person", "people", "official"],
  nl: ["individu", "persoon", "personen", "mensen", "ambtena"],
};

/**
 * Verbs that put a person in an office: asked who "became" or "was appointed" the commissioner,
 * a question asks who holds it.
 */
const TAKES_OFFICE: Phrases = {
  en: [
    "became",
    "becomes",
    "will become",
    "has become",
    "ended up as",
    "ends up as",
    "was appointed",
    "has been appointed",
    "got appointed",
    "was named",
    "was chosen as",
    "was elected",
    "got the job as",
    "took over as",
    "replaced",
    "succeeded",
  ],
  nl: [
    "werd",
    "wordt",
    "is geworden",
    "werd benoemd tot",
    "is benoemd tot",
    "wordt benoemd tot",
    "werd gekozen tot",
    "is gekozen tot",
    "volgde",
    "volgt",
    "verving",
  ],
};

/**
 * "Who is the ambassador…?", "wie is de mensenrechtenambassadeur die…?", "wie waren die vier
 * personen?", "who became the new commissioner?": who holds an office, or who some people were,
 * asks for a person's name, not the office or the people again; "now" or "then" may say when.
 */
export const OFFICE_HOLDER_ASKED: Record<Language, RegExp> = {
  en: new RegExp(
    `\\bwho(?:'s| is| was| are| were| (?:${anyOf(TAKES_OFFICE.en)})) (?:(?:now|currently|actually|then|eventually|finally) )?(?:(?:the|those|these|that|this|a|an) )?(?:\\p{L}+ ){0,3}?(?:${[...OFFICES.en, ...PERSONS.en].join("|")})\\p{L}*\\b`,
    "iu",
  ),
  nl: new RegExp(
    `\\bwie (?:is|was|zijn|waren|${anyOf(TAKES_OFFICE.nl)}) (?:(?:nu|momenteel|eigenlijk|dan|toen|uiteindelijk) )?(?:(?:de|die|deze|dat|dit) )?(?:\\p{L}+ ){0,3}?\\p{L}*(?:${[...OFFICES.nl, ...PERSONS.nl].join("|")})\\p{L}*\\b`,
    "iu",
  ),
};

/**
 * Kinds of things a question counts, each named in many words: "how many people" is answered by
 * "four individuals", "how many organisations" by "two entities", "how many countries" by
 * "seventeen member states".
 */
export type CountedClass = "people" | "organisations" | "states";
export const COUNTED_CLASSES: Record<
  Language,
  Readonly<Record<CountedClass, readonly string[]>>
> = {
  en: {
    people: ["people", "persons", "individuals", "officials", "men", "women", "children"],
    organisations: [
      "organisations",
      "organizations",
      "entities",
      "groups",
      "bodies",
      "companies",
      "ngos",
    ],
    states: ["countries", "country", "states", "nations", "member states"],
  },
  nl: {
    people: ["mensen", "personen", "individuen", "ambtenaren", "mannen", "vrouwen", "kinderen"],
    organisations: ["organisaties", "entiteiten", "groepen", "instellingen", "bedrijven", "ngo's"],
    states: ["landen", "land", "staten", "lidstaten", "lidstaat", "naties"],
  },
};

/** The word that gives a noun its role: "Nederland als gastland", "the Netherlands, as host country". */
export const AS_ROLE: Record<Language, RegExp> = { en: /^as$/i, nl: /^als$/i };

/** A person's name as a letter writes it: initials and a surname ("C.C.J. Veldkamp"). */
export const PERSONAL_NAME = /(?:\p{Lu}\.){1,4}\s?\p{Lu}\p{Ll}+/u;
