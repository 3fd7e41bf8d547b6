import type { Language } from "../letter/types.js";
import { phrasePatterns } from "./phrases.js";

/**
 * An acknowledgement of the previous answer that may open the next turn ("ok and…", "thanks, and…",
 * "oké, en…"): the turn goes on as if it opened with what follows.
 */
export const ACKNOWLEDGEMENT: Record<Language, RegExp> = {
  en: /^(?:ok(?:ay)?|right|cool|great|thanks|thank you|thx|got it|i see)\b[,.!]*\s*/i,
  nl: /^(?:ok(?:é|e)?|oké|top|prima|dank(?:je| je| u)?|bedankt|helder|duidelijk|ah)\b[,.!]*\s*/i,
};

/** Openings that mark a question as a continuation of the conversation. */
export const CONTINUATION = phrasePatterns(
  {
    en: ["and", "but", "also", "what about", "how about", "what else", "same for", "then"],
    nl: ["en", "maar", "ook", "hoe zit het met", "wat nog meer", "en wat", "verder", "idem"],
  },
  "opening",
);

/** Words that point back at something said before. */
export const BACK_REFERENCE = phrasePatterns({
  en: [
    "it",
    "its",
    "he",
    "him",
    "she",
    "her",
    "they",
    "them",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
  ],
  nl: [
    "het",
    "hij",
    "hem",
    "zij",
    "ze",
    "hun",
    "dit",
    "dat",
    "deze",
    "die",
    "daar",
    "daarvan",
    "daarover",
  ],
});

/** A question for more of what the conversation already named: "Welke landen nog meer?", "Who else?". */
export const ASKS_FOR_OTHERS = phrasePatterns({
  en: ["else", "other", "others", "besides", "apart from", "more of them", "any more"],
  nl: ["nog meer", "ook nog", "nog andere", "andere", "anders", "behalve", "naast"],
});

/**
 * A reference by position to something the previous answer named: "the second one", "the last
 * committee", "dat laatste comité". The first group is the position, the second what follows it.
 */
export const POSITIONAL_REFERENCE: Record<Language, RegExp> = {
  en: /\b(?:the|that|this) (first|second|third|fourth|fifth|last|latter|former)(?: ([\p{L}-]+))?/iu,
  nl: /\b(?:de|het|dat|die|deze) (eerste|tweede|derde|vierde|vijfde|laatste|laatstgenoemde)(?: ([\p{L}-]+))?/iu,
};

/** Each position word's place in the order named, counted from 1; -1 is the last. */
export const POSITIONS: Record<Language, Readonly<Record<string, number>>> = {
  en: { first: 1, former: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: -1, latter: -1 },
  nl: { eerste: 1, tweede: 2, derde: 3, vierde: 4, vijfde: 5, laatste: -1, laatstgenoemde: -1 },
};

/** Words after a position that stand for the thing itself rather than name its kind ("the second one"). */
export const STANDS_FOR_ITSELF = phrasePatterns(
  { en: ["one", "ones", "mentioned"], nl: ["ene", "genoemde"] },
  "whole",
);

/** After a position, a unit of time makes a time ("for the first time", "het afgelopen jaar"), not a reference. */
export const TIME_UNITS = phrasePatterns(
  {
    en: ["time", "times", "year", "years", "month", "months", "week", "weeks", "day", "days"],
    nl: ["keer", "maal", "jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen"],
  },
  "whole",
);
