import { phrasePatterns } from "./phrases.js";

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
  en: ["it", "its", "they", "them", "their", "this", "that", "these", "those", "there"],
  nl: [
    "het",
    "hij",
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
