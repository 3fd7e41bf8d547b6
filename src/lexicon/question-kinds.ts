import type { Language } from "../letter/types.js";
import { OVERVIEW_REQUEST } from "./overview.js";
import { anyOf, phrasePatterns } from "./phrases.js";
import { EUROPEAN_COUNTRIES } from "./places.js";

/** What a question asks for: the kind of thing its answer must contain. */
export type AnswerKind =
  | "person"
  | "country"
  | "date"
  | "quantity"
  | "amount"
  | "place"
  | "city"
  | "list"
  | "document"
  | "yesno"
  | "reason"
  | "stance"
  | "outcome"
  | "overview"
  | "meta"
  | "expansion"
  | "open";

/**
 * Kinds a sentence holds by how it states something rather than by a span: the cabinet's view ("is
 * van mening", "acht het positief", "verwelkomde") answers "what is its position on…"; how it
 * went ("argued – successfully – for…", "tevergeefs") answers "did they get their way?".
 */
export const STATED = {
  stance: {
    nl: /\b(?:is van mening|acht(?:te)? het|vindt|vond|maakt zich zorgen|verwelkom\w*|betreurt|veroordeel\w*|is positief|belang van)\b/i,
    en: /\b(?:is of the view|considers? it|considered it|believes?|is concerned|welcomed?|welcomes|regrets?|condemn\w*|positive|importance of)\b/i,
  },
  outcome: {
    en: /\b(?:successfully|with success|succeeded|managed to|failed|in vain|without success|unsuccessful(?:ly)?|to no avail)\b/i,
    nl: /\b(?:met succes|succesvol|slaagde|slaagden|geslaagd|gelukt|lukte|tevergeefs|zonder succes|mislukt|mislukte)\b/i,
  },
} satisfies Partial<Record<AnswerKind, Record<Language, RegExp>>>;

export interface KindPattern {
  kind: AnswerKind;
  /** Matched at the question's opening only (its wh-word). */
  opening?: boolean;
  en: RegExp;
  nl: RegExp;
}

/**
 * Words that speak of an abbreviation's meaning, in a question ("what does SRHR stand for?") and in
 * the text that spells one out ("Lhbtiq+ is een afkorting voor…").
 */
export const ABBREVIATION: Record<Language, RegExp> = {
  // "…who organised it I mean" repairs the question; it asks no meaning.
  en: /\b(?:stands? for|abbreviation|acronym|short for|spelled out|in full|full term)\b|(?<!\b(?:i|we)\s+)\bmeans?(?=\s*(?:[?.!]|$))/i,
  nl: /\b(?:(?:waar|wat) sta(?:at|an)\b.*\bvoor\b|afkorting|acroniem|voluit|betekent|betekenen)/i,
};

/** A word with two capitals at least, so an abbreviation ("RvE", "IGLYO", "LGBTIQ+"). Case matters. */
const ABBREVIATION_WORD = "\\p{Lu}[\\p{L}\\p{N}]*\\p{Lu}[\\p{L}\\p{N}+]*";
export const ABBREVIATION_WORDS = new RegExp(`(?<!\\p{L})${ABBREVIATION_WORD}(?!\\p{L})`, "u");
const WHOLE_ABBREVIATION = new RegExp(`^${ABBREVIATION_WORD}$`, "u");
export const isAbbreviation = (term: string): boolean => WHOLE_ABBREVIATION.test(term);

/**
 * "What is the RvE?": asked what an abbreviation is, and nothing more of it, the question asks what
 * it stands for.
 */
const ABBREVIATION_ASKED = `(?:${ABBREVIATION_WORD})(?: \\p{Lu}{2,}[\\p{L}+]*)*`;
export const WHAT_IS_ABBREVIATION: Record<Language, RegExp> = {
  en: new RegExp(
    `(?:^|[.?!]\\s+)[Ww]hat(?:'s|’s| is| are) (?:the |an? )?${ABBREVIATION_ASKED}\\s*(?:[?!.,]|$)`,
    "u",
  ),
  nl: new RegExp(
    `(?:^|[.?!]\\s+)[Ww]at (?:is|zijn|betekent) (?:de |het |een )?${ABBREVIATION_ASKED}\\s*(?:[?!.,]|$)`,
    "u",
  ),
};

