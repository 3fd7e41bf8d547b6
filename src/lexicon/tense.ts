import type { Language } from "../letter/types.js";
import { phrasePattern, phrasePatterns } from "./phrases.js";

/** The finite verb right after a when-phrase: "When did…", "Wanneer organiseerde…", "Wanneer krijgen…". */
export const WHEN_VERB: Record<Language, RegExp> = {
  // An adverb may come first: "When exactly will…", "Wanneer precies zal…".
  en: /^(?:when|what (?:year|month|date|day)|which (?:year|month|date|day)|by when|since when)\s+(?:\p{L}+ly\s+)?(\S+)/iu,
  nl: /^(?:wanneer|welk(?:e)? (?:jaar|maand|datum|dag)|sinds wanneer|per wanneer)\s+(?:(?:precies|ongeveer|eigenlijk|nou|dan)\s+)?(\S+)/i,
};

/** Auxiliaries and strong verbs in the past: "When did…", "Wanneer kwam…". */
export const PAST_VERB = phrasePatterns(
  {
    en: ["did", "was", "were", "had", "has", "have"],
    nl: [
      "was",
      "waren",
      "werd",
      "werden",
      "had",
      "hadden",
      "deed",
      "deden",
      "kwam",
      "kwamen",
      "gaf",
      "gaven",
      "sprak",
      "spraken",
      "nam",
      "namen",
      "ging",
      "gingen",
      "vond",
      "vonden",
      "zag",
      "zagen",
      "liet",
      "lieten",
      "kreeg",
      "kregen",
      "ontving",
      "ontvingen",
      "hield",
      "hielden",
    ],
  },
  "whole",
);

/** Auxiliaries of the future: "When will…", "Wanneer zal…". */
export const FUTURE_VERB = phrasePatterns(
  { en: ["will", "shall", "'ll"], nl: ["zal", "zullen", "zult"] },
  "whole",
);

/** Dutch weak verbs form their past in -de(n) or -te(n): "organiseerde", "tekenden". */
export const NL_WEAK_PAST = /\p{L}{3,}(?:de|te|den|ten)$/u;

/** Dutch perfect: "Wanneer is de strategie aangenomen?", "Wanneer heeft Nederland getekend?". */
export const NL_PERFECT = phrasePattern(["is", "zijn", "heeft", "hebben"], "whole");
export const NL_PARTICIPLE =
  /(?:^ge|^(?:aan|op|in|uit|af|mee|toe|vast|door)ge|^(?:be|ver|ont|onder|her)\p{L}+[dt]$)\p{L}*$/iu;

/**
 * A question framed on what lies ahead ("next year's forum", "de volgende editie", "in de
 * toekomst"): a letter that looks back on a year answers it only where it looks ahead too.
 */
export const AHEAD: Record<Language, RegExp> = {
  en: /\b(?:next year(?:['’]s)?|the coming (?:year|years|months)|upcoming|in (?:the )?future|(?:the|its) next (?!step\b|steps\b)\p{L}+)/iu,
  nl: /\b(?:volgend jaar|komend(?:e)? (?:jaar|jaren|maanden|periode)|aanstaande|in de toekomst|(?:de|het) volgende (?!stap\b|stappen\b)\p{L}+)/iu,
};

/**
 * A start asked for ("since when…", "sinds wanneer…"): it lies in the past, whatever the tense of
 * the verb ("Since when is the Netherlands chair?").
 */
export const SINCE_WHEN: Record<Language, RegExp> = {
  en: /\bsince when\b/i,
  nl: /\b(?:sinds|vanaf) wanneer\b/i,
};

/** A date that tells since when a state has held ("sinds dit jaar", "since 2021"): a start in the past. */
export const SINCE_DATE: Record<Language, RegExp> = {
  en: /^since\b/i,
  nl: /^(?:sinds|vanaf)\b/i,
};

/** A sentence that speaks of what is still to come: "will", "zal", "next year". */
export const SPEAKS_AHEAD: Record<Language, RegExp> = {
  en: /\b(?:will|shall|next year|coming (?:year|years|months))\b/i,
  nl: /\b(?:zal|zullen|volgend jaar|komend(?:e)? (?:jaar|jaren|maanden))\b/i,
};

/**
 * A verb in the past tense in the letter's English rendering ("argued", "was", "did"): the
 * rendering is regular enough for the suffix, unlike a user's question.
 */
export const PAST_TENSE_EN = /\b(?:\p{L}{3,}ed|did|was|were|had)\b/iu;