/** A deadline or a timeline asked for ("is there a deadline for…?", "wat is de termijn?"): a date ahead. */
export const DEADLINE: Record<Language, RegExp> = {
  en: /\b(?:deadlines?|due date|timelines?|time ?frame|target date)\b/i,
  nl: /\b(?:deadlines?|termijn|tijdpad|streefdatum|einddatum|uiterste datum)\b/i,
};

/**
 * Up to two words that qualify the noun a which-question asks for ("which European umbrella
 * NGOs"), but no verb or article: "what were the member states looking back on?" asks no country.
 */
const QUALIFIERS: Record<Language, string> = {
  en: "(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|the|a|an)\\b)[\\p{L}-]+ ){0,2}?",
  nl: "(?:(?!(?:is|zijn|was|waren|heeft|hebben|had|hadden|zal|zullen|de|het|een)\\b)[\\p{L}-]+ ){0,2}?",
};

/**
 * A question whether there is a thing of a kind asks for that thing: "is there a date when the EU
 * will join?", "noemt de brief een bedrag?". The opening, to be followed by the kind's noun.
 */
const IS_THERE: Record<Language, string> = {
  en: "^(?:is there|are there|(?:does|do|did) (?:the|this) (?:letter|government|cabinet) (?:give|mention|name|say|state|set|have)|(?:do|does) (?:we|they|it) (?:know|have)) (?:already |yet |also )?(?:a |an |any )?(?:(?:specific|exact|concrete|fixed|set|official|firm) )?",
  nl: "^(?:is er|zijn er|(?:noemt|geeft|vermeldt|heeft) (?:de|deze) brief|(?:noemt|geeft|heeft) het kabinet|weten we) (?:al |ook |nog )?(?:een |enige )?(?:(?:concrete|exacte|vaste|officiële|harde) )?",
};

/** Question kinds by their wording, tried in order; the first that matches decides. */
export const KIND_QUESTIONS: KindPattern[] = [
  // What an abbreviation stands for: "what does SRHR stand for?", "waar staat IGLYO voor?".
  { kind: "expansion", ...ABBREVIATION },
  { kind: "expansion", ...WHAT_IS_ABBREVIATION },
  {
    kind: "overview",
    ...OVERVIEW_REQUEST,
  },
  {
    kind: "date",
    opening: true,
    en: new RegExp(
      `^(?:when|what (?:year|month|date|day)|which (?:year|month|date|day)|by when|since when|how long ago|what year|what date)\\b|${IS_THERE.en}(?:date|deadline|timeline|timetable|target date|time ?frame)\\b`,
      "i",
    ),
    nl: new RegExp(
      `^(?:wanneer|welk(?:e)? (?:jaar|maand|datum|dag)|sinds wanneer|per wanneer)\\b|${IS_THERE.nl}(?:datum|deadline|termijn|tijdpad|streefdatum|einddatum)\\b`,
      "i",
    ),
  },
  {
    kind: "document",
    en: /\b(?:which|what) (?:directive|regulation|declaration|strategy|strategies|document|convention|report|parliamentary (?:paper|questions?))s?(?: number)?\b|\b(?:directive|regulation|document|reference|official) (?:number|no\.?)\b|\bnumber of the (?:\w+ )?(?:directive|regulation)\b/i,
    nl: /\b(?:welk(?:e)? (?:richtlijn|verordening|verklaring|strategie|strategieën|document|verdrag|rapport|kamerstuk|kamervragen)(?:en)?|(?:nummer|kenmerk) van de (?:[\w-]*richtlijn|verordening)|richtlijnnummer)\b/i,
  },
  {
    // An amount of money, not a count of things: "five new countries" answers "how many", never
    // "how much did the ministry give?".
    kind: "amount",
    // Money named by its sign or its unit asks for an amount ("the € figure", "in euro's").
    en: /\b(?:how much (?:money|funding|did|does|do|will|was|is|has|have)|what (?:did|does|do|will|would)\b[^?.!]*\bcost\b|what (?:amount|budget|sum)|(?:exact|total) (?:amount|sum)|euros?|how high (?:is|was) the (?:grant|subsidy|budget|funding))\b|€/i,
    // What something cost, asked with "hoeveel" or "wat" as English asks "how much did it cost".
    nl: /\b(?:hoeveel (?:geld|euro|subsidie)|(?:hoeveel|wat)\b[^?.!]*\b(?:gekost|kost|kostte|kostten|uitgegeven|betaald)|welk(?:e)? (?:bedrag|budget|som)|(?:exacte|totale) (?:bedrag|som)|euro(?:'s)?|hoe hoog (?:is|was) (?:de|het) (?:subsidie|bedrag|budget))\b|€/i,
  },
  {
    kind: "quantity",
    en: /\b(?:how (?:many|much|often)|number of|what number|how many times|what (?:amount|share|percentage|budget|sum))\b/i,
    nl: /\b(?:hoeveel|hoe vaak|aantal|hoe groot|welk(?:e)? (?:bedrag|budget|som))\b/i,
  },
  {
    kind: "country",
    en: new RegExp(
      `\\b(?:which|what) ${QUALIFIERS.en}(?:country|countries|nations?|member states?)\\b`,
      "iu",
    ),
    nl: new RegExp(
      `\\b(?:welk(?:e)?) ${QUALIFIERS.nl}(?:land|landen|lidstaat|lidstaten|naties?)\\b`,
      "iu",
    ),
  },
  {
    kind: "list",
    // Up to two words may qualify the noun ("which European umbrella NGOs"); a Dutch compound
    // ends in it ("welke koepelorganisaties"). "List" asks as a request ("list the…", "a list
    // of…"), not as a noun ("on that list").
    en: new RegExp(
      `\\b(?:which|what|name the|list the) ${QUALIFIERS.en}(?:countries|member states|states|organi[sz]ations|ngos|institutions|sanctions|measures|penalties|punishments|bodies|groups|persons|people|topics|instruments|areas|partners)\\b|\\b(?:list (?:the|all|them|those|these|every)|a list of|(?:can|could|would) you list)\\b`,
      "iu",
    ),
    nl: new RegExp(
      `\\b(?:welke|noem de) ${QUALIFIERS.nl}\\p{L}*(?:landen|lidstaten|staten|organisaties|ngo'?s|instellingen|sancties|maatregelen|straffen|organen|groepen|personen|onderwerpen|instrumenten|terreinen|partners)\\b`,
      "iu",
    ),
  },
  {
    kind: "person",
    opening: true,
    en: /^(?:who|whom|whose|which (?:\p{L}+ )?(?:minister|ministry|ministries|official|body|organi[sz]ation|institution|ambassador|commissioner|presidency|committee|person|diplomat|envoy|representative|politician|civil servant))\b/iu,
    nl: /^(?:wie|welk(?:e)? (?:\p{L}+ )?(?:minister|ministerie|ministeries|functionaris|orgaan|organisatie|instelling|ambassadeur|commissaris|voorzitterschap|comité|persoon|diplomaat|gezant|vertegenwoordiger|politicus|ambtenaar|bewindspersoon))\b/iu,
  },
  {
    // A city or town, finer than a country: "in which city?", "waar in Nederland?" is not
    // answered by the host country.
    kind: "city",
    opening: true,
    en: new RegExp(
      `^(?:(?:in )?(?:which|what) (?:\\w+ )?(?:city|town|municipality)|where in (?:the )?(?:${anyOf(EUROPEAN_COUNTRIES.en)}))\\b`,
      "i",
    ),
    nl: new RegExp(
      `^(?:(?:in )?welke (?:stad|gemeente)|waar in (?:${anyOf(EUROPEAN_COUNTRIES.nl)}))\\b`,
      "i",
    ),
  },
  {
    kind: "place",
    opening: true,
    en: /^(?:where|which (?:\w+ )?place|what (?:\w+ )?place)\b/i,
    nl: /^(?:waar(?!om|over|voor|mee|bij|door|in|op|aan|van|naar)|welke plaats)\b/i,
  },
  {
    kind: "stance",
    opening: true,
    en: /^(?:what|how)\b.*\b(?:position|stance|view|views|opinion|think|thinks|feel|feels|assessment|verdict|make of)\b/i,
    nl: /^(?:wat|hoe)\b.*\b(?:standpunt|mening|vindt|vond|vinden|denkt|dacht|oordeel|positie|houding|kijkt|aankijkt)\b/i,
  },
  {
    kind: "reason",
    opening: true,
    ...phrasePatterns(
      { en: ["why", "for what reason", "how come"], nl: ["waarom", "om welke reden", "hoezo"] },
      "opening",
    ),
  },
  // A deadline or a timeline is a date, wherever the question names it, unless it asks for
  // another kind first ("which member states block it, and within what time frame?").
  { kind: "date", ...DEADLINE },
  // Whether something came off ("did the Dutch get their way?", "is het gelukt?") is answered by
  // the sentence that reports how it went, not by the ones that set the goal.
  {
    kind: "outcome",
    en: /\b(?:manage[ds]? to|succeed(?:ed|s)?|successful(?:ly)?|(?:get|got) (?:its|their|his|her) way|(?:get|got) what (?:it|they|he|she) wanted|(?:lose|lost|win|won) (?:the|that|this) (?:fight|battle|argument)|pull(?:ed)? (?:it|that) off|in vain|to no avail)\b/i,
    nl: /\b(?:gelukt|lukte|lukten|geslaagd|slaagde|slaagden|met succes|succesvol|tevergeefs|(?:zijn|haar|hun) zin (?:gekregen|kreeg|kregen)|(?:gewonnen|verloren|won|verloor) (?:het|de|dat|die) (?:pleit|strijd|gevecht))\b/i,
  },
  {
    kind: "yesno",
    ...phrasePatterns(
      {
        en: [
          "is",
          "are",
          "was",
          "were",
          "does",
          "do",
          "did",
          "has",
          "have",
          "had",
          "can",
          "could",
          "will",
          "would",
          "should",
        ],
        nl: [
          "is",
          "zijn",
          "was",
          "waren",
          "heeft",
          "hebben",
          "had",
          "hadden",
          "doet",
          "doen",
          "deed",
          "deden",
          "kan",
          "kunnen",
          "wil",
          "wilde",
          "zal",
          "zullen",
          "wordt",
          "worden",
          "werd",
          "werden",
          "steunt",
          "steunde",
          "staat",
          "gaat",
        ],
      },
      "opening",
    ),
  },
];

/** The wh-words that open a second question joined to the first, and what each asks for. */
export const JOINED_WH_WORDS: Record<Language, Record<string, AnswerKind>> = {
  en: { when: "date", where: "place", who: "person", "how many": "quantity" },
  nl: { wanneer: "date", waar: "place", wie: "person", hoeveel: "quantity" },
};

const joinedQuestion = (and: string, language: Language) =>
  new RegExp(`\\b(?:${and}|,) (${Object.keys(JOINED_WH_WORDS[language]).join("|")})\\b`, "i");

/** A second question joined to the first: "…, and when will it report again?". */
export const JOINED_QUESTION: Record<Language, RegExp> = {
  en: joinedQuestion("and", "en"),
  nl: joinedQuestion("en", "nl"),
};

/** A second question about the first one's subject, pointing back at it. */
export const MORE: Record<Language, RegExp> = {
  en: /(?:\band|,) (?:what|how|why) (?:is|are|was|were|does|do|did|has|have|will) (?:it|they|this|that|he|she)\b/i,
  nl: /(?:\ben|,) (?:wat|hoe|waarom|waaraan|waarmee) (?:doet|deed|doen|is|zijn|was|heeft|hebben|gaat|wil|werkt) (?:het|hij|zij|ze|dit|dat)\b/i,
};

/**
 * "Waar richt Nederland zich op (als voorzitter)?", "Waar wordt aan gewerkt?": "waar" with a
 * stranded preposition (closing the question, or before "als", a comma or a last verb) asks what,
 * not where. "…de verklaring over sociale rechten?" keeps its preposition with its phrase.
 */
export const SPLIT_PREPOSITION =
  /\b(?:op|aan|over|mee|naar|toe|uit|om|in|van|voor|bij)(?:\W*$|\s+als\b|\s*,|\s+\p{L}+(?:en|d|t)\W*$)/iu;

/** Asking how many times: "how often", "hoe vaak", "hoe dikwijls". */
export const HOW_OFTEN: Record<Language, RegExp> = {
  en: /\bhow often\b/i,
  nl: /\bhoe (?:vaak|dikwijls)\b/i,
};

/** The words after "how many", unless a verb follows it ("How many were added?" counts what was said before). */
export const COUNTED: Record<Language, RegExp> = {
  en: /\bhow (?:many|much)\s+(?!(?:were|was|are|is|have|has|had|did|do|does|will|would|can|could)\b)([^\s?,]+(?:\s+[^\s?,]+)?)/i,
  nl: /\bhoeveel\s+(?!(?:zijn|waren|werden|worden|wordt|werd|hebben|heeft|had|hadden|is|was|kwamen|komen|zullen|zal|kunnen|kan)\b)([^\s?,]+(?:\s+[^\s?,]+)?)/i,
};
